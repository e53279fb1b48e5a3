package dev.bulwark.delivery;

import static dev.bulwark.delivery.GitOpsFixture.A;
import static dev.bulwark.delivery.GitOpsFixture.API_IMAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.api.v1alpha1.ApplicationSpec.HostSpec;
import dev.bulwark.api.v1alpha1.SecuritySpec;
import dev.bulwark.delivery.AutoPromotion.Step;
import dev.bulwark.delivery.DastRun.State;
import dev.bulwark.delivery.PromotionChain.DastScan;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A release into an environment that needs a DAST scan waits for that scan to pass (ADR 0050). */
class DastPromotionTest {

  private static final Actor OPERATOR = new Actor("system:serviceaccount:bulwark:op", List.of());

  private final Map<String, ImagePin> pins = new HashMap<>();
  private final Map<String, State> scans = new HashMap<>();

  /** dev → stage (auto, DAST required for the whole application) → prod (manual, exempted). */
  private static DeliveryTarget api() {
    return requiringDast(
        null,
        spec -> {
          SecuritySpec.EnvironmentSpec prod = new SecuritySpec.EnvironmentSpec();
          prod.setName("prod");
          prod.setRequireDast(false);
          spec.getSecurity().setEnvironments(List.of(prod));
          HostSpec dev = new HostSpec();
          dev.setHost("api.dev.acme.example.com");
          dev.setEnvironment("dev");
          dev.setPath("/shop");
          spec.setHosts(List.of(dev));
        });
  }

  private final DeliveryTarget api = api();

  /** Application api, every environment after the first waiting for a scan of {@code target}. */
  static DeliveryTarget requiringDast(String target) {
    return requiringDast(target, spec -> {});
  }

  /** The same, with {@code more} of the application's spec set after its security. */
  private static DeliveryTarget requiringDast(
      String target, java.util.function.Consumer<dev.bulwark.api.v1alpha1.ApplicationSpec> more) {
    return GitOpsFixture.target(
        "api",
        API_IMAGE,
        spec -> {
          SecuritySpec security = new SecuritySpec();
          security.setRequireDast(true);
          security.setDastTarget(target);
          spec.setSecurity(security);
          more.accept(spec);
        });
  }

  private final PromotionEvidence evidence =
      new PromotionEvidence() {
        @Override
        public EnvironmentState observe(String tenant, String application, String environment) {
          return new EnvironmentState(true, true, List.of(), environment);
        }

        @Override
        public DastRun dast(DeliveryTarget target, String environment, Digest digest) {
          String run = DastRuns.name(target, environment, digest);
          return new DastRun(
              scans.getOrDefault(environment + "@" + digest, State.NOT_STARTED), run, "exit 1");
        }
      };

  private void pin(String env, Digest digest) {
    pins.put(env, new ImagePin(API_IMAGE, Optional.ofNullable(digest), Optional.of("1.0")));
  }

  private List<Step> due() {
    return AutoPromotion.due(api, env -> Optional.ofNullable(pins.get(env)), evidence);
  }

  private List<Step> scansDue() {
    return AutoPromotion.scansDue(api, env -> Optional.ofNullable(pins.get(env)), evidence);
  }

  @Test
  void theChainSaysWhichReleasesWaitForAScanAndWhatItTargets() {
    assertThat(api.chain().stage("dev").dast()).as("a release starts there").isEmpty();
    assertThat(api.chain().stage("stage").dast())
        .contains(new DastScan(Optional.of("https://api.dev.acme.example.com/shop")));
    assertThat(api.chain().stage("prod").dast()).as("prod's own setting wins").isEmpty();

    assertThat(requiringDast("http://api.acme-dev.svc:8080/").chain().stage("prod").dast())
        .contains(new DastScan(Optional.of("http://api.acme-dev.svc:8080/")));
    assertThat(requiringDast(null).chain().stage("stage").dast())
        .contains(new DastScan(Optional.empty()));
  }

  @Test
  void aScanIsDueFirstAndThePromotionOnlyOnceItPassed() {
    pin("dev", A);
    pin("stage", null);
    pin("prod", null);
    assertThat(scansDue()).containsExactly(new Step("stage", A));
    assertThat(due()).as("stage waits for its scan").isEmpty();

    scans.put("stage@" + A, State.RUNNING);
    assertThat(scansDue()).as("started once").isEmpty();
    assertThat(due()).isEmpty();

    scans.put("stage@" + A, State.BLOCKED);
    assertThat(scansDue()).as("a blocked scan is not started again by itself").isEmpty();
    assertThat(due()).isEmpty();

    scans.put("stage@" + A, State.PASSED);
    assertThat(scansDue()).isEmpty();
    assertThat(due()).containsExactly(new Step("stage", A));

    pin("stage", A);
    assertThat(scansDue()).as("prod needs no scan").isEmpty();
  }

  @Test
  void aPromotionAskedForByHandIsRefusedUntilTheScanPassedAndSaysWhy(@TempDir Path dir)
      throws Exception {
    GitOpsFixture fixture = new GitOpsFixture(dir);
    try (GitOpsRepository repo = GitOpsRepository.open(fixture.uri(), "main")) {
      Promoter promoter = new Promoter(repo, evidence, Clock.systemUTC());
      assertThat(promoter.scansDue(api)).containsExactly(new Step("stage", A));

      scans.put("stage@" + A, State.BLOCKED);
      assertThatThrownBy(() -> promoter.promote(api, "stage", Optional.empty(), OPERATOR))
          .isInstanceOf(PromotionRefused.class)
          .hasMessage(
              A
                  + " has not passed `dev` for `stage`: its DAST scan "
                  + DastRuns.name(api, "stage", A)
                  + " blocked it: exit 1");
      assertThat(promoter.promoteDue(api, OPERATOR)).isEmpty();

      scans.put("stage@" + A, State.PASSED);
      assertThat(promoter.promoteDue(api, OPERATOR))
          .singleElement()
          .satisfies(o -> assertThat(o.kind()).isEqualTo(Outcome.Kind.PROMOTED));
    }
  }

  @Test
  void evidenceThatKnowsNoScansNeverLetsAPromotionThrough() {
    pin("dev", A);
    pin("stage", null);
    PromotionEvidence argoOnly =
        (tenant, app, env) -> new EnvironmentState(true, true, List.of(), env);
    assertThat(AutoPromotion.due(api, env -> Optional.ofNullable(pins.get(env)), argoOnly))
        .isEmpty();
  }
}
