package dev.bulwark.delivery;

import dev.bulwark.api.v1alpha1.ApplicationSpec.AppEnvironmentSpec.Promotion;
import dev.bulwark.delivery.GitOpsRepository.NewCommit;
import dev.bulwark.delivery.GitOpsRepository.Snapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The promotion rules on a GitOps repository. A digest moves into an environment only when it is
 * what the environment before it runs, and that environment is synced and healthy with it; an
 * {@code auto} environment gets the commit at once, a {@code manual} one gets a request that an
 * owner of the tenant approves. Every check is made again on the tip a commit goes on, so a retry
 * after someone else pushed never commits on stale facts.
 */
public final class Promoter {

  private final GitOpsRepository repository;
  private final PromotionEvidence evidence;
  private final Clock clock;

  public Promoter(GitOpsRepository repository, PromotionEvidence evidence, Clock clock) {
    this.repository = repository;
    this.evidence = evidence;
    this.clock = clock;
  }

  /**
   * Promotes into {@code environment} the digest the environment before it runs; when {@code
   * digest} is given it must be that one. Into the first environment, where a release starts, it
   * releases {@code digest}, which must then be given: the build that pushed it (the pipeline's
   * promote stage, after its gate, or external CI through the promotion endpoint) is its evidence.
   *
   * @throws PromotionRefused with the reason, when the rules do not allow it
   */
  public Outcome promote(
      DeliveryTarget target, String environment, Optional<Digest> digest, Actor actor) {
    if (target.chain().isFirst(environment)) {
      return release(
          target,
          environment,
          digest.orElseThrow(
              () ->
                  new PromotionRefused(
                      "`"
                          + environment
                          + "` is the application's first environment: a release starts there"
                          + " with the digest its build pushed; give it with --digest")),
          actor);
    }
    Promotion mode = target.chain().stage(environment).mode().orElse(Promotion.AUTO);
    repository.fetch();
    Digest passed = passedDigest(target, environment, repository.snapshot(), digest);
    if (runs(target, environment, repository.snapshot(), passed)) {
      return new Outcome(Outcome.Kind.ALREADY_THERE, environment, passed, Optional.empty());
    }
    if (mode == Promotion.MANUAL) {
      return request(target, environment, passed, actor);
    }
    return commitOnBranch(target, environment, passed, Trailers.auto(actor));
  }

  /**
   * Approves the pending request for {@code environment}: checks that {@code approver} is an owner,
   * checks the rules again, and commits the digest move with who asked, who approved and when in
   * its trailers; then removes the request.
   */
  public Outcome approve(DeliveryTarget target, String environment, Actor approver) {
    String asGroup = Approvals.requireOwner(target, environment, approver);
    repository.fetch();
    String branch = PendingRequest.branch(target, environment);
    PendingRequest request =
        repository
            .tip(branch)
            .map(c -> PendingRequest.of(environment, c))
            .orElseThrow(
                () ->
                    new PromotionRefused(
                        "no promotion of "
                            + target.qualifiedName()
                            + " to "
                            + environment
                            + " waits for an approval; request one with bulwark promote "
                            + target.application()
                            + " --to "
                            + environment));
    Trailers trailers = Trailers.approved(request, approver, asGroup, clock.instant());
    Outcome outcome = commitOnBranch(target, environment, request.digest(), trailers);
    if (!repository.delete(branch)) {
      throw new IllegalStateException(
          "promoted, but the request branch "
              + branch
              + " moved meanwhile (a newer request?); it was left in place");
    }
    return outcome;
  }

  /** Pins {@code digest} in the first environment: nothing before it has to pass. */
  private Outcome release(DeliveryTarget target, String environment, Digest digest, Actor actor) {
    repository.fetch();
    Trailers trailers = Trailers.release(actor);
    Optional<ObjectId> commit =
        repository.update(
            repository.branch(), tip -> moveDigest(target, environment, tip, digest, trailers));
    return new Outcome(
        commit.isPresent() ? Outcome.Kind.PROMOTED : Outcome.Kind.ALREADY_THERE,
        environment,
        digest,
        commit.map(ObjectId::name));
  }

