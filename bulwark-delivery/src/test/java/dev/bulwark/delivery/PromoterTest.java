package dev.bulwark.delivery;

import static dev.bulwark.delivery.GitOpsFixture.A;
import static dev.bulwark.delivery.GitOpsFixture.API_IMAGE;
import static dev.bulwark.delivery.GitOpsFixture.B;
import static dev.bulwark.delivery.GitOpsFixture.WEB_IMAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Promotion against a real bare Git repository on disk. */
class PromoterTest {

  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
  private static final Actor CI = new Actor("system:serviceaccount:acme-dev:ci", List.of());
  private static final Actor OWNER =
      new Actor("alice", List.of("system:authenticated", "acme-owners"));
  private static final Actor VIEWER =
      new Actor("bob", List.of("system:authenticated", "acme-viewers"));

  @TempDir Path dir;
  private GitOpsFixture fixture;
  private final DeliveryTarget api = GitOpsFixture.target("api", API_IMAGE);
  private final DeliveryTarget web = GitOpsFixture.target("web", WEB_IMAGE);

  @BeforeEach
  void repository() throws Exception {
    fixture = new GitOpsFixture(dir);
  }

  private Outcome promote(DeliveryTarget target, String env, Optional<Digest> digest) {
    try (GitOpsRepository repo = GitOpsRepository.open(fixture.uri(), "main")) {
      return new Promoter(repo, fixture.evidence(), Clock.fixed(NOW, ZoneOffset.UTC))
          .promote(target, env, digest, CI);
    }
  }

  private Outcome approve(DeliveryTarget target, String env, Actor approver) {
    try (GitOpsRepository repo = GitOpsRepository.open(fixture.uri(), "main")) {
      return new Promoter(repo, fixture.evidence(), Clock.fixed(NOW, ZoneOffset.UTC))
          .approve(target, env, approver);
    }
  }

  @Test
  void autoPromotionCommitsTheOneLineThatPinsTheDigest() throws Exception {
    String before = fixture.read("tenants/acme/stage/kustomization.yaml");
    RevCommit planned = fixture.head("main");

    Outcome outcome = promote(api, "stage", Optional.of(A));

    assertThat(outcome.kind()).isEqualTo(Outcome.Kind.PROMOTED);
    String after = fixture.read("tenants/acme/stage/kustomization.yaml");
    assertThat(after).isEqualTo(before.replaceFirst("(?m)^  newTag: \"1.0\"$", "  digest: " + A));
    assertThat(KustomizationImages.find(after, WEB_IMAGE).orElseThrow().tag()).contains("1.0");
    RevCommit commit = fixture.head("main");
    assertThat(commit.name()).isEqualTo(outcome.commit().orElseThrow());
    assertThat(commit.getParents()).containsExactly(planned);
    assertThat(commit.getShortMessage()).isEqualTo("Promote acme/api to stage: aaaaaaaaaaaa");
    assertThat(commit.getAuthorIdent().getName()).isEqualTo(CI.name());
    assertThat(commit.getCommitterIdent().getName()).isEqualTo("Bulwark promotion");
    assertThat(trailers(commit))
        .contains(
            "Bulwark-Promotion: acme/api dev -> stage",
            "Bulwark-Digest: " + A,
            "Bulwark-Mode: auto",
            "Requested-by: " + CI.name());
    assertThat(fixture.read("tenants/acme/dev/kustomization.yaml"))
        .isEqualTo(GitOpsFixture.kustomization("dev"));

    assertThat(promote(api, "stage", Optional.empty()).kind())
        .isEqualTo(Outcome.Kind.ALREADY_THERE);
    assertThat(fixture.head("main")).isEqualTo(commit);
  }

  @Test
  void aDigestThePreviousEnvironmentDoesNotRunIsRefusedWithTheReason() throws Exception {
    RevCommit planned = fixture.head("main");

    assertThatThrownBy(() -> promote(api, "stage", Optional.of(B)))
        .isInstanceOf(PromotionRefused.class)
        .hasMessage(
            B
                + " has not passed `dev`: tenants/acme/dev/kustomization.yaml pins "
                + API_IMAGE
                + " to "
                + A
                + "; promote a digest into `dev` first");
    assertThat(fixture.head("main")).isEqualTo(planned);
  }

