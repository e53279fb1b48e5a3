package dev.bulwark.operator.reconcile;

import dev.bulwark.api.ImageReference;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ComponentSpec;
import dev.bulwark.api.v1alpha1.PendingApprovalStatus;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.delivery.Actor;
import dev.bulwark.delivery.ArgoCdEvidence;
import dev.bulwark.delivery.AutoPromotion;
import dev.bulwark.delivery.ClusterIdentity;
import dev.bulwark.delivery.DastRuns;
import dev.bulwark.delivery.DeliveryTarget;
import dev.bulwark.delivery.Digest;
import dev.bulwark.delivery.GitCredentials;
import dev.bulwark.delivery.GitOpsRepository;
import dev.bulwark.delivery.Outcome;
import dev.bulwark.delivery.PendingRequest;
import dev.bulwark.delivery.Promoter;
import dev.bulwark.delivery.PromotionRefused;
import dev.bulwark.operator.promotion.Promotions;
import dev.bulwark.render.model.PlatformModel;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One promotion pass for one application, as the operator runs it (ADR 0038): every automatic
 * promotion that is due is committed and every manual one that is due is requested, with the rules
 * and the commit of {@code bulwark promote} ({@link Promoter}). The repository is the Platform's
 * {@code spec.components.gitops.settings.repoURL} on its {@code revision} (a branch; {@code HEAD}
 * or unset means {@code main}); the credentials come from the operator's environment, which the
 * chart fills from a Secret by reference, so the operator needs no right to read Secrets. A pass
 * keeps no state of its own: the repository is the state, so a pass after a crash decides again
 * from it and never commits twice.
 */
public final class PromotionPass implements Promotions {

  static final String REPO_URL = "repoURL";
  static final String REVISION = "revision";
  static final String DEFAULT_BRANCH = "main";

  private static final Logger LOG = LoggerFactory.getLogger(PromotionPass.class);

  private final KubernetesClient client;
  private final Clock clock;
  private final Supplier<Optional<GitCredentials>> credentials;
  private final Optional<PendingApprovals> approvals;
  private volatile Actor self;

  /** A pass that promotes only (the promotion endpoint's). */
  public PromotionPass(
      KubernetesClient client, Clock clock, Supplier<Optional<GitCredentials>> credentials) {
    this(client, clock, credentials, Optional.empty());
  }

  /** A pass that also records in {@code approvals} the requests that wait after it. */
  PromotionPass(
      KubernetesClient client,
      Clock clock,
      Supplier<Optional<GitCredentials>> credentials,
      Optional<PendingApprovals> approvals) {
    this.client = client;
    this.clock = clock;
    this.credentials = credentials;
    this.approvals = approvals;
  }

  /** Runs the pass for application {@code name} of {@code tenant}; what it did, in order. */
  List<Outcome> run(String tenant, String name) {
    Optional<String> repoURL = gitops().map(s -> s.get(REPO_URL));
    Optional<DeliveryTarget> target = target(tenant, name);
    if (repoURL.isEmpty() || target.isEmpty()) {
      LOG.debug(
          "no promotion for {}/{}: {}",
          tenant,
          name,
          repoURL.isEmpty()
              ? "the Platform names no spec.components.gitops.settings.repoURL"
              : "no Application of that tenant with an image");
      if (repoURL.isEmpty()) {
        // no repository, so no request can wait
        approvals.ifPresent(a -> a.record(tenant, name, Map.of()));
      }
      return List.of();
    }
    List<Outcome> outcomes = new ArrayList<>();
    try (GitOpsRepository repository =
        GitOpsRepository.open(repoURL.get(), branch(), credentials.get())) {
      Promoter promoter = new Promoter(repository, new ArgoCdEvidence(client), clock);
      startScans(promoter, target.get());
      outcomes.addAll(promoter.promoteDue(target.get(), actor()));
      outcomes.addAll(promoter.requestDue(target.get(), actor()));
      approvals.ifPresent(a -> a.record(tenant, name, waiting(promoter, target.get())));
    }
    outcomes.forEach(o -> LOG.info("{}", o.describe(target.get())));
    return outcomes;
  }

