package dev.bulwark.platform.pipeline;

import dev.bulwark.platform.stack.CustomResource;
import dev.bulwark.platform.stack.SyncWave;
import dev.bulwark.platform.stack.Values;
import dev.bulwark.render.Ownership;
import dev.bulwark.render.tenancy.TenancyUnit;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pipeline of one application and what starts it: a Pipeline of ordered stages, and the
 * TriggerBinding, TriggerTemplate and Trigger through which the tenant's EventListener runs it for
 * a push to the application's branch.
 */
final class AppPipeline {

  /** The label that puts an application's Trigger under its tenant's EventListener. */
  static final String LISTENER_LABEL = "bulwark.dev/pipeline-listener";

  /** The workspace every stage shares: the checkout. */
  static final String SOURCE = "source";

  /** The workspace only the build-push and sbom stages get: the robot account's docker config. */
  static final String REGISTRY_CREDENTIALS = "registry-credentials";

  /** The workspace only the sign stage gets: the platform's cosign key pair (ADR 0040). */
  static final String SIGNING_KEY = "signing-key";

  /** The workspace of the scanners' reports, apart from the checkout they scan (ADR 0039). */
  static final String REPORTS = "reports";

  /** The size of the reports' volume, claimed per run and deleted with it. */
  static final String REPORTS_SIZE = "256Mi";

  /** The size of the checkout's volume, claimed per run and deleted with it. */
  static final String SOURCE_SIZE = "1Gi";

  private AppPipeline() {}

  /**
   * The stages, in order: clone, test (when the build has a test command), sast, build-push, sbom,
   * scan, gate, promote (ADR 0039). Later capabilities insert theirs here (signatures between
   * build-push and gate); a stage reads an earlier one's results as {@code
   * $(tasks.<name>.results.<result>)}.
   */
  static List<Stage> stages(BuildModel build) {
    List<Stage> stages = new ArrayList<>();
    stages.add(
        new Stage(
            "clone",
            PipelineTasks.CLONE,
            Map.of("repo-url", build.repoURL(), "revision", "$(params.revision)"),
            List.of(SOURCE)));
    if (build.tested()) {
      stages.add(
          new Stage(
              "test",
              PipelineTasks.TEST,
              Map.of(
                  "image", build.testImage(),
                  "context", build.context(),
                  "command", build.testCommand()),
              List.of(SOURCE)));
    }
    stages.add(new Stage("sast", ScanTasks.SAST, Map.of(), List.of(SOURCE, REPORTS)));
    stages.add(
        new Stage(
            "build-push",
            PipelineTasks.BUILD_PUSH,
            Map.of(
                "image", build.image() + ":$(params.revision)",
                "context", build.context(),
                "dockerfile", build.dockerfile()),
            List.of(SOURCE, REGISTRY_CREDENTIALS)));
    stages.add(
        new Stage(
            "sbom",
            ScanTasks.SBOM,
            Map.of("image", "$(tasks.build-push.results.image)"),
            List.of(SOURCE, REPORTS, REGISTRY_CREDENTIALS)));
    stages.add(new Stage("scan", ScanTasks.SCAN, Map.of(), List.of(REPORTS)));
    stages.add(
        new Stage(
            "gate",
            ScanTasks.GATE,
            Map.of(
                "application", build.app(),
                "environment", build.firstEnvironment(),
                "digest", "$(tasks.build-push.results.digest)"),
            List.of(REPORTS)));
    // signs after everything that judged the image, before it is promoted (ADR 0040): the image,
    // its SBOM and the gate's decision, from the reports the earlier stages wrote
    stages.add(
        new Stage(
            "sign",
            PipelineTasks.SIGN,
            Map.of(
                "image", "$(tasks.build-push.results.image)",
                "sbom", ScanTasks.IMAGE_SBOM,
                "decision", ScanTasks.GATE_DECISION),
            List.of(REPORTS, REGISTRY_CREDENTIALS, SIGNING_KEY)));
    stages.add(
        new Stage(
            "promote",
            PipelineTasks.PROMOTE,
            Map.of(
                "application", build.app(),
                "environment", build.firstEnvironment(),
                "digest", "$(tasks.build-push.results.digest)"),
            List.of()));
    return stages;
  }

  static List<HasMetadata> objects(BuildModel build) {
    return List.of(pipeline(build), binding(build), template(build), trigger(build));
  }

  static HasMetadata pipeline(BuildModel build) {
    List<Map<String, Object>> tasks = new ArrayList<>();
    String previous = null;
    for (Stage stage : stages(build)) {
      Map<String, Object> task =
          Values.map(
              "name",
              stage.name(),
              "taskRef",
              Values.map("kind", "Task", "name", stage.task()),
              "params",
              new TreeMap<>(stage.params())
                  .entrySet().stream()
                      .map(p -> Values.map("name", p.getKey(), "value", p.getValue()))
                      .toList());
      if (previous != null) {
        task.put("runAfter", List.of(previous));
      }
      if (!stage.workspaces().isEmpty()) {
        task.put(
            "workspaces",
            stage.workspaces().stream().map(w -> Values.map("name", w, "workspace", w)).toList());
      }
      tasks.add(task);
      previous = stage.name();
    }
    return resource("tekton.dev/v1", "Pipeline", build)
        .spec(
            Values.map(
                "description",
                "Builds " + build.app() + " from " + build.repoURL() + " and promotes it.",
                "params",
                List.of(
                    Values.map(
                        "name",
                        "revision",
                        "type",
                        "string",
                        "description",
                        "The commit to build.")),
                "workspaces",
                List.of(
                    Values.map("name", SOURCE),
                    Values.map("name", REGISTRY_CREDENTIALS),
                    Values.map("name", SIGNING_KEY),
                    Values.map("name", REPORTS)),
                "results",
                List.of(Values.map("name", "image", "value", "$(tasks.build-push.results.image)")),
                "tasks",
                tasks))
        .build();
  }