  @Test
  void aPreviousEnvironmentThatIsNotHealthyOrRunsAnotherImageStopsThePromotion() throws Exception {
    RevCommit planned = fixture.head("main");
    fixture.states.put(
        "api/dev",
        new EnvironmentState(true, false, List.of(), "Argo CD Application argocd/acme-api-dev"));

    assertThatThrownBy(() -> promote(api, "stage", Optional.empty()))
        .isInstanceOf(PromotionRefused.class)
        .hasMessage(
            A
                + " has not passed `dev`: Argo CD Application argocd/acme-api-dev is synced and not healthy");

    fixture.states.put(
        "api/dev",
        new EnvironmentState(
            true, true, List.of(API_IMAGE + "@" + B), "Argo CD Application argocd/acme-api-dev"));
    assertThatThrownBy(() -> promote(api, "stage", Optional.empty()))
        .hasMessageContaining("runs " + API_IMAGE + "@" + B + ", not " + API_IMAGE + "@" + A);

    fixture.states.put(
        "api/dev",
        new EnvironmentState(
            true, true, List.of(API_IMAGE + "@" + A), "Argo CD Application argocd/acme-api-dev"));
    assertThat(promote(api, "stage", Optional.empty()).kind()).isEqualTo(Outcome.Kind.PROMOTED);
    assertThat(fixture.head("main").getParents()).containsExactly(planned);
  }

  @Test
  void aReleaseIntoTheFirstEnvironmentPinsTheBuiltDigestWithNothingBeforeItToPass()
      throws Exception {
    RevCommit planned = fixture.head("main");
    String stage = fixture.read("tenants/acme/stage/kustomization.yaml");

    Outcome outcome = promote(api, "dev", Optional.of(B));

    assertThat(outcome.kind()).isEqualTo(Outcome.Kind.PROMOTED);
    assertThat(
            KustomizationImages.find(fixture.read("tenants/acme/dev/kustomization.yaml"), API_IMAGE)
                .orElseThrow()
                .digest())
        .contains(B);
    assertThat(fixture.read("tenants/acme/stage/kustomization.yaml")).isEqualTo(stage);
    RevCommit commit = fixture.head("main");
    assertThat(commit.getParents()).containsExactly(planned);
    assertThat(commit.getShortMessage()).isEqualTo("Release acme/api to dev: bbbbbbbbbbbb");
    assertThat(commit.getAuthorIdent().getName()).isEqualTo(CI.name());
    assertThat(trailers(commit))
        .contains(
            "Bulwark-Release: acme/api -> dev",
            "Bulwark-Digest: " + B,
            "Bulwark-Mode: release",
            "Requested-by: " + CI.name());
    // the same build released again changes nothing
    assertThat(promote(api, "dev", Optional.of(B)).kind()).isEqualTo(Outcome.Kind.ALREADY_THERE);
    assertThat(fixture.head("main")).isEqualTo(commit);
  }

  @Test
  void aReleaseWithoutItsDigestOrIntoAnEnvironmentTheApplicationDoesNotRunInIsRefused()
      throws Exception {
    RevCommit planned = fixture.head("main");
    assertThatThrownBy(() -> promote(api, "dev", Optional.empty()))
        .isInstanceOf(PromotionRefused.class)
        .hasMessage(
            "`dev` is the application's first environment: a release starts there with the digest its build pushed; give it with --digest");
    assertThat(fixture.head("main")).isEqualTo(planned);
    assertThatThrownBy(() -> promote(api, "qa", Optional.empty()))
        .hasMessage(
            "the application does not run in environment `qa`; expected one of dev, stage, prod");
  }

  @Test
  void aManualPromotionWaitsForAnOwnerAndRecordsWhoApprovedWhatAndWhen() throws Exception {
    promote(api, "stage", Optional.empty());
    RevCommit promoted = fixture.head("main");

    Outcome requested = promote(api, "prod", Optional.of(A));

    assertThat(requested.kind()).isEqualTo(Outcome.Kind.PENDING_APPROVAL);
    assertThat(fixture.head("main")).as("main waits").isEqualTo(promoted);
    RevCommit pending = fixture.head("bulwark/pending/acme/api/prod");
    assertThat(pending.getParents()).containsExactly(promoted);
    assertThat(trailers(pending)).contains("Requested-by: " + CI.name(), "Requested-at: " + NOW);
    try (GitOpsRepository repo = GitOpsRepository.open(fixture.uri(), "main")) {
      assertThat(new Promoter(repo, fixture.evidence(), Clock.systemUTC()).pending(api, "prod"))
          .hasValueSatisfying(
              request -> {
                assertThat(request.digest()).isEqualTo(A);
                assertThat(request.requestedBy()).isEqualTo(CI.name());
              });
      assertThat(PromotionStatus.read(repo, List.of(api, web)))
          .extracting(
              r -> r.target().application() + "/" + r.environment(),
              r -> r.pin().map(ImagePin::describe).orElse("-"),
              r -> r.pending().map(p -> p.digest().toString()).orElse("-"))
          .containsExactly(
              tuple("api/dev", A.toString(), "-"),
              tuple("api/stage", A.toString(), "-"),
              tuple("api/prod", "tag 1.0", A.toString()),
              tuple("web/dev", B.toString(), "-"),
              tuple("web/stage", "tag 1.0", "-"),
              tuple("web/prod", "tag 1.0", "-"));
    }

    assertThatThrownBy(() -> approve(api, "prod", VIEWER))
        .isInstanceOf(PromotionRefused.class)
        .hasMessage(
            "bob may not approve the promotion of acme/api to prod: an approval needs a member of"
                + " the tenant's owner groups (acme-owners), and bob is in system:authenticated,"
                + " acme-viewers");
    assertThat(fixture.head("main")).isEqualTo(promoted);

    Outcome approved = approve(api, "prod", OWNER);

    assertThat(approved.kind()).isEqualTo(Outcome.Kind.PROMOTED);
    RevCommit commit = fixture.head("main");
    assertThat(commit.getParents()).containsExactly(promoted);
    assertThat(commit.getAuthorIdent().getName()).isEqualTo("alice");
    assertThat(trailers(commit))
        .contains(
            "Bulwark-Digest: " + A,
            "Bulwark-Mode: manual",
            "Requested-by: " + CI.name(),
            "Approved-by: alice",
            "Approved-as: acme-owners",
            "Approved-at: " + NOW);
    assertThat(
            KustomizationImages.find(
                    fixture.read("tenants/acme/prod/kustomization.yaml"), API_IMAGE)
                .orElseThrow()
                .digest())
        .contains(A);
    assertThat(fixture.head("bulwark/pending/acme/api/prod")).as("request removed").isNull();
    assertThatThrownBy(() -> approve(api, "prod", OWNER))
        .hasMessageContaining("no promotion of acme/api to prod waits for an approval");
  }

