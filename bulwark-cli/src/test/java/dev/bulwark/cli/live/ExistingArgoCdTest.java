package dev.bulwark.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.controlplane.ControlPlane;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.operator.live.CrdInstaller;
import dev.bulwark.testkit.Needed;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark apply} with an existing Argo CD (ADR 0034), on a real API server that already runs
 * one (each test in a namespace of its own, as the cluster is shared): Argo CD's CRDs from
 * upstream, its {@code argocd-cm}, and a team's own AppProject and Applications. Bulwark adds its
 * projects and Applications there and touches nothing else; an instance that is missing or lacks a
 * setting blocks the apply, and then nothing is applied.
 */
@RealApiServer
class ExistingArgoCdTest {

  private static final ResourceDefinitionContext APPLICATIONS = argo("applications", "Application");
  private static final ResourceDefinitionContext PROJECTS = argo("appprojects", "AppProject");

  /**
   * The Platform is acme, as in the other tests of this cluster: a cluster has one Platform, and a
   * second one would hold cluster-wide objects (admission policies) that acme's apply then may not
   * take over.
   */
  private static final String SPEC =
      """
      apiVersion: bulwark.dev/v1alpha1
      kind: Platform
      metadata: {name: acme}
      spec:
        domain: acme.example.com
        profile: minimal
        components:
          gitops:
            mode: existing
            namespace: NAMESPACE
            settings: {repoURL: "https://git.example.test/gitops.git"}
          gateway: {enabled: false}
          dns: {enabled: false}
          certificates: {enabled: false}
          secrets: {enabled: false}
          policy: {enabled: false}
          metrics: {enabled: false}
          logs: {enabled: false}
          identity: {enabled: false}
          registry: {enabled: false}
          ci: {enabled: false}
          database: {enabled: false}
          backup: {enabled: false}
          traces: {enabled: false}
          scanning: {enabled: false}
      ---
      apiVersion: bulwark.dev/v1alpha1
      kind: Tenant
      metadata: {name: TENANT}
      spec:
        environments: [{name: dev}]
        sourceRepos: ["https://git.example.test/TENANT/*"]
      ---
      apiVersion: bulwark.dev/v1alpha1
      kind: Application
      metadata: {name: web, namespace: TENANT-dev}
      spec:
        tenant: TENANT
        source: {repoURL: "https://git.example.test/TENANT/web.git", path: deploy}
      """;

  private static final String SECOND_TENANT =
      """
      ---
      apiVersion: bulwark.dev/v1alpha1
      kind: Tenant
      metadata: {name: late}
      spec:
        environments: [{name: dev}]
      """;

  @TempDir Path dir;

  /**
   * The API server is shared by this JVM's live tests, and an operator started by a later one
   * reconciles whatever is there: the tenants and applications this test applied go.
   */
  @AfterAll
  static void removeTheTenants(KubernetesClient admin) {
    for (String tenant : List.of("joined", "unset", "absent", "late")) {
      admin.resources(Application.class).inNamespace(tenant + "-dev").delete();
      admin.resources(Tenant.class).withName(tenant).delete();
    }
  }

