package dev.bulwark.cli.live;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;

/** Waits on the namespaces of the API server this JVM's live tests share. */
final class Namespaces {

  private Namespaces() {}

  /**
   * Waits until no namespace is being deleted: an earlier test's prune or tenant deletion leaves
   * namespaces terminating for a while (the namespace controller deletes their content kind by
   * kind), and an apply into one is refused.
   */
  static void awaitNoneTerminating(KubernetesClient admin) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .alias("no namespace terminating")
        .until(
            () ->
                admin.namespaces().list().getItems().stream()
                    .noneMatch(
                        n ->
                            n.getStatus() != null
                                && "Terminating".equals(n.getStatus().getPhase())));
  }
}