  @Test
  void whatWaitsIncludesTheRequestThisCopyJustPushedAndNotAnApprovedOne() throws Exception {
    promote(api, "stage", Optional.empty());
    try (GitOpsRepository repo = GitOpsRepository.open(fixture.uri(), "main")) {
      Promoter promoter = new Promoter(repo, fixture.evidence(), Clock.fixed(NOW, ZoneOffset.UTC));
      assertThat(promoter.waiting(api)).isEmpty();

      Outcome requested = promoter.promote(api, "prod", Optional.of(A), CI);

      assertThat(promoter.waiting(api))
          .containsOnlyKeys("prod")
          .hasEntrySatisfying(
              "prod",
              request -> {
                assertThat(request.digest()).isEqualTo(A);
                assertThat(request.requestedBy()).isEqualTo(CI.name());
                assertThat(request.requestedAt()).isEqualTo(NOW);
                assertThat(request.commit()).isEqualTo(requested.commit().orElseThrow());
              });
      assertThat(PendingRequest.branch(api, "prod")).isEqualTo("bulwark/pending/acme/api/prod");

      promoter.approve(api, "prod", OWNER);
      assertThat(promoter.waiting(api)).as("an approval removes the request").isEmpty();
    }
  }

  @Test
  void concurrentPromotionsOfTwoApplicationsBothLandOnALinearHistory() throws Exception {
    RevCommit planned = fixture.head("main");
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Outcome>> results =
          List.of(
              pool.submit(
                  () -> {
                    start.await();
                    return promote(api, "stage", Optional.empty());
                  }),
              pool.submit(
                  () -> {
                    start.await();
                    return promote(web, "stage", Optional.empty());
                  }));
      start.countDown();
      for (Future<Outcome> result : results) {
        assertThat(result.get().kind()).isEqualTo(Outcome.Kind.PROMOTED);
      }
    } finally {
      pool.shutdownNow();
    }
    String stage = fixture.read("tenants/acme/stage/kustomization.yaml");
    assertThat(KustomizationImages.find(stage, API_IMAGE).orElseThrow().digest()).contains(A);
    assertThat(KustomizationImages.find(stage, WEB_IMAGE).orElseThrow().digest()).contains(B);
    List<RevCommit> log = fixture.log();
    assertThat(log).hasSize(3).last().isEqualTo(planned);
    assertThat(log).allSatisfy(c -> assertThat(c.getParentCount()).isLessThanOrEqualTo(1));
    assertThat(log.subList(0, 2).stream().map(RevCommit::getShortMessage))
        .containsExactlyInAnyOrder(
            "Promote acme/api to stage: aaaaaaaaaaaa", "Promote acme/web to stage: bbbbbbbbbbbb");
  }

  @Test
  void historyIsNeverRewrittenEarlierCommitsStayAncestors() throws Exception {
    RevCommit planned = fixture.head("main");
    promote(api, "stage", Optional.empty());
    RevCommit first = fixture.head("main");
    promote(web, "stage", Optional.empty());
    promote(api, "prod", Optional.empty());
    approve(api, "prod", OWNER);

    try (Repository repo = fixture.open();
        RevWalk walk = new RevWalk(repo)) {
      RevCommit tip = walk.parseCommit(repo.resolve("refs/heads/main"));
      assertThat(walk.isMergedInto(walk.parseCommit(planned), tip)).isTrue();
      assertThat(walk.isMergedInto(walk.parseCommit(first), tip)).isTrue();
    }
    assertThat(fixture.log()).hasSize(4);
  }

  private static List<String> trailers(RevCommit commit) {
    return commit.getFooterLines().stream().map(f -> f.getKey() + ": " + f.getValue()).toList();
  }
}
