package dev.bulwark.testkit.cluster;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.testkit.Needed;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Argo CD Applications on a real API server without Argo CD: Argo CD's upstream Application CRD
 * from {@code ../shared/crds}, and Applications whose status a test writes as Argo CD would report
 * it (the CRD has no status subresource, so the status is written with the object).
 */
public final class ArgoCdApplications {

  public static final String NAMESPACE = "argocd";

  /** The field manager of Argo CD's application controller. */
  public static final String ARGO_CD_CONTROLLER = "argocd-application-controller";

  public static final ResourceDefinitionContext KIND =
      new ResourceDefinitionContext.Builder()
          .withGroup("argoproj.io")
          .withVersion("v1alpha1")
          .withKind("Application")
          .withPlural("applications")
          .withNamespaced(true)
          .build();

  private ArgoCdApplications() {}

  /**
   * Installs the CRD (skipping the test loudly, or failing on CI, without ../shared) and the
   * namespace.
   */
  public static void install(KubernetesClient admin) {
    Optional<Path> crd = SharedData.resolve("crds/argo-cd/application-crd.yaml");
    Needed.require(crd.isPresent(), "../shared/crds/argo-cd/application-crd.yaml (Argo CD's CRD)");
    try (InputStream in = Files.newInputStream(crd.get())) {
      CustomResourceDefinition definition =
          admin.apiextensions().v1().customResourceDefinitions().load(in).item();
      Crds.applyAndAwait(admin, definition);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    admin
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
  }

  /**
   * The Application {@code <tenant>-<app>-<env>} with Bulwark's labels, reporting {@code sync},
   * {@code health} and {@code images} as its status.
   */
  public static void report(
      KubernetesClient admin,
      String tenant,
      String app,
      String env,
      String sync,
      String health,
      List<String> images) {
    admin
        .genericKubernetesResources(KIND)
        .inNamespace(NAMESPACE)
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion("argoproj.io/v1alpha1")
                .withKind("Application")
                .withNewMetadata()
                .withName(tenant + "-" + app + "-" + env)
                .withNamespace(NAMESPACE)
                .withLabels(
                    Map.of(
                        BulwarkLabels.TENANT, tenant,
                        BulwarkLabels.ENVIRONMENT, env,
                        BulwarkLabels.APPLICATION, app))
                .endMetadata()
                .withAdditionalProperties(
                    Map.of(
                        "spec",
                        Map.of(
                            "project",
                            tenant,
                            "source",
                            Map.of(
                                "repoURL",
                                "https://git.example.test/gitops.git",
                                "path",
                                "tenants/" + tenant + "/" + env),
                            "destination",
                            Map.of(
                                "server",
                                "https://kubernetes.default.svc",
                                "namespace",
                                tenant + "-" + env)),
                        "status",
                        Map.of(
                            "sync", Map.of("status", sync),
                            "health", Map.of("status", health),
                            "summary", Map.of("images", images))))
                .build())
        .forceConflicts()
        .serverSideApply();
  }

  /**
   * Reports the status of a component's Application (one the platform renders, already applied) the
   * way Argo CD's application controller does once it has compared the live objects with the
   * Application's source: {@code status.sync} with its status, the revision it synced (a Helm
   * chart's version as is; for a Git source a commit id, which Argo CD resolves a tag to) and
   * {@code comparedTo} (the source and destination it compared against), and {@code status.health}.
   * Written by server-side apply under Argo CD's field manager, status only, so the operator's
   * fields of the Application stay as they are.
   *
   * @param sync {@code Synced} or {@code OutOfSync}
   * @param health {@code Healthy}, {@code Progressing}, {@code Degraded}, ...
   * @return the revision reported, the Application's {@code spec.source.targetRevision}
   */
  public static String reportComponent(
      KubernetesClient admin, String namespace, String name, String sync, String health) {
    var live = admin.genericKubernetesResources(KIND).inNamespace(namespace).withName(name).get();
    if (live == null) {
      throw new IllegalStateException("no Argo CD Application " + namespace + "/" + name);
    }
    Map<String, Object> source = live.get("spec", "source");
    Map<String, Object> destination = live.get("spec", "destination");
    String revision = (String) source.get("targetRevision");
    String synced = source.get("chart") != null ? revision : commitOf(source, revision);
    Map<String, Object> status =
        Map.of(
            "sync",
            Map.of(
                "status",
                sync,
                "revision",
                synced,
                "comparedTo",
                Map.of("source", source, "destination", destination)),
            "health",
            Map.of("status", health),
            "reconciledAt",
            java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    admin
        .genericKubernetesResources(KIND)
        .inNamespace(namespace)
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion("argoproj.io/v1alpha1")
                .withKind("Application")
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withAdditionalProperties(Map.of("status", status))
                .build())
        .fieldManager(ARGO_CD_CONTROLLER)
        .forceConflicts()
        .serverSideApply();
    return revision;
  }

  /** A stand-in commit id for a Git source at a revision: stable, 40 hex digits, like Git's. */
  private static String commitOf(Map<String, Object> source, String revision) {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-1")
              .digest(
                  (source.get("repoURL") + "@" + revision)
                      .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
