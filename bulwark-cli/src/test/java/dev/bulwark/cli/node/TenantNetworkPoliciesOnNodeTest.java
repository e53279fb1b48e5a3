package dev.bulwark.cli.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controlplane.Node;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.Renderer;
import dev.bulwark.spec.SpecLoader;
import dev.bulwark.testkit.Needed;
import dev.bulwark.testkit.cluster.LeftBehind;
import dev.bulwark.testkit.cluster.ProbePods;
import dev.bulwark.testkit.cluster.RealNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The NetworkPolicies Bulwark renders for acme's {@code web} and {@code payments} tenants, enforced
 * on a real node by its policy enforcer (kube-network-policies, or kube-router where the kernel
 * lacks the nftables queue expression: ADR 47) and tested with real packets: one-shot probe pods
 * open TCP connections and their exit codes say whether the connection opened. The last test
 * removes the policies one by one and sees each opening close and each refusal open, so no result
 * here is the network's doing rather than the policies'.
 */
@RealNode
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenantNetworkPoliciesOnNodeTest {

  /** In payments' declared egress CIDR (203.0.113.0/24), and in no tenant's. */
  private static final String DECLARED = "203.0.113.10";

  private static final String UNDECLARED = "198.51.100.10";
  private static final String ELSEWHERE = "np-elsewhere";
  private static final String KUBE_SYSTEM = "kube-system";
  private static final Path ENFORCER_STATE = Path.of("/run/bulwark-node/policy-enforcer");

  private static List<NetworkPolicy> policies;
  private static String gateway;
  private static String monitoring;
  private static OutsideAddresses outside;
  private static Probes probes;

  @BeforeAll
  static void applyTenancyAndStartServers(KubernetesClient admin, Node node) throws Exception {
    String enforcer = enforcerState();
    Needed.hostKernelAllows(
        !enforcer.startsWith("not enforcing: the kernel refused"),
        "NetworkPolicy enforcement (issue #12 item 5): " + enforcer);
    Needed.require(
        enforcer.equals("enforcing"),
        "NetworkPolicy enforcement on the node (tools/node.sh): " + enforcer);
    Path program = OutsideAddresses.probeProgram().orElse(null);
    Needed.require(program != null, "PROBE_PROGRAM in images.env (run tools/build-images.sh)");
    List<HasMetadata> tenancy = renderedTenancy();
    policies =
        tenancy.stream()
            .filter(NetworkPolicy.class::isInstance)
            .map(o -> (NetworkPolicy) o)
            .toList();
    gateway = sourceNamespace(policy("web-dev", "bulwark-allow-from-gateway"));
    monitoring = sourceNamespace(policy("web-dev", "bulwark-allow-from-monitoring"));
    tenancy.stream()
        .filter(o -> o.getKind().equals("Namespace"))
        .forEach(o -> admin.resource(o).serverSideApply());
    for (String ns : List.of(gateway, monitoring, ELSEWHERE)) {
      admin
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .serverSideApply();
    }
    probes = new Probes(admin, node.image("PROBE"));
    probes.startServer("web-dev", ProbePods.server("server", node.image("PROBE")));
    probes.startServer("web-prod", ProbePods.server("server", node.image("PROBE")));
    probes.startServer("payments-dev", ProbePods.server("server", node.image("PROBE")));
    probes.startServer(KUBE_SYSTEM, dnsStandIn("cluster-dns", Map.of("k8s-app", "kube-dns"), node));
    probes.startServer(KUBE_SYSTEM, dnsStandIn("not-dns", Map.of("app", "not-dns"), node));
    outside = OutsideAddresses.serve(program, "10.244.0.0/24", List.of(DECLARED, UNDECLARED));
    policies.forEach(p -> admin.resource(p).serverSideApply());
  }

  @AfterAll
  static void removeEverything(KubernetesClient admin) throws Exception {
    if (outside != null) {
      outside.close();
    }
    LeftBehind.removeNamespaces(
        admin,
        Duration.ofMinutes(3),
        Stream.of("web-dev", "web-prod", "payments-dev", gateway, monitoring, ELSEWHERE)
            .filter(Objects::nonNull)
            .toArray(String[]::new));
    admin.pods().inNamespace(KUBE_SYSTEM).withName("cluster-dns").delete();
    admin.pods().inNamespace(KUBE_SYSTEM).withName("not-dns").delete();
  }

  @Test
  @Order(1)
  void tenantsAndEnvironmentsAreIsolatedWhilePodsOfOneEnvironmentTalk() {
    probes.expect(
        Probes.refused("web-dev", probes.server("payments-dev", 8080)),
        Probes.refused("payments-dev", probes.server("web-dev", 8080)),
        Probes.refused("web-dev", probes.server("web-prod", 8080)),
        Probes.refused(ELSEWHERE, probes.server("web-dev", 8080)),
        Probes.reached("web-dev", probes.server("web-dev", 8080)),
        Probes.refused(ELSEWHERE, probes.server("payments-dev", 8080)));
  }

  @Test
  @Order(1)
  void dnsGoesToTheClusterDnsPodsAndNamesStillResolve() {
    probes.expect(
        Probes.reached("web-dev", probes.server(KUBE_SYSTEM, "cluster-dns", 53)),
        Probes.refused("web-dev", probes.server(KUBE_SYSTEM, "not-dns", 53)),
        Probes.resolves("web-dev", "kubernetes.default.svc.cluster.local"));
  }

  @Test
  @Order(1)
  void theGatewayAndMonitoringNamespacesReachTenantPods() {
    probes.expect(
        Probes.reached(gateway, probes.server("web-dev", 8080)),
        Probes.reached(monitoring, probes.server("web-dev", 8080)),
        Probes.reached(monitoring, probes.server("payments-dev", 8080)));
  }

  @Test
  @Order(1)
  void egressLeavesTheClusterOnlyForDeclaredCidrs() {
    probes.expect(
        Probes.reached("payments-dev", DECLARED + ":8080"),
        Probes.refused("payments-dev", UNDECLARED + ":8080"),
        Probes.refused("web-dev", DECLARED + ":8080"));
  }

  /** Removing each opening closes it; removing every policy opens what was refused. */
  @Test
  @Order(2)
  void eachResultIsThePoliciesDoing(KubernetesClient admin) {
    delete(admin, "web-dev", "bulwark-allow-from-gateway");
    delete(admin, "web-dev", "bulwark-allow-dns");
    delete(admin, "web-dev", "bulwark-allow-same-environment");
    delete(admin, "payments-dev", "bulwark-allow-from-monitoring");
    delete(admin, "payments-dev", "bulwark-allow-egress-cidrs");
    probes.expect(
        Probes.refused(gateway, probes.server("web-dev", 8080)),
        Probes.refused("web-dev", probes.server(KUBE_SYSTEM, "cluster-dns", 53)),
        Probes.refused("web-dev", probes.server("web-dev", 8080)),
        Probes.refused(monitoring, probes.server("payments-dev", 8080)),
        Probes.refused("payments-dev", DECLARED + ":8080"));

    admin.network().networkPolicies().inNamespace("web-dev").delete();
    admin
        .network()
        .networkPolicies()
        .inNamespace("web-dev")
        .waitUntilCondition(p -> p == null, 1, TimeUnit.MINUTES);
    probes.expect(
        Probes.reached(ELSEWHERE, probes.server("web-dev", 8080)),
        Probes.reached("web-dev", probes.server(KUBE_SYSTEM, "not-dns", 53)),
        Probes.reached("web-dev", UNDECLARED + ":8080"),
        Probes.refused("web-dev", probes.server("payments-dev", 8080)));
  }

  /** What tools/node.sh wrote when it started the policy enforcer. */
  private static String enforcerState() {
    try {
      return Files.readString(ENFORCER_STATE, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "no " + ENFORCER_STATE + " (the node predates the enforcer?)";
    }
  }

  private static void delete(KubernetesClient admin, String namespace, String name) {
    assertThat(admin.network().networkPolicies().inNamespace(namespace).withName(name).delete())
        .as("%s/%s deleted", namespace, name)
        .isNotEmpty();
  }

  /** Namespaces and NetworkPolicies of web's and payments' environments in acme's spec. */
  private static List<HasMetadata> renderedTenancy() {
    var loaded =
        SpecLoader.load(List.of(SharedData.repoDir().resolve("examples/acme").toString())).spec();
    List<String> namespaces = List.of("web-dev", "web-prod", "payments-dev");
    return Renderer.standard().render(loaded).objects().stream()
        .map(DesiredObject::object)
        .filter(
            o ->
                (o.getKind().equals("Namespace") && namespaces.contains(o.getMetadata().getName()))
                    || (o.getKind().equals("NetworkPolicy")
                        && namespaces.contains(o.getMetadata().getNamespace())))
        .toList();
  }

  private static NetworkPolicy policy(String namespace, String name) {
    return policies.stream()
        .filter(
            p ->
                p.getMetadata().getNamespace().equals(namespace)
                    && p.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("Bulwark rendered no " + namespace + "/" + name));
  }

  /** The namespace an allow-from-namespace policy names, as the API server labels it. */
  private static String sourceNamespace(NetworkPolicy policy) {
    return policy
        .getSpec()
        .getIngress()
        .get(0)
        .getFrom()
        .get(0)
        .getNamespaceSelector()
        .getMatchLabels()
        .get("kubernetes.io/metadata.name");
  }

  /** A probe server on port 53 (TCP), as unprivileged as the others. */
  private static Pod dnsStandIn(String name, Map<String, String> labels, Node node) {
    return new PodBuilder(
            ProbePods.pod(name, node.image("PROBE"), "Always", List.of("serve", "-listen", ":53")))
        .editMetadata()
        .withLabels(labels)
        .endMetadata()
        .editSpec()
        .editSecurityContext()
        .addNewSysctl()
        .withName("net.ipv4.ip_unprivileged_port_start")
        .withValue("53")
        .endSysctl()
        .endSecurityContext()
        .endSpec()
        .build();
  }
}