  /**
   * Starts the DAST scans that promotions wait for (ADR 0050); a later pass, when a scan passed,
   * makes the promotion. A scan that cannot start (the spec names nothing to scan) is logged and
   * the promotion keeps waiting.
   */
  private void startScans(Promoter promoter, DeliveryTarget target) {
    DastRuns scans = new DastRuns(client);
    for (AutoPromotion.Step step : promoter.scansDue(target)) {
      try {
        scans.start(target, step.environment(), step.digest());
        LOG.info(
            "started the DAST scan {} of {} for {}: {} waits for it",
            DastRuns.name(target, step.environment(), step.digest()),
            target.qualifiedName(),
            step.environment(),
            step.digest().shortForm());
      } catch (PromotionRefused e) {
        LOG.warn("no DAST scan for {}: {}", step.environment(), e.getMessage());
      }
    }
  }

  /** The requests that wait for an approval, by environment, as the status reports them. */
  private static Map<String, PendingApprovalStatus> waiting(
      Promoter promoter, DeliveryTarget target) {
    Map<String, PendingApprovalStatus> waiting = new TreeMap<>();
    promoter
        .waiting(target)
        .forEach(
            (environment, r) ->
                waiting.put(
                    environment,
                    new PendingApprovalStatus(
                        r.digest().value(),
                        r.requestedBy(),
                        r.requestedAt().toString(),
                        r.commit(),
                        PendingRequest.branch(target, environment))));
    return waiting;
  }

  /**
   * One promotion asked for by {@code actor} (the promotion endpoint's caller), with the rules and
   * the commit of {@code bulwark promote --to environment --digest digest}.
   *
   * @throws IllegalStateException when the Platform names no GitOps repository
   */
  @Override
  public Optional<Done> promote(
      String tenant, String name, String environment, Digest digest, Actor actor) {
    Optional<DeliveryTarget> target = target(tenant, name);
    if (target.isEmpty()) {
      return Optional.empty();
    }
    String repoURL =
        gitops()
            .map(s -> s.get(REPO_URL))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the Platform names no spec.components.gitops.settings.repoURL"));
    try (GitOpsRepository repository =
        GitOpsRepository.open(repoURL, branch(), credentials.get())) {
      Outcome outcome =
          new Promoter(repository, new ArgoCdEvidence(client), clock)
              .promote(target.get(), environment, Optional.of(digest), actor);
      String description = outcome.describe(target.get());
      LOG.info("{} (asked by {})", description, actor.name());
      return Optional.of(new Done(outcome, description));
    }
  }

  private String branch() {
    String revision = gitops().map(s -> s.get(REVISION)).orElse(null);
    return revision == null || revision.isBlank() || revision.equals("HEAD")
        ? DEFAULT_BRANCH
        : revision;
  }

  /** The platform's OIDC groups prefix, as the tenants' RoleBindings bind the owner groups. */
  private String groupPrefix() {
    return client.resources(Platform.class).list().getItems().stream()
        .findFirst()
        .filter(p -> p.getSpec() != null)
        .map(p -> PlatformModel.from(p).groupPrefix())
        .orElse("");
  }

  private Optional<Map<String, String>> gitops() {
    List<Platform> platforms = client.resources(Platform.class).list().getItems();
    return platforms.stream()
        .findFirst()
        .map(Platform::getSpec)
        .map(spec -> spec.getComponents())
        .map(components -> components.getGitops())
        .map(ComponentSpec::getSettings);
  }

  private Optional<DeliveryTarget> target(String tenantName, String name) {
    Tenant tenant = client.resources(Tenant.class).withName(tenantName).get();
    if (tenant == null) {
      return Optional.empty();
    }
    return client.resources(Application.class).inAnyNamespace().list().getItems().stream()
        .filter(a -> a.getMetadata().getName().equals(name))
        .filter(a -> a.getMetadata().getDeletionTimestamp() == null)
        .filter(a -> a.getSpec() != null && tenantName.equals(a.getSpec().getTenant()))
        .findFirst()
        .flatMap(
            app ->
                ImageReference.parse(app.getSpec().getImage())
                    .map(
                        image ->
                            DeliveryTarget.of(app, tenant, image.repository(), groupPrefix())));
  }

  /** Who the commits are by: the operator as the API server knows it, asked once. */
  private Actor actor() {
    if (self == null) {
      self = ClusterIdentity.whoAmI(client);
    }
    return self;
  }
}
