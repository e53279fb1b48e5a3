package dev.bulwark.delivery;

import dev.bulwark.api.v1alpha1.ApplicationSpec.AppEnvironmentSpec.Promotion;
import dev.bulwark.delivery.GitOpsRepository.Snapshot;
import dev.bulwark.delivery.PromotionChain.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Per application and environment: what the tree pins the image to, how a release gets there, and
 * the request that waits for an approval, if any; read from the GitOps repository's branch and its
 * pending branches.
 */
public final class PromotionStatus {

  /** One application in one environment. */
  public record Row(
      DeliveryTarget target,
      String environment,
      Optional<Promotion> mode,
      Optional<ImagePin> pin,
      Optional<PendingRequest> pending) {}

  private PromotionStatus() {}

  /** The rows of every target, in the targets' order and each one's promotion order. */
  public static List<Row> read(GitOpsRepository repository, List<DeliveryTarget> targets) {
    repository.fetch();
    Snapshot tip = repository.snapshot();
    Map<String, RevCommit> pending = repository.branches(PendingRequest.PREFIX);
    List<Row> rows = new ArrayList<>();
    for (DeliveryTarget target : targets) {
      for (Stage stage : target.chain().stages()) {
        String env = stage.environment();
        rows.add(
            new Row(
                target,
                env,
                stage.mode(),
                pinOf(tip, target, env),
                Optional.ofNullable(pending.get(PendingRequest.branch(target, env)))
                    .map(c -> PendingRequest.of(env, c))));
      }
    }
    return rows;
  }

  /** The pin of the target's image in {@code environment} at {@code tip}, if the tree has one. */
  static Optional<ImagePin> pinOf(Snapshot tip, DeliveryTarget target, String environment) {
    return tip.read(target.kustomization(environment))
        .flatMap(text -> KustomizationImages.find(text, target.image()));
  }
}