  /**
   * Moves {@code digest} into {@code environment} on the synced branch, checking on every tip the
   * commit goes on that it still passed the environment before.
   */
  private Outcome commitOnBranch(
      DeliveryTarget target, String environment, Digest digest, Trailers trailers) {
    Optional<ObjectId> commit =
        repository.update(
            repository.branch(),
            tip ->
                moveDigest(
                    target,
                    environment,
                    tip,
                    passedDigest(target, environment, tip, Optional.of(digest)),
                    trailers));
    return new Outcome(
        commit.isPresent() ? Outcome.Kind.PROMOTED : Outcome.Kind.ALREADY_THERE,
        environment,
        digest,
        commit.map(ObjectId::name));
  }

  /**
   * Makes every automatic promotion of {@code target} that is due now ({@link AutoPromotion}), each
   * checked again on the tip it commits on; a refusal there (the evidence changed meanwhile) is
   * thrown, and the next pass decides again.
   */
  public List<Outcome> promoteDue(DeliveryTarget target, Actor actor) {
    repository.fetch();
    Snapshot tip = repository.snapshot();
    List<Outcome> outcomes = new ArrayList<>();
    for (AutoPromotion.Step step :
        AutoPromotion.due(target, env -> PromotionStatus.pinOf(tip, target, env), evidence)) {
      outcomes.add(commitOnBranch(target, step.environment(), step.digest(), Trailers.auto(actor)));
    }
    return outcomes;
  }

  /**
   * The DAST scans due for {@code target} ({@link AutoPromotion#scansDue}): the caller starts them.
   */
  public List<AutoPromotion.Step> scansDue(DeliveryTarget target) {
    repository.fetch();
    Snapshot tip = repository.snapshot();
    return AutoPromotion.scansDue(target, env -> PromotionStatus.pinOf(tip, target, env), evidence);
  }

  /**
   * Requests every manual promotion of {@code target} that is due now: the digest passed the
   * environment before and no request for it waits yet. A request that waits already is left as it
   * is, so a repeated pass (an operator restarted after a crash) asks only once.
   */
  public List<Outcome> requestDue(DeliveryTarget target, Actor actor) {
    repository.fetch();
    Snapshot tip = repository.snapshot();
    List<Outcome> outcomes = new ArrayList<>();
    for (AutoPromotion.Step step :
        AutoPromotion.requestsDue(
            target, env -> PromotionStatus.pinOf(tip, target, env), evidence)) {
      outcomes.add(request(target, step.environment(), step.digest(), actor));
    }
    return outcomes;
  }

  /**
   * Every request that waits for an approval for {@code target}, by environment, fetched afresh: a
   * push does not move this copy's remote-tracking refs, so a request just made is seen only after
   * a fetch. One may wait for any environment but the first, whatever its mode says now.
   */
  public Map<String, PendingRequest> waiting(DeliveryTarget target) {
    repository.fetch();
    Map<String, PendingRequest> waiting = new TreeMap<>();
    for (PromotionChain.Stage stage : target.chain().stages()) {
      if (!target.chain().isFirst(stage.environment())) {
        pending(target, stage.environment()).ifPresent(r -> waiting.put(r.environment(), r));
      }
    }
    return waiting;
  }

  /** The pending request for {@code environment}, if one waits. */
  public Optional<PendingRequest> pending(DeliveryTarget target, String environment) {
    return repository
        .tip(PendingRequest.branch(target, environment))
        .map(c -> PendingRequest.of(environment, c));
  }

  private Outcome request(DeliveryTarget target, String environment, Digest digest, Actor actor) {
    String branch = PendingRequest.branch(target, environment);
    Optional<PendingRequest> waiting = pending(target, environment);
    if (waiting.isPresent() && waiting.get().digest().equals(digest)) {
      // the same request again (a retry, a second pass): one request is enough
      return new Outcome(
          Outcome.Kind.PENDING_APPROVAL, environment, digest, Optional.of(waiting.get().commit()));
    }
    Trailers trailers = Trailers.requested(actor, clock.instant());
    Optional<ObjectId> commit =
        repository.update(
            branch,
            tip -> {
              // on top of an earlier request, so that the branch only moves forward
              ObjectId parent = repository.tip(branch).map(RevCommit::getId).orElse(tip.commit());
              return moveDigest(target, environment, tip, digest, trailers)
                  .map(c -> new NewCommit(parent, c.files(), c.message(), c.author()));
            });
    return new Outcome(
        Outcome.Kind.PENDING_APPROVAL, environment, digest, commit.map(ObjectId::name));
  }

