package dev.bulwark.testkit.cluster;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.testkit.Needed;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceConversionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tekton PipelineRuns on a real API server without Tekton: Tekton's upstream PipelineRun CRD from
 * {@code ../shared/crds} and runs whose status a test writes as Tekton's controller would.
 */
public final class TektonPipelineRuns {

  public static final ResourceDefinitionContext KIND =
      new ResourceDefinitionContext.Builder()
          .withGroup("tekton.dev")
          .withVersion("v1")
          .withKind("PipelineRun")
          .withPlural("pipelineruns")
          .withNamespaced(true)
          .build();

  public static final ResourceDefinitionContext TASK_RUN =
      new ResourceDefinitionContext.Builder()
          .withGroup("tekton.dev")
          .withVersion("v1")
          .withKind("TaskRun")
          .withPlural("taskruns")
          .withNamespaced(true)
          .build();

  private TektonPipelineRuns() {}

  /** Installs Tekton's TaskRun CRD, as {@link #install} does the PipelineRun's. */
  public static void installTaskRuns(KubernetesClient admin) {
    install(admin, "taskruns.tekton.dev", "crds/tekton-pipeline/300-taskrun.yaml");
  }

  /**
   * Installs the CRD (skipping the test loudly, or failing on CI, without ../shared), unless the
   * API server has it already (another test of the JVM installed Tekton's CRDs from its chart). Its
   * conversion webhook is Tekton's own, absent here; both versions keep their schema, and only v1
   * (the stored one) is written and read, so no conversion is ever needed.
   */
  public static void install(KubernetesClient admin) {
    install(admin, "pipelineruns.tekton.dev", "crds/tekton-pipeline/300-pipelinerun.yaml");
  }

  private static void install(KubernetesClient admin, String name, String file) {
    if (admin.apiextensions().v1().customResourceDefinitions().withName(name).get() != null) {
      return;
    }
    Optional<Path> crd = SharedData.resolve(file);
    Needed.require(crd.isPresent(), "../shared/" + file + " (Tekton's CRD)");
    try (InputStream in = Files.newInputStream(crd.get())) {
      CustomResourceDefinition definition =
          admin.apiextensions().v1().customResourceDefinitions().load(in).item();
      definition
          .getSpec()
          .setConversion(new CustomResourceConversionBuilder().withStrategy("None").build());
      Crds.applyAndAwait(admin, definition);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The run {@code name} of {@code app} in {@code namespace} (created with the namespace if
   * absent), its Succeeded condition at {@code succeeded} (True, False or Unknown) and its
   * completion time, if any, as its status.
   */
  public static void report(
      KubernetesClient admin,
      String namespace,
      String app,
      String name,
      String succeeded,
      String completionTime) {
    admin
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .serverSideApply();
    GenericKubernetesResource run =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("tekton.dev/v1")
            .withKind("PipelineRun")
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(Map.of(BulwarkLabels.APPLICATION, app))
            .endMetadata()
            .withAdditionalProperties(Map.of("spec", Map.of("pipelineRef", Map.of("name", app))))
            .build();
    GenericKubernetesResource created =
        admin.genericKubernetesResources(KIND).inNamespace(namespace).resource(run).create();
    Map<String, Object> status = new HashMap<>();
    List<Map<String, Object>> conditions = new ArrayList<>();
    conditions.add(
        Map.of(
            "type",
            "Succeeded",
            "status",
            succeeded,
            "reason",
            "True".equals(succeeded)
                ? "Succeeded"
                : "False".equals(succeeded) ? "Failed" : "Running",
            "lastTransitionTime",
            "2026-12-04T00:00:00Z"));
    status.put("conditions", conditions);
    if (completionTime != null) {
      status.put("completionTime", completionTime);
    }
    created.setAdditionalProperty("status", status);
    admin.genericKubernetesResources(KIND).inNamespace(namespace).resource(created).updateStatus();
  }

  /**
   * Writes the Succeeded condition of the existing TaskRun {@code name} as Tekton's controller
   * would: {@code succeeded} (True, False or Unknown) with {@code reason} and {@code message}.
   */
  public static void reportTaskRun(
      KubernetesClient admin,
      String namespace,
      String name,
      String succeeded,
      String reason,
      String message) {
    GenericKubernetesResource run =
        admin.genericKubernetesResources(TASK_RUN).inNamespace(namespace).withName(name).get();
    run.setAdditionalProperty(
        "status",
        Map.of(
            // the CRD requires it; Tekton names the pod after the run
            "podName",
            name + "-pod",
            "conditions",
            List.of(
                Map.of(
                    "type", "Succeeded",
                    "status", succeeded,
                    "reason", reason,
                    "message", message,
                    "lastTransitionTime", "2026-12-04T00:00:00Z"))));
    admin.genericKubernetesResources(TASK_RUN).inNamespace(namespace).resource(run).updateStatus();
  }
}
