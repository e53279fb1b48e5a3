package dev.bulwark.cli.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.cluster.ProbePods;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reachability checks with real packets: each check is a one-shot probe pod whose exit code says
 * whether its connection opened (0) or not (1). The checks of one call run side by side.
 */
final class Probes {

  /**
   * The client waits this long before it connects: the enforcer learns a new pod's address from the
   * API server, and until then it neither polices nor recognises the pod's packets.
   */
  private static final String DELAY = "3s";

  /** A refused connection is a dropped SYN: the client gives up after this. */
  private static final String TIMEOUT = "3s";

  /** An allowed connection may still meet a slow start; a refusal is never retried. */
  private static final int ATTEMPTS_TO_REACH = 3;

  private final KubernetesClient admin;
  private final String image;
  private final Map<String, String> serverAddresses = new HashMap<>();
  private final AtomicInteger counter = new AtomicInteger();

  /** What a client in {@code from} runs and whether it should succeed. */
  record Check(String from, List<String> args, boolean succeeds) {
    @Override
    public String toString() {
      return "from " + from + ": probe " + String.join(" ", args);
    }
  }

  Probes(KubernetesClient admin, String image) {
    this.admin = admin;
    this.image = image;
  }

  static Check reached(String from, String address) {
    return new Check(from, tcp(address), true);
  }

  static Check refused(String from, String address) {
    return new Check(from, tcp(address), false);
  }

  static Check resolves(String from, String name) {
    return new Check(from, List.of("dns", name), true);
  }

  private static List<String> tcp(String address) {
    return List.of("tcp", address, "-delay", DELAY, "-timeout", TIMEOUT);
  }

  /** Creates {@code pod} in {@code namespace}, waits until it is ready and records its address. */
  void startServer(String namespace, Pod pod) {
    admin.pods().inNamespace(namespace).resource(pod).create();
    Pod ready =
        admin
            .pods()
            .inNamespace(namespace)
            .withName(pod.getMetadata().getName())
            .waitUntilReady(2, TimeUnit.MINUTES);
    serverAddresses.put(
        namespace + "/" + pod.getMetadata().getName(), ready.getStatus().getPodIP());
  }

  /** HOST:PORT of the pod named {@code server} in {@code namespace}. */
  String server(String namespace, int port) {
    return server(namespace, "server", port);
  }

  String server(String namespace, String name, int port) {
    String ip = serverAddresses.get(namespace + "/" + name);
    assertThat(ip).as("server %s/%s was started", namespace, name).isNotNull();
    return ip + ":" + port;
  }

  /** Runs every check; a check that should succeed gets a few attempts, one that should not one. */
  void expect(Check... checks) {
    List<String> failures = new ArrayList<>();
    List<Check> pending = List.of(checks);
    for (int attempt = 1; attempt <= ATTEMPTS_TO_REACH && !pending.isEmpty(); attempt++) {
      Map<Check, String> started = new HashMap<>();
      for (Check check : pending) {
        started.put(check, start(check));
      }
      List<Check> retry = new ArrayList<>();
      for (Check check : pending) {
        int exit = exitCode(check.from(), started.get(check));
        if (check.succeeds() && exit != 0 && attempt < ATTEMPTS_TO_REACH) {
          retry.add(check);
        } else if (check.succeeds() != (exit == 0)) {
          failures.add(check + " -> exit " + exit + ", expected " + (check.succeeds() ? 0 : 1));
        } else if (!check.succeeds() && exit != 1) {
          failures.add(check + " -> exit " + exit + " (a usage error, not a refused connection)");
        }
      }
      pending = retry;
    }
    assertThat(failures).as("reachability").isEmpty();
  }

  private String start(Check check) {
    String name = "probe-" + counter.incrementAndGet();
    admin
        .pods()
        .inNamespace(check.from())
        .resource(ProbePods.pod(name, image, "Never", check.args()))
        .create();
    return name;
  }

  /** The probe container's exit code, once its pod has finished. */
  private int exitCode(String namespace, String name) {
    Pod done =
        admin
            .pods()
            .inNamespace(namespace)
            .withName(name)
            .waitUntilCondition(
                p -> p != null && Set.of("Succeeded", "Failed").contains(p.getStatus().getPhase()),
                2,
                TimeUnit.MINUTES);
    ContainerStateTerminated terminated =
        done.getStatus().getContainerStatuses().get(0).getState().getTerminated();
    admin.pods().inNamespace(namespace).withName(name).withGracePeriod(0).delete();
    return terminated.getExitCode();
  }
}
