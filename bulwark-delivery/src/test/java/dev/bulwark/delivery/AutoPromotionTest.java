package dev.bulwark.delivery;

import static dev.bulwark.delivery.GitOpsFixture.A;
import static dev.bulwark.delivery.GitOpsFixture.API_IMAGE;
import static dev.bulwark.delivery.GitOpsFixture.B;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.delivery.AutoPromotion.Step;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoPromotionTest {

  private final DeliveryTarget api = GitOpsFixture.target("api", API_IMAGE);
  private final Map<String, ImagePin> pins = new HashMap<>();
  private final Map<String, EnvironmentState> states = new HashMap<>();

  private List<Step> due() {
    return AutoPromotion.due(
        api,
        env -> Optional.ofNullable(pins.get(env)),
        (tenant, app, env) ->
            states.getOrDefault(env, new EnvironmentState(true, true, List.of(), env)));
  }

  private void pin(String env, Digest digest) {
    pins.put(env, new ImagePin(API_IMAGE, Optional.ofNullable(digest), Optional.of("1.0")));
  }

  @Test
  void aPassedDigestMovesIntoTheNextAutoEnvironmentOnly() {
    pin("dev", A);
    pin("stage", null);
    pin("prod", null);
    assertThat(due()).containsExactly(new Step("stage", A));

    pin("stage", A);
    assertThat(due()).as("prod is manual: it waits for an approval").isEmpty();

    pin("dev", B);
    assertThat(due()).containsExactly(new Step("stage", B));
  }

  @Test
  void nothingMovesFromAnEnvironmentThatHasNotPassedOrRunsNoDigest() {
    pin("dev", A);
    pin("stage", null);
    states.put("dev", new EnvironmentState(false, true, List.of(), "dev"));
    assertThat(due()).isEmpty();

    states.put("dev", new EnvironmentState(true, true, List.of(API_IMAGE + "@" + B), "dev"));
    assertThat(due()).as("dev still runs the old digest").isEmpty();

    states.clear();
    pin("dev", null);
    assertThat(due()).isEmpty();
    pins.remove("stage");
    pin("dev", A);
    assertThat(due()).as("no entry to edit in stage").isEmpty();
  }

  @Test
  void aPassOnTheRepositoryCommitsWhatIsDue(@TempDir Path dir) throws Exception {
    GitOpsFixture fixture = new GitOpsFixture(dir);
    try (GitOpsRepository repo = GitOpsRepository.open(fixture.uri(), "main")) {
      Promoter promoter = new Promoter(repo, fixture.evidence(), Clock.systemUTC());
      Actor operator =
          new Actor("system:serviceaccount:bulwark-system:bulwark-operator", List.of());

      assertThat(promoter.promoteDue(api, operator))
          .extracting(Outcome::kind, Outcome::environment, Outcome::digest)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(Outcome.Kind.PROMOTED, "stage", A));
      assertThat(promoter.promoteDue(api, operator)).isEmpty();
    }
    assertThat(fixture.log()).hasSize(2);
  }

  @Test
  void aManualEnvironmentGetsOneRequestHoweverOftenThePassRuns(@TempDir Path dir) throws Exception {
    GitOpsFixture fixture = new GitOpsFixture(dir);
    Actor operator = new Actor("system:serviceaccount:bulwark-system:bulwark-operator", List.of());
    try (GitOpsRepository repo = GitOpsRepository.open(fixture.uri(), "main")) {
      Promoter promoter = new Promoter(repo, fixture.evidence(), Clock.systemUTC());
      assertThat(promoter.requestDue(api, operator))
          .as("prod's predecessor, stage, runs no digest yet")
          .isEmpty();
      promoter.promoteDue(api, operator);
      List<Outcome> first = promoter.requestDue(api, operator);
      assertThat(first)
          .extracting(Outcome::kind, Outcome::environment, Outcome::digest)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(Outcome.Kind.PENDING_APPROVAL, "prod", A));
      assertThat(promoter.requestDue(api, operator))
          .as("the waiting request is reported again, not made again")
          .extracting(Outcome::commit)
          .containsExactly(first.get(0).commit());
    }
    try (GitOpsRepository reopened = GitOpsRepository.open(fixture.uri(), "main")) {
      new Promoter(reopened, fixture.evidence(), Clock.systemUTC()).requestDue(api, operator);
    }
    assertThat(fixture.head("bulwark/pending/acme/api/prod").getParent(0))
        .as("one request on top of main's tip, after a fresh copy asked again")
        .isEqualTo(fixture.head("main"));
    assertThat(fixture.head("main").getFullMessage())
        .as("main moved only into stage")
        .contains("acme/api dev -> stage");
  }
}
