package dev.bulwark.cli.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.controlplane.Node;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.Renderer;
import dev.bulwark.spec.SpecLoader;
import dev.bulwark.testkit.cluster.LeftBehind;
import dev.bulwark.testkit.cluster.ProbePods;
import dev.bulwark.testkit.cluster.RealNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tenancy Bulwark renders for acme's {@code web} tenant, applied to a cluster with a real node:
 * the Pod Security level of each environment (baseline in dev, restricted in prod) decides which
 * real pods are admitted, a LimitRange's defaults reach a running pod, and the ResourceQuota counts
 * the pods that run and refuses the one that would exceed it.
 */
@RealNode
class TenantPodsOnNodeTest {

  private static final Set<String> KINDS = Set.of("Namespace", "ResourceQuota", "LimitRange");
  private static List<HasMetadata> tenancy;

  @BeforeAll
  static void applyWebTenancy(KubernetesClient admin) {
    var loaded =
        SpecLoader.load(List.of(SharedData.repoDir().resolve("examples/acme").toString())).spec();
    tenancy =
        Renderer.standard().render(loaded).objects().stream()
            .filter(o -> "web".equals(o.tenant()) && o.environment() != null)
            .map(DesiredObject::object)
            .filter(o -> KINDS.contains(o.getKind()))
            .toList();
    assertThat(tenancy).extracting(HasMetadata::getKind).contains("Namespace", "ResourceQuota");
    // another node test may have used these namespaces and left them terminating
    LeftBehind.removeNamespaces(admin, Duration.ofMinutes(3), "web-dev", "web-prod");
    tenancy.stream()
        .filter(o -> o.getKind().equals("Namespace"))
        .forEach(o -> admin.resource(o).serverSideApply());
    tenancy.stream()
        .filter(o -> !o.getKind().equals("Namespace"))
        .forEach(o -> admin.resource(o).serverSideApply());
    for (String ns : List.of("web-dev", "web-prod")) {
      admin
          .serviceAccounts()
          .inNamespace(ns)
          .withName("default")
          .waitUntilCondition(sa -> sa != null, 1, TimeUnit.MINUTES);
    }
  }

  @AfterAll
  static void removeNamespaces(KubernetesClient admin) {
    LeftBehind.removeNamespaces(admin, Duration.ofMinutes(3), "web-dev", "web-prod");
  }

  @Test
  void aRootPodRunsInBaselineDevAndIsRefusedInRestrictedProd(KubernetesClient admin, Node node) {
    Pod root = asRoot(ProbePods.server("root-server", node.image("PROBE")));

    admin.pods().inNamespace("web-dev").resource(root).create();
    admin.pods().inNamespace("web-dev").withName("root-server").waitUntilReady(2, TimeUnit.MINUTES);

    assertThatThrownBy(() -> admin.pods().inNamespace("web-prod").resource(asRoot(root)).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("violates PodSecurity \"restricted:latest\"")
        .hasMessageContaining("runAsNonRoot");
  }

  @Test
  void aPrivilegedPodIsRefusedEvenInBaselineDev(KubernetesClient admin, Node node) {
    Pod privileged =
        new PodBuilder(ProbePods.server("privileged", node.image("PROBE")))
            .editSpec()
            .editFirstContainer()
            .editSecurityContext()
            .withPrivileged(true)
            .withAllowPrivilegeEscalation(true)
            .endSecurityContext()
            .endContainer()
            .endSpec()
            .build();

    assertThatThrownBy(() -> admin.pods().inNamespace("web-dev").resource(privileged).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("violates PodSecurity \"baseline:latest\"")
        .hasMessageContaining("privileged");
  }

  @Test
  void theQuotaCountsARunningPodAndRefusesTheOneBeyondIt(KubernetesClient admin, Node node) {
    BigDecimal hard = memoryLimitQuota("web-prod");
    Pod big =
        withMemoryLimit(
            ProbePods.server("big", node.image("PROBE")), hard.multiply(new BigDecimal("0.75")));
    admin.pods().inNamespace("web-prod").resource(big).create();
    admin.pods().inNamespace("web-prod").withName("big").waitUntilReady(2, TimeUnit.MINUTES);
    admin
        .resourceQuotas()
        .inNamespace("web-prod")
        .withName("bulwark-quota")
        .waitUntilCondition(
            q -> used(q).compareTo(hard.multiply(new BigDecimal("0.75"))) >= 0,
            1,
            TimeUnit.MINUTES);

    Pod beyond =
        withMemoryLimit(
            ProbePods.server("beyond", node.image("PROBE")), hard.divide(new BigDecimal(2)));
    assertThatThrownBy(() -> admin.pods().inNamespace("web-prod").resource(beyond).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("exceeded quota: bulwark-quota")
        .hasMessageContaining("limits.memory");
  }

  @Test
  void theLimitRangeDefaultsReachARunningPod(KubernetesClient admin, Node node) {
    LimitRange limits = (LimitRange) rendered("LimitRange", "web-prod");
    Quantity defaultMemory = limits.getSpec().getLimits().get(0).getDefault().get("memory");
    Pod bare =
        new PodBuilder(ProbePods.server("bare", node.image("PROBE")))
            .editSpec()
            .editFirstContainer()
            .withResources(null)
            .endContainer()
            .endSpec()
            .build();

    admin.pods().inNamespace("web-prod").resource(bare).create();
    Pod running =
        admin.pods().inNamespace("web-prod").withName("bare").waitUntilReady(2, TimeUnit.MINUTES);

    assertThat(running.getSpec().getContainers().get(0).getResources().getLimits())
        .containsEntry("memory", defaultMemory);
    assertThat(running.getStatus().getPhase()).isEqualTo("Running");
  }

  private static BigDecimal memoryLimitQuota(String namespace) {
    ResourceQuota quota = (ResourceQuota) rendered("ResourceQuota", namespace);
    return Quantity.getAmountInBytes(quota.getSpec().getHard().get("limits.memory"));
  }

  private static BigDecimal used(ResourceQuota quota) {
    Map<String, Quantity> used = quota.getStatus() == null ? null : quota.getStatus().getUsed();
    Quantity memory = used == null ? null : used.get("limits.memory");
    return memory == null ? BigDecimal.ZERO : Quantity.getAmountInBytes(memory);
  }

  private static HasMetadata rendered(String kind, String namespace) {
    return tenancy.stream()
        .filter(o -> o.getKind().equals(kind) && namespace.equals(o.getMetadata().getNamespace()))
        .findFirst()
        .orElseThrow();
  }

  private static Pod asRoot(Pod pod) {
    return new PodBuilder(pod)
        .editSpec()
        .editSecurityContext()
        .withRunAsNonRoot(false)
        .withRunAsUser(0L)
        .endSecurityContext()
        .endSpec()
        .build();
  }

  private static Pod withMemoryLimit(Pod pod, BigDecimal bytes) {
    return new PodBuilder(pod)
        .editSpec()
        .editFirstContainer()
        .editResources()
        .addToLimits("memory", new Quantity(bytes.toBigInteger().toString()))
        .endResources()
        .endContainer()
        .endSpec()
        .build();
  }
}