  /** An Argo CD in {@code namespace}, with a team's own project and two Applications. */
  private static void anArgoCdRunsIn(KubernetesClient admin, String namespace) {
    Path crds = SharedData.resolve("crds/argo-cd").orElse(null);
    Needed.require(crds != null, "../shared/crds/argo-cd is absent: Argo CD's upstream CRDs");
    CrdInstaller installer = new CrdInstaller(admin);
    installer.installFile(crds.resolve("application-crd.yaml"));
    installer.installFile(crds.resolve("appproject-crd.yaml"));
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    admin
        .configMaps()
        .inNamespace(namespace)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("argocd-cm")
                .endMetadata()
                .addToData("resource.customizations.health.argoproj.io_Application", "hs = {}")
                .addToData("url", "https://argocd.team.example.test")
                .build())
        .create();
    create(
        admin,
        PROJECTS,
        foreign(namespace, "AppProject", "payments", Map.of("sourceRepos", List.of("*"))));
    for (String name : List.of("payments-api", "payments-db")) {
      create(admin, APPLICATIONS, foreign(namespace, "Application", name, application(name)));
    }
  }

  @Test
  void bulwarksObjectsJoinTheInstanceAndItsOwnStayUntouched(
      ControlPlane plane, KubernetesClient admin) throws Exception {
    String argocd = "argo-joined";
    anArgoCdRunsIn(admin, argocd);
    Map<String, String> before = foreignVersions(admin, argocd);

    CliRun apply = run("apply", write(spec(argocd, "joined")), "--kubeconfig", kube(plane));

    assertThat(apply.exit()).as(apply.out() + apply.err()).isZero();
    assertThat(names(admin, PROJECTS, argocd)).contains("bulwark-platform", "joined", "payments");
    assertThat(names(admin, APPLICATIONS, argocd))
        .contains("joined-web-dev", "payments-api", "payments-db");
    for (String project : List.of("bulwark-platform", "joined")) {
      assertThat(
              admin
                  .genericKubernetesResources(PROJECTS)
                  .inNamespace(argocd)
                  .withName(project)
                  .get()
                  .getMetadata()
                  .getLabels())
          .containsEntry(BulwarkLabels.MANAGED_BY, BulwarkLabels.MANAGED_BY_VALUE);
    }
    assertThat(admin.namespaces().withName("joined-dev").get()).isNotNull();
    assertThat(foreignVersions(admin, argocd)).isEqualTo(before);

    // status checks the adopted instance live: its owners removing the health check shows there
    removeHealthCheck(admin, argocd);
    CliRun status = run("status", "--kubeconfig", kube(plane));
    assertThat(status.exit()).isEqualTo(1);
    assertThat(status.out())
        .contains(
            "blocked: ExistingComponentMisconfigured",
            "resource.customizations.health.argoproj.io_Application");
  }

  @Test
  void aMissingSettingBlocksTheApplyAndNothingIsApplied(ControlPlane plane, KubernetesClient admin)
      throws Exception {
    String argocd = "argo-unset";
    anArgoCdRunsIn(admin, argocd);
    removeHealthCheck(admin, argocd);
    Map<String, String> before = foreignVersions(admin, argocd);

    CliRun apply =
        run("apply", write(spec(argocd, "unset") + SECOND_TENANT), "--kubeconfig", kube(plane));

    assertThat(apply.exit()).isEqualTo(1);
    assertThat(apply.err())
        .contains(
            "ExistingComponentMisconfigured",
            "resource.customizations.health.argoproj.io_Application",
            argocd + "/argocd-cm",
            "nothing applied");
    assertThat(names(admin, PROJECTS, argocd)).containsExactly("payments");
    assertThat(admin.namespaces().withName("unset-dev").get()).isNull();
    assertThat(admin.namespaces().withName("late-dev").get()).isNull();
    assertThat(foreignVersions(admin, argocd)).isEqualTo(before);
  }

  @Test
  void anInstanceInAMissingNamespaceBlocksWithTheNamespaceNamed(
      ControlPlane plane, KubernetesClient admin) throws Exception {
    CliRun apply = run("apply", write(spec("argo-absent", "absent")), "--kubeconfig", kube(plane));

    assertThat(apply.exit()).isEqualTo(1);
    assertThat(apply.err())
        .contains(
            "ExistingComponentNotFound",
            "namespace argo-absent, which does not exist",
            "spec.components.gitops.namespace");
    assertThat(admin.namespaces().withName("absent-dev").get()).isNull();
  }

  private static void removeHealthCheck(KubernetesClient admin, String argocd) {
    admin
        .configMaps()
        .inNamespace(argocd)
        .withName("argocd-cm")
        .edit(
            cm -> {
              cm.getData().remove("resource.customizations.health.argoproj.io_Application");
              return cm;
            });
  }

  private static String spec(String argocd, String tenant) {
    return SPEC.replace("NAMESPACE", argocd).replace("TENANT", tenant);
  }

  private static Map<String, String> foreignVersions(KubernetesClient admin, String argocd) {
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put(
        "ConfigMap argocd-cm",
        admin
            .configMaps()
            .inNamespace(argocd)
            .withName("argocd-cm")
            .get()
            .getMetadata()
            .getResourceVersion());
    for (ResourceDefinitionContext kind : List.of(PROJECTS, APPLICATIONS)) {
      for (GenericKubernetesResource object :
          admin.genericKubernetesResources(kind).inNamespace(argocd).list().getItems()) {
        if (!BulwarkLabels.MANAGED_BY_VALUE.equals(
            object.getMetadata().getLabels() == null
                ? null
                : object.getMetadata().getLabels().get(BulwarkLabels.MANAGED_BY))) {
          versions.put(
              object.getKind() + " " + object.getMetadata().getName(),
              object.getMetadata().getResourceVersion());
        }
      }
    }
    assertThat(versions).hasSize(4);
    return versions;
  }

  private static List<String> names(
      KubernetesClient admin, ResourceDefinitionContext kind, String argocd) {
    return admin.genericKubernetesResources(kind).inNamespace(argocd).list().getItems().stream()
        .map(o -> o.getMetadata().getName())
        .sorted()
        .toList();
  }

  private static GenericKubernetesResource foreign(
      String namespace, String kind, String name, Map<String, Object> spec) {
    GenericKubernetesResource object = new GenericKubernetesResource();
    object.setApiVersion("argoproj.io/v1alpha1");
    object.setKind(kind);
    object.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName(name)
            .withNamespace(namespace)
            .addToLabels("team", "payments")
            .build());
    object.setAdditionalProperty("spec", spec);
    return object;
  }

  private static Map<String, Object> application(String name) {
    return Map.of(
        "project",
        "payments",
        "source",
        Map.of("repoURL", "https://git.example.test/payments.git", "path", name),
        "destination",
        Map.of("server", "https://kubernetes.default.svc", "namespace", "payments"));
  }

  private static void create(
      KubernetesClient admin, ResourceDefinitionContext kind, HasMetadata object) {
    admin
        .genericKubernetesResources(kind)
        .inNamespace(object.getMetadata().getNamespace())
        .resource((GenericKubernetesResource) object)
        .create();
  }

  private static ResourceDefinitionContext argo(String plural, String kind) {
    return new ResourceDefinitionContext.Builder()
        .withGroup("argoproj.io")
        .withVersion("v1alpha1")
        .withPlural(plural)
        .withKind(kind)
        .withNamespaced(true)
        .build();
  }

  private String write(String spec) throws Exception {
    Path file = Files.createTempFile(dir, "spec", ".yaml");
    Files.writeString(file, spec);
    return file.toString();
  }

  private static String kube(ControlPlane plane) {
    return plane.kubeconfig().toString();
  }

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }
}
