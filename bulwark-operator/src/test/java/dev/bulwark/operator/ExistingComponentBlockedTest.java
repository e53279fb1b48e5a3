package dev.bulwark.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.api.v1alpha1.ComponentSpec;
import dev.bulwark.api.v1alpha1.ComponentsSpec;
import dev.bulwark.api.v1alpha1.Condition;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.operator.live.CrdInstaller;
import dev.bulwark.operator.reconcile.ExistingChecks;
import dev.bulwark.operator.reconcile.StatusAggregator;
import dev.bulwark.operator.runtime.BulwarkOperator;
import dev.bulwark.operator.runtime.OperatorSettings;
import dev.bulwark.testkit.Needed;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Platform that adopts an Argo CD which is not there (ADR 0034) blocks the Platform and every
 * Tenant with {@code ExistingComponentNotFound}, naming the namespace, and nothing of theirs is
 * applied. The shared Platform gets its components back afterwards.
 */
@RealApiServer
class ExistingComponentBlockedTest {

  private static final Duration CONVERGE = Duration.ofSeconds(30);
  private static final String CERT_MANAGER = "cert-manager.io/v1";
  private static final String ISSUERS = "clusterissuers.cert-manager.io";
  private static BulwarkOperator operator;
  private static ComponentsSpec before;

  @BeforeAll
  static void start(KubernetesClient admin, Config config) {
    LiveFixture.installCrds(admin);
    before = LiveFixture.ensurePlatform(admin).getSpec().getComponents();
    operator = BulwarkOperator.start(config, OperatorSettings.local("existing-test"));
  }

  @AfterAll
  static void stop(KubernetesClient admin) {
    // a merge patch: the operator writes the Platform's status meanwhile
    ComponentSpec gitops = before == null ? null : before.getGitops();
    patchComponent(admin, "gitops", admin.getKubernetesSerialization().asJson(gitops));
    ComponentSpec certificates = before == null ? null : before.getCertificates();
    patchComponent(admin, "certificates", admin.getKubernetesSerialization().asJson(certificates));
    if (admin.apiextensions().v1().customResourceDefinitions().withName(ISSUERS).get() != null) {
      admin.genericKubernetesResources(CERT_MANAGER, "ClusterIssuer").withName("corp-ca").delete();
    }
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void anAdoptedArgoCdInAMissingNamespaceBlocksEverythingByName(KubernetesClient admin) {
    patchComponent(
        admin,
        "gitops",
        "{\"mode\": \"existing\", \"namespace\": \"argo-nowhere\","
            + " \"settings\": {\"repoURL\": \"https://git.example.test/gitops.git\"}}");
    admin.resource(LiveFixture.tenant("adopter", "dev")).create();

    Condition tenant =
        awaitReason(admin.resources(Tenant.class).withName("adopter")::get, "adopter");
    assertThat(tenant.getStatus()).isEqualTo("False");
    assertThat(tenant.getMessage())
        .contains("namespace argo-nowhere, which does not exist", "spec.components.gitops");
    Condition platform =
        awaitReason(
            admin.resources(Platform.class).withName(LiveFixture.PLATFORM)::get,
            LiveFixture.PLATFORM);
    assertThat(platform.getMessage()).contains("argo-nowhere");
    assertThat(admin.namespaces().withName("adopter-dev").get()).as("nothing applied").isNull();
    assertThat(admin.resources(Tenant.class).withName("adopter").get().getStatus().getInventory())
        .isNullOrEmpty();
    admin.resources(Tenant.class).withName("adopter").delete();
    patchComponent(
        admin,
        "gitops",
        admin.getKubernetesSerialization().asJson(before == null ? null : before.getGitops()));
  }

  @Test
  void anExistingClusterIssuerThatIsNotThereBlocksUntilItIs(KubernetesClient admin) {
    CrdInstaller crds = new CrdInstaller(admin);
    for (String crd : List.of("certificates", "clusterissuers")) {
      Optional<Path> file =
          SharedData.resolve("crds/cert-manager/cert-manager.io_" + crd + ".yaml");
      Needed.require(file.isPresent(), "../shared/crds/cert-manager (cert-manager's CRDs)");
      crds.installFile(file.get());
    }
    patchComponent(
        admin,
        "certificates",
        "{\"mode\": \"existing\", \"settings\": {\"issuer\": \"existing\","
            + " \"clusterIssuer\": \"corp-ca\"}}");
    var platform = admin.resources(Platform.class).withName(LiveFixture.PLATFORM);
    Condition blocked = awaitReason(platform::get, LiveFixture.PLATFORM);
    assertThat(blocked.getMessage()).contains("has no ClusterIssuer corp-ca", "clusterIssuer");

    GenericKubernetesResource issuer = new GenericKubernetesResource();
    issuer.setApiVersion(CERT_MANAGER);
    issuer.setKind("ClusterIssuer");
    issuer.setMetadata(new ObjectMetaBuilder().withName("corp-ca").build());
    issuer.setAdditionalProperty("spec", java.util.Map.of("selfSigned", java.util.Map.of()));
    admin.resource(issuer).create();
    // the operator does not watch adopted instances' objects: a change to the Platform re-checks
    patchComponent(admin, "certificates", "{\"settings\": {\"email\": \"ops@example.test\"}}");
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofMillis(200))
        .alias("the Platform no longer blocked once the ClusterIssuer exists")
        .until(() -> !ExistingChecks.NOT_FOUND.equals(ready(platform.get()).getReason()));
  }

  private static void patchComponent(KubernetesClient admin, String capability, String json) {
    admin
        .resources(Platform.class)
        .withName(LiveFixture.PLATFORM)
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\": {\"components\": {\"" + capability + "\": " + json + "}}}");
  }

  private static Condition awaitReason(
      java.util.function.Supplier<? extends CustomResource<?, ?>> live, String name) {
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofMillis(200))
        .alias("Ready=False, ExistingComponentNotFound on " + name)
        .until(
            () ->
                ready(live.get()) != null
                    && ExistingChecks.NOT_FOUND.equals(ready(live.get()).getReason()));
    return ready(live.get());
  }

  private static Condition ready(CustomResource<?, ?> resource) {
    if (resource == null
        || !(resource.getStatus() instanceof dev.bulwark.api.v1alpha1.ResourceStatus status)) {
      return null;
    }
    return StatusAggregator.find(status, StatusAggregator.READY).orElse(null);
  }
}