  private static HasMetadata binding(BuildModel build) {
    return resource("triggers.tekton.dev/v1beta1", "TriggerBinding", build)
        .spec(
            Values.map(
                "params",
                List.of(Values.map("name", "revision", "value", "$(extensions.revision)"))))
        .build();
  }

  /**
   * The PipelineRun of a push: the checkout on a volume claimed for the run, the robot account's
   * Secret as the build's credentials, and the steps' files owned by their non-root user.
   */
  private static HasMetadata template(BuildModel build) {
    Map<String, Object> run =
        Values.map(
            "apiVersion",
            "tekton.dev/v1",
            "kind",
            "PipelineRun",
            "metadata",
            Values.map("generateName", build.app() + "-", "labels", labels(build)),
            "spec",
            Values.map(
                "pipelineRef",
                Values.map("name", build.app()),
                "params",
                List.of(Values.map("name", "revision", "value", "$(tt.params.revision)")),
                "taskRunTemplate",
                Values.map(
                    "serviceAccountName",
                    CiNamespace.PIPELINE_ACCOUNT,
                    "podTemplate",
                    Values.map(
                        "securityContext", Values.map("fsGroup", PipelineTasks.NON_ROOT_USER))),
                "workspaces",
                List.of(
                    claimPerRun(SOURCE, SOURCE_SIZE),
                    claimPerRun(REPORTS, REPORTS_SIZE),
                    Values.map(
                        "name",
                        REGISTRY_CREDENTIALS,
                        "secret",
                        Values.map("secretName", TenancyUnit.REGISTRY_PULL_SECRET)),
                    Values.map(
                        "name",
                        SIGNING_KEY,
                        "secret",
                        Values.map("secretName", PipelineTasks.SIGNING_KEY_SECRET)))));
    return resource("triggers.tekton.dev/v1beta1", "TriggerTemplate", build)
        .spec(
            Values.map(
                "params",
                List.of(Values.map("name", "revision", "description", "The commit to build.")),
                "resourcetemplates",
                List.of(run)))
        .build();
  }

  /** A workspace on a volume claimed for one run and deleted with it. */
  private static Map<String, Object> claimPerRun(String name, String size) {
    return Values.map(
        "name",
        name,
        "volumeClaimTemplate",
        Values.map(
            "spec",
            Values.map(
                "accessModes",
                List.of("ReadWriteOnce"),
                "resources",
                Values.map("requests", Values.map("storage", size)))));
  }

  /**
   * The application's Trigger: a push to its branch of its repository, whichever Git host sent it
   * (the EventListener's trigger groups have verified and normalised the event).
   */
  private static HasMetadata trigger(BuildModel build) {
    Map<String, String> labels = labels(build);
    labels.put(LISTENER_LABEL, build.tenant());
    return CustomResource.of("triggers.tekton.dev/v1beta1", "Trigger")
        .name(build.app())
        .namespace(build.namespace())
        .labels(labels)
        .wave(SyncWave.TENANTS)
        .spec(
            Values.map(
                "interceptors",
                List.of(
                    Values.map(
                        "name",
                        "repository-and-branch",
                        "ref",
                        Values.map("kind", "ClusterInterceptor", "name", "cel"),
                        "params",
                        List.of(Values.map("name", "filter", "value", filter(build))))),
                "bindings",
                List.of(Values.map("kind", "TriggerBinding", "ref", build.app())),
                "template",
                Values.map("ref", build.app())))
        .build();
  }

  /**
   * The CEL filter of a push to the build's branch of its repository. Git hosts write a
   * repository's URL with or without {@code .git}; both are accepted.
   */
  static String filter(BuildModel build) {
    String url = build.repoURL();
    String bare = url.endsWith(".git") ? url.substring(0, url.length() - 4) : url;
    return "body.ref == "
        + cel("refs/heads/" + build.branch())
        + " && extensions.repository.exists(u, u == "
        + cel(bare)
        + " || u == "
        + cel(bare + ".git")
        + ")";
  }

  /** A CEL string literal of {@code text}. */
  static String cel(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static Map<String, String> labels(BuildModel build) {
    Map<String, String> labels = new TreeMap<>(Ownership.platform());
    labels.put(dev.bulwark.api.BulwarkLabels.APPLICATION, build.app());
    return labels;
  }

  private static CustomResource resource(String apiVersion, String kind, BuildModel build) {
    return CustomResource.of(apiVersion, kind)
        .name(build.app())
        .namespace(build.namespace())
        .labels(labels(build))
        .wave(SyncWave.TENANTS);
  }
}
