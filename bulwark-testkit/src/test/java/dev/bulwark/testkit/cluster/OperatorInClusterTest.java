package dev.bulwark.testkit.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.api.v1alpha1.ComponentSpec;
import dev.bulwark.api.v1alpha1.ComponentsSpec;
import dev.bulwark.api.v1alpha1.Condition;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.controlplane.ControlPlane;
import dev.bulwark.controlplane.Node;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.testkit.Needed;
import dev.bulwark.testkit.SpecObjects;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The operator runs in the cluster from its chart: {@code helm install} of {@code
 * deploy/helm/bulwark} with the locally built operator image (pinned by the digest the build
 * printed) on the real node. Both replicas become Ready (their probes answer), one holds the Lease,
 * the pods reach the API server through the {@code kubernetes} Service, the admission webhook
 * answers the API server from the pods through its Service, a Tenant is reconciled by the operator
 * in the pods, and a drain honours the PodDisruptionBudget. Prints the time from {@code helm
 * install} to both replicas Ready.
 */
@RealNode
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorInClusterTest {

  private static final String NS = HelmChart.NAMESPACE;
  private static final String RELEASE = "bulwark";
  private static final String TENANT = "incluster";
  private static final String PROBE_NS = "webhook-probe";
  private static final List<String> UPSTREAM_CRDS =
      List.of(
          "argo-cd/appproject-crd.yaml",
          "external-secrets/external-secrets.io_secretstores.yaml",
          "external-secrets/external-secrets.io_externalsecrets.yaml");
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

  private static OperatorRelease release;

  @BeforeAll
  static void installTheChart(KubernetesClient admin, ControlPlane plane, Node node)
      throws Exception {
    var helm = HelmChart.helm();
    Needed.require(helm.isPresent(), "a helm binary (tools/install-helm.sh)");
    Needed.require(
        node.hasImage("OPERATOR"),
        "the operator image: ./mvnw -B -ntp package -pl bulwark-cli -am -DskipTests, then"
            + " tools/build-images.sh");
    Optional<Path> crds = SharedData.resolve("crds");
    Needed.require(crds.isPresent(), "../shared/crds (Argo CD's and External Secrets' CRDs)");
    // the kinds a Tenant's objects include besides Kubernetes' own
    for (String file : UPSTREAM_CRDS) {
      try (var in = Files.newInputStream(crds.get().resolve(file))) {
        Crds.applyAndAwait(
            admin,
            admin.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class));
      }
    }
    release = new OperatorRelease(plane, helm.get(), RELEASE);
    long started = System.nanoTime();
    release.install(admin, node.image("OPERATOR"));
    try {
      awaitTrue("both replicas Ready", READY_TIMEOUT, () -> readyReplicas(admin) == 2);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; pods: " + podStates(admin), e);
    }
    System.out.printf(
        "OperatorInClusterTest: helm install to both operator replicas Ready: %.1f s%n",
        (System.nanoTime() - started) / 1e9);
  }

  @AfterAll
  static void uninstall(KubernetesClient admin) throws Exception {
    if (release == null) {
      return;
    }
    admin.nodes().withName(Node.NAME).edit(n -> unschedulable(n, false));
    // the Tenant and Platform first, while their operator still runs to clean up after them
    admin.resources(Tenant.class).withName(TENANT).withTimeout(2, TimeUnit.MINUTES).delete();
    admin.resources(Platform.class).withName("bulwark").withTimeout(2, TimeUnit.MINUTES).delete();
    admin.namespaces().withName(PROBE_NS).delete();
    release.uninstall();
  }

  @Test
  @Order(1)
  void bothReplicasRunTheBuiltImageOnTheNode(KubernetesClient admin, Node node) {
    String digest = node.image("OPERATOR").substring(node.image("OPERATOR").indexOf('@') + 1);
    List<Pod> pods = operatorPods(admin);
    assertThat(pods).hasSize(2);
    for (Pod pod : pods) {
      assertThat(pod.getSpec().getNodeName()).isEqualTo(Node.NAME);
      assertThat(pod.getStatus().getContainerStatuses())
          .hasSize(2)
          .allSatisfy(
              c -> {
                assertThat(c.getReady()).as(c.getName() + " ready").isTrue();
                assertThat(c.getImageID()).endsWith(digest);
              });
    }
  }

  @Test
  @Order(2)
  void oneReplicaHoldsTheLease(KubernetesClient admin) {
    List<String> names = operatorPods(admin).stream().map(p -> p.getMetadata().getName()).toList();
    awaitTrue(
        "a replica holds the Lease", Duration.ofMinutes(1), () -> names.contains(holder(admin)));
    assertThat(names).contains(holder(admin));
  }

  /**
   * Before any Platform exists (its ValidatingAdmissionPolicies would answer first), in a namespace
   * labelled as a tenant's: with failurePolicy Fail, an allowed request passes only if the webhook
   * answered, and a denied one carries the policy library's reason from the pods.
   */
  @Test
  @Order(3)
  void theWebhookInThePodsAnswersTheApiServer(KubernetesClient admin) {
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(PROBE_NS)
                .addToLabels("bulwark.dev/tenant", TENANT)
                .addToLabels("bulwark.dev/environment", "dev")
                .endMetadata()
                .build())
        .serverSideApply();
    // dry runs: admission runs in full, nothing is stored
    assertThat(dryRun(admin, "ClusterIP").getMetadata().getName()).isEqualTo("allowed");
    assertThatThrownBy(() -> dryRun(admin, "NodePort"))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("admission webhook \"policy.bulwark.dev\" denied the request")
        .hasMessageContaining("[platform-service-type] Service type NodePort");
  }

  /**
   * The operator in the pods renders and applies a Tenant. Ready=True would also need every
   * upstream operator the Platform installs (Argo CD, External Secrets, ...), which cannot run
   * here: the test asks for the operator's verdict on the current generation, past rendering, and
   * the Tenant's objects in the cluster.
   */
  @Test
  @Order(4)
  void theOperatorInThePodsReconcilesAPlatformAndATenant(KubernetesClient admin) {
    admin.resource(platform()).serverSideApply();
    admin.resource(SpecObjects.tenant(TENANT, "dev")).serverSideApply();
    String ns = TENANT + "-dev";
    awaitTrue(
        "Tenant " + TENANT + " rendered and applied",
        Duration.ofMinutes(3),
        () -> applied(admin) && admin.namespaces().withName(ns).get() != null);
    Condition ready = readyCondition(admin);
    System.out.printf(
        "OperatorInClusterTest: Tenant %s Ready=%s (%s): %s%n",
        TENANT, ready.getStatus(), ready.getReason(), ready.getMessage());
    assertThat(admin.namespaces().withName(ns).get().getMetadata().getLabels())
        .containsEntry("bulwark.dev/tenant", TENANT)
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    assertThat(
            admin
                .rbac()
                .roleBindings()
                .inNamespace(ns)
                .withLabel("app.kubernetes.io/managed-by", "bulwark")
                .list()
                .getItems())
        .isNotEmpty();
  }

  @Test
  @Order(5)
  void aDrainOfTheNodeHonoursTheDisruptionBudget(KubernetesClient admin) {
    admin.nodes().withName(Node.NAME).edit(n -> unschedulable(n, true));
    List<Pod> pods = operatorPods(admin);
    var first = admin.pods().inNamespace(NS).withName(pods.get(0).getMetadata().getName());
    var second = admin.pods().inNamespace(NS).withName(pods.get(1).getMetadata().getName());
    // minAvailable 1 of 2 Ready: one eviction is allowed; its replacement cannot be scheduled on
    // the cordoned node, so the second eviction would leave none and is refused (429)
    assertThat(first.evict()).as("first eviction").isTrue();
    assertThat(second.evict()).as("second eviction while the first is not replaced").isFalse();
    assertThat(second.get().getMetadata().getDeletionTimestamp()).isNull();
    admin.nodes().withName(Node.NAME).edit(n -> unschedulable(n, false));
    awaitTrue("both replicas Ready again", READY_TIMEOUT, () -> readyReplicas(admin) == 2);
  }

  /** A Platform the renderer accepts, with nothing else set: GitOps needs a repository. */
  private static Platform platform() {
    Platform platform = SpecObjects.platform("bulwark", "example.test");
    var components = new ComponentsSpec();
    var gitops = new ComponentSpec();
    gitops.setSettings(Map.of("repoURL", "https://git.example.test/platform.git"));
    components.setGitops(gitops);
    var certificates = new ComponentSpec();
    certificates.setSettings(Map.of("issuer", "selfsigned"));
    components.setCertificates(certificates);
    platform.getSpec().setComponents(components);
    return platform;
  }

  private static Service dryRun(KubernetesClient admin, String type) {
    Service service =
        new ServiceBuilder()
            .withNewMetadata()
            .withName(type.equals("ClusterIP") ? "allowed" : "denied")
            .addToLabels("bulwark.dev/tenant", TENANT)
            .addToLabels("app.kubernetes.io/name", "probe")
            .endMetadata()
            .withNewSpec()
            .withType(type)
            .addToSelector("app", "none")
            .addNewPort()
            .withPort(80)
            .endPort()
            .endSpec()
            .build();
    return admin.services().inNamespace(PROBE_NS).resource(service).dryRun().create();
  }

  private static io.fabric8.kubernetes.api.model.Node unschedulable(
      io.fabric8.kubernetes.api.model.Node node, boolean cordoned) {
    node.getSpec().setUnschedulable(cordoned ? Boolean.TRUE : null);
    return node;
  }

  private static List<Pod> operatorPods(KubernetesClient admin) {
    return admin
        .pods()
        .inNamespace(NS)
        .withLabel("app.kubernetes.io/component", "operator")
        .list()
        .getItems()
        .stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  private static String podStates(KubernetesClient admin) {
    return admin.pods().inNamespace(NS).list().getItems().stream()
        .map(p -> p.getMetadata().getName() + " " + p.getStatus().getContainerStatuses())
        .toList()
        .toString();
  }

  private static int readyReplicas(KubernetesClient admin) {
    Deployment deployment = admin.apps().deployments().inNamespace(NS).withName(RELEASE).get();
    Integer ready = deployment == null ? null : deployment.getStatus().getReadyReplicas();
    return ready == null ? 0 : ready;
  }

  private static String holder(KubernetesClient admin) {
    var lease = admin.leases().inNamespace(NS).withName("bulwark-operator").get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  /** The Tenant's Ready condition for its current generation, once the operator wrote one. */
  private static Condition readyCondition(KubernetesClient admin) {
    Tenant tenant = admin.resources(Tenant.class).withName(TENANT).get();
    if (tenant == null
        || tenant.getStatus() == null
        || tenant.getStatus().getConditions() == null) {
      return null;
    }
    return tenant.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()))
        .filter(c -> tenant.getMetadata().getGeneration().equals(c.getObservedGeneration()))
        .findFirst()
        .orElse(null);
  }

  /** Rendered and applied: Ready, or not Ready for a reason after the apply. */
  private static boolean applied(KubernetesClient admin) {
    Condition ready = readyCondition(admin);
    return ready != null
        && ("True".equals(ready.getStatus())
            || !List.of("PlatformNotFound", "RenderFailed", "InvalidSpec")
                .contains(ready.getReason()));
  }

  private static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " did not happen within " + timeout);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }
}
