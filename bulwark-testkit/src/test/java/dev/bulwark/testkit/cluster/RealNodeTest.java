package dev.bulwark.testkit.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controlplane.Node;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pods really run on the node: a server pod from a locally built image, reached from another pod
 * through its Service by DNS name (CoreDNS, kube-proxy, the CNI bridge), and not reached through a
 * Service that selects nothing (so a pass is the network's doing, not the client's).
 */
@RealNode
class RealNodeTest {

  private static final String NS = "node-test";

  @BeforeAll
  static void serverBehindAService(KubernetesClient admin, Node node) {
    admin
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .create();
    admin.pods().inNamespace(NS).resource(ProbePods.server("echo", node.image("PROBE"))).create();
    for (var service : Map.of("echo", "echo", "nobody", "no-such-pod").entrySet()) {
      admin
          .services()
          .inNamespace(NS)
          .resource(
              new ServiceBuilder()
                  .withNewMetadata()
                  .withName(service.getKey())
                  .endMetadata()
                  .withNewSpec()
                  .withSelector(Map.of("app", service.getValue()))
                  .addNewPort()
                  .withPort(80)
                  .withNewTargetPort(8080)
                  .endPort()
                  .endSpec()
                  .build())
          .create();
    }
    admin.pods().inNamespace(NS).withName("echo").waitUntilReady(2, TimeUnit.MINUTES);
  }

  @AfterAll
  static void removeNamespace(KubernetesClient admin) {
    admin.namespaces().withName(NS).delete();
  }

  @Test
  void theNodeIsReadyAndRunsTheServerPod(KubernetesClient admin) {
    var node = admin.nodes().withName(Node.NAME).get();
    assertThat(node.getStatus().getConditions())
        .anySatisfy(
            c -> assertThat(List.of(c.getType(), c.getStatus())).containsExactly("Ready", "True"));
    Pod echo = admin.pods().inNamespace(NS).withName("echo").get();
    assertThat(echo.getSpec().getNodeName()).isEqualTo(Node.NAME);
    assertThat(echo.getStatus().getPodIP()).startsWith("10.244.0.");
  }

  @Test
  void aPodReachesAServiceByItsDnsName(KubernetesClient admin, Node node) {
    String url = "http://echo." + NS + ".svc.cluster.local/";
    assertThat(reached(admin, node, "get-echo", url)).isEqualTo("Succeeded");
    assertThat(reached(admin, node, "get-echo-short", "http://echo/")).isEqualTo("Succeeded");
  }

  /**
   * A probe pod's phase, tried up to three times: a Ready server pod reaches kube-proxy's rules
   * only after the EndpointSlice controller and kube-proxy's next sync, a propagation delay of a
   * second or two on a loaded machine. The negative tests below are never retried.
   */
  private static String reached(KubernetesClient admin, Node node, String name, String url) {
    String phase = "";
    for (int attempt = 1; attempt <= 3 && !"Succeeded".equals(phase); attempt++) {
      phase = ProbePods.run(admin, NS, name + "-" + attempt, node.image("PROBE"), "get", url);
    }
    return phase;
  }

  @Test
  void aServiceWithoutEndpointsIsNotReached(KubernetesClient admin, Node node) {
    assertThat(
            ProbePods.run(
                admin,
                NS,
                "get-nobody",
                node.image("PROBE"),
                "get",
                "http://nobody/",
                "-timeout",
                "2s"))
        .isEqualTo("Failed");
    assertThat(
            ProbePods.run(
                admin,
                NS,
                "dns-unknown",
                node.image("PROBE"),
                "dns",
                "unknown." + NS + ".svc.cluster.local"))
        .isEqualTo("Failed");
  }
}