  /**
   * The digest the environment before {@code into} runs, when it passed there; refuses when {@code
   * wanted} is another one, when that environment is not synced and healthy with it, or when a
   * release into {@code into} needs a DAST scan that has not passed.
   */
  private Digest passedDigest(
      DeliveryTarget target, String into, Snapshot tip, Optional<Digest> wanted) {
    String from = target.chain().previous(into);
    Digest runs = pin(target, from, tip).requireDigest(from);
    if (wanted.isPresent() && !wanted.get().equals(runs)) {
      throw new PromotionRefused(
          wanted.get()
              + " has not passed `"
              + from
              + "`: "
              + target.kustomization(from)
              + " pins "
              + target.image()
              + " to "
              + runs
              + "; promote a digest into `"
              + from
              + "` first");
    }
    EnvironmentState state = evidence.observe(target.tenant(), target.application(), from);
    state
        .notPassed(target.image(), runs)
        .ifPresent(
            reason -> {
              throw new PromotionRefused(runs + " has not passed `" + from + "`: " + reason);
            });
    if (target.chain().stage(into).dast().isPresent()) {
      DastRun scan = evidence.dast(target, into, runs);
      if (!scan.passed()) {
        throw new PromotionRefused(
            runs + " has not passed `" + from + "` for `" + into + "`: " + scan.describe());
      }
    }
    return runs;
  }

  private boolean runs(DeliveryTarget target, String environment, Snapshot tip, Digest digest) {
    return pin(target, environment, tip).digest().filter(digest::equals).isPresent();
  }

  private static ImagePin pin(DeliveryTarget target, String environment, Snapshot tip) {
    String path = target.kustomization(environment);
    String text =
        tip.read(path)
            .orElseThrow(
                () ->
                    new PromotionRefused(
                        "the GitOps repository has no "
                            + path
                            + "; run bulwark plan for the spec and commit the tree first"));
    return KustomizationImages.find(text, target.image())
        .orElseThrow(
            () -> new PromotionRefused(path + " has no images: entry named " + target.image()));
  }

  private Optional<NewCommit> moveDigest(
      DeliveryTarget target, String environment, Snapshot tip, Digest digest, Trailers trailers) {
    if (runs(target, environment, tip, digest)) {
      return Optional.empty();
    }
    String path = target.kustomization(environment);
    String edited =
        KustomizationImages.pin(tip.read(path).orElseThrow(), target.image(), digest, path);
    return Optional.of(
        new NewCommit(
            tip.commit(),
            Map.of(path, Optional.of(edited)),
            message(target, environment, digest, trailers),
            trailers.author()));
  }

  /**
   * The commit message: a release into the first environment or a promotion from the one before,
   * one line that pins the digest, and the trailers that record it.
   */
  private static String message(
      DeliveryTarget target, String environment, Digest digest, Trailers trailers) {
    boolean release = target.chain().isFirst(environment);
    String from = release ? "" : target.chain().previous(environment);
    return (release ? "Release " : "Promote ")
        + target.qualifiedName()
        + " to "
        + environment
        + ": "
        + digest.shortForm()
        + "\n\nPins "
        + target.image()
        + " in "
        + target.kustomization(environment)
        + (release
            ? " to the digest its build pushed."
            : " to the digest that passed " + from + ".")
        + (release ? "\n\nBulwark-Release: " : "\n\nBulwark-Promotion: ")
        + target.qualifiedName()
        + (release ? "" : " " + from)
        + " -> "
        + environment
        + "\n"
        + PendingRequest.DIGEST
        + ": "
        + digest
        + "\n"
        + trailers.text();
  }
}
