package dev.bulwark.cli.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controlplane.Node;
import dev.bulwark.testkit.cluster.LeftBehind;
import dev.bulwark.testkit.cluster.ProbePods;
import dev.bulwark.testkit.cluster.RealNode;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A pod the node started is torn down completely, even when someone ran {@code ip netns add} while
 * it ran. That command made {@code /run/netns} a recursive bind mount of itself, which left the
 * pod's network-namespace mount hidden beneath a copy: containerd could never remove it ("device or
 * resource busy"), and the pod and its namespace stayed terminating. {@code tools/node.sh} now
 * makes the directory a shared mount point before any pod exists.
 */
@RealNode
class PodTeardownOnNodeTest {

  private static final String NAMESPACE = "teardown-probe";
  private static final String OUTSIDE = "bulwark-teardown-outside";

  @Test
  void aPodGoesWithItsNetworkNamespaceAfterIpNetnsAddRanBesideIt(KubernetesClient admin, Node node)
      throws Exception {
    LeftBehind.removeNamespaces(admin, Duration.ofMinutes(2), NAMESPACE);
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
    admin
        .serviceAccounts()
        .inNamespace(NAMESPACE)
        .withName("default")
        .waitUntilCondition(Objects::nonNull, 1, TimeUnit.MINUTES);
    long before = podNetworkMounts();
    try {
      admin
          .pods()
          .inNamespace(NAMESPACE)
          .resource(ProbePods.server("short-lived", node.image("PROBE")))
          .create();
      admin
          .pods()
          .inNamespace(NAMESPACE)
          .withName("short-lived")
          .waitUntilReady(2, TimeUnit.MINUTES);
      assertThat(podNetworkMounts()).isGreaterThan(before);

      ip(true, "netns", "add", OUTSIDE);
      admin.pods().inNamespace(NAMESPACE).withName("short-lived").delete();

      admin
          .pods()
          .inNamespace(NAMESPACE)
          .withName("short-lived")
          .waitUntilCondition(Objects::isNull, 90, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (podNetworkMounts() > before && System.nanoTime() < deadline) {
        Thread.sleep(500);
      }
      assertThat(podNetworkMounts()).as("pods' netns mounts left").isEqualTo(before);
    } finally {
      ip(false, "netns", "delete", OUTSIDE);
      LeftBehind.removeNamespaces(admin, Duration.ofMinutes(2), NAMESPACE);
    }
  }

  /** Mounts of pods' network namespaces in this mount namespace, hidden ones included. */
  private static long podNetworkMounts() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8).stream()
        .map(line -> line.split(" ")[4])
        .filter(point -> point.startsWith("/run/netns/cni-"))
        .count();
  }

  /** Runs {@code ip ARGS...}; fails on an error only when {@code required}. */
  private static void ip(boolean required, String... args)
      throws IOException, InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = "ip";
    System.arraycopy(args, 0, command, 1, args.length);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean failed = !process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0;
    if (required && failed) {
      throw new IOException(String.join(" ", command) + " failed: " + output.strip());
    }
  }
}
