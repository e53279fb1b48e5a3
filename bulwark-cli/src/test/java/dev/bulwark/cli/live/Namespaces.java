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
        .alias("no namespace terminating (" + terminating(admin) + " at the start)")
        .until(
            () ->
                admin.namespaces().list().getItems().stream()
                    .noneMatch(
                        n ->
                            n.getStatus() != null
                                && "Terminating".equals(n.getStatus().getPhase())));
  }

  /** The terminating namespaces with what holds them (their status conditions' messages). */
  private static String terminating(KubernetesClient admin) {
    return admin.namespaces().list().getItems().stream()
        .filter(n -> n.getStatus() != null && "Terminating".equals(n.getStatus().getPhase()))
        .map(
            n ->
                n.getMetadata().getName()
                    + n.getStatus().getConditions().stream()
                        .filter(c -> "True".equals(c.getStatus()))
                        .map(c -> c.getMessage())
                        .toList())
        .toList()
        .toString();
  }
}
