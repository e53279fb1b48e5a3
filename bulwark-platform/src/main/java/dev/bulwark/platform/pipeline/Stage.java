package dev.bulwark.platform.pipeline;

import java.util.List;
import java.util.Map;

/**
 * One stage of an application's pipeline: a PipelineTask that runs a Task of the tenant's CI
 * namespace. A pipeline's stages run in list order; each one's {@code runAfter} is the stage before
 * it, so a stage is inserted by adding it to the list (see {@link AppPipeline#stages}).
 *
 * @param name the PipelineTask's name, which later stages read results from
 * @param task the Task it runs
 * @param params the Task's parameters, by name
 * @param workspaces the Task's workspaces, each bound to the pipeline's workspace of the same name
 */
record Stage(String name, String task, Map<String, String> params, List<String> workspaces) {

  Stage {
    params = Map.copyOf(params);
    workspaces = List.copyOf(workspaces);
  }
}
