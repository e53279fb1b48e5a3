package dev.bulwark.console;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.delivery.ArgoCdEvidence;
import dev.bulwark.delivery.ClusterIdentity;
import dev.bulwark.delivery.DeliveryTarget;
import dev.bulwark.delivery.EnvironmentState;
import dev.bulwark.delivery.GitOpsRepository;
import dev.bulwark.delivery.Outcome;
import dev.bulwark.delivery.PendingRequest;
import dev.bulwark.delivery.Promoter;
import dev.bulwark.delivery.PromotionChain;
import dev.bulwark.delivery.PromotionStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * An application's way through its environments, and approvals, with bulwark-delivery's rules: what
 * each environment pins in the GitOps repository and what waits there for an approval, what Argo CD
 * reports, and an owner's approval made exactly as {@code bulwark approve} makes it.
 */
final class Delivery {

  /** One environment of an application, as its page shows it. */
  record Stage(
      String environment,
      String mode,
      String pinned,
      Optional<PendingRequest> pending,
      EnvironmentState argoCd) {}

  private final Optional<ConsoleConfig.GitOps> gitops;
  private final String groupPrefix;
  private final ArgoCdEvidence argoCd;

  Delivery(Optional<ConsoleConfig.GitOps> gitops, String groupPrefix, KubernetesClient service) {
    this.gitops = gitops;
    this.groupPrefix = groupPrefix;
    this.argoCd = new ArgoCdEvidence(service);
  }

  boolean approvals() {
    return gitops.isPresent();
  }

  /**
   * The application's stages. The caller has checked that the user may read the application: the
   * Argo CD Applications live in the platform's namespace, which tenants do not read themselves.
   */
  List<Stage> stages(Application app, Tenant tenant) {
    String tenantName = tenant.getMetadata().getName();
    String name = app.getMetadata().getName();
    Optional<DeliveryTarget> target = target(app, tenant);
    List<PromotionStatus.Row> rows =
        target.isPresent() && gitops.isPresent() ? rows(target.get()) : List.of();
    return PromotionChain.of(app, tenant).stages().stream()
        .map(
            stage -> {
              Optional<PromotionStatus.Row> row =
                  rows.stream()
                      .filter(r -> r.environment().equals(stage.environment()))
                      .findFirst();
              return new Stage(
                  stage.environment(),
                  stage.mode().map(m -> m.toString().toLowerCase()).orElse("auto"),
                  row.flatMap(PromotionStatus.Row::pin).map(p -> p.describe()).orElse("-"),
                  row.flatMap(PromotionStatus.Row::pending),
                  argoCd.observe(tenantName, name, stage.environment()));
            })
        .toList();
  }

  /**
   * Approves the promotion waiting for {@code environment}. The approver is who the API server says
   * the impersonating client is (SelfSubjectReview), so the groups that count are the ones the
   * console impersonates, from the verified ID token, and the owner check is bulwark-delivery's.
   * The groups are compared as bound, as {@code bulwark approve} and the tenants' RoleBindings name
   * them: the owner groups with the API server's group prefix, the approver's as the API server
   * reports them (so a group without the prefix, such as system:authenticated, never counts).
   */
  Outcome approve(Application app, Tenant tenant, String environment, KubernetesClient user) {
    DeliveryTarget target =
        boundTarget(app, tenant)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "application " + app.getMetadata().getName() + " names no image"));
    ConsoleConfig.GitOps repo = gitops.orElseThrow();
    try (GitOpsRepository repository = GitOpsRepository.open(repo.repository(), repo.branch())) {
      return new Promoter(repository, argoCd, Clock.systemUTC())
          .approve(target, environment, ClusterIdentity.whoAmI(user));
    }
  }

  /** The target with its owner groups as the tenant's RoleBindings bind them (prefixed). */
  Optional<DeliveryTarget> boundTarget(Application app, Tenant tenant) {
    return imageRepository(app).map(image -> DeliveryTarget.of(app, tenant, image, groupPrefix));
  }

  private List<PromotionStatus.Row> rows(DeliveryTarget target) {
    ConsoleConfig.GitOps repo = gitops.orElseThrow();
    try (GitOpsRepository repository = GitOpsRepository.open(repo.repository(), repo.branch())) {
      return PromotionStatus.read(repository, List.of(target));
    }
  }

  static Optional<DeliveryTarget> target(Application app, Tenant tenant) {
    return imageRepository(app).map(image -> DeliveryTarget.of(app, tenant, image));
  }

  /** The repository of {@code spec.image} without tag or digest: its kustomization entry's name. */
  static Optional<String> imageRepository(Application app) {
    String spec = app.getSpec().getImage();
    String image = spec == null ? "" : spec.split("@", 2)[0];
    if (image.isEmpty()) {
      return Optional.empty();
    }
    int colon = image.lastIndexOf(':');
    return Optional.of(colon > image.lastIndexOf('/') ? image.substring(0, colon) : image);
  }
}
