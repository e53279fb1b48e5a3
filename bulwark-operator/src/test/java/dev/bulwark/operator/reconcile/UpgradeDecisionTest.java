package dev.bulwark.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.v1alpha1.Condition;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.ResourceStatus;
import dev.bulwark.api.v1alpha1.UpgradeSpec;
import dev.bulwark.catalog.upgrade.ApiFinding;
import dev.bulwark.catalog.upgrade.CatalogueHistory;
import dev.bulwark.catalog.upgrade.CatalogueRelease;
import dev.bulwark.catalog.upgrade.RemovedApi;
import dev.bulwark.catalog.upgrade.RemovedApis;
import dev.bulwark.catalog.upgrade.ScannedObject;
import dev.bulwark.operator.reconcile.UpgradeDecision.Health;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** The operator's upgrade decision (ADR 0042), one reconcile at a time, without a cluster. */
class UpgradeDecisionTest {

  private static final Instant NOW = Instant.parse("2026-12-04T02:00:00Z");
  private static final Duration TIMEOUT = Duration.ofMinutes(10);
  private static final CatalogueRelease SHIPPED = CatalogueHistory.standard().require("2026.11");
  private static final CatalogueRelease NEXT = CatalogueHistory.standard().require("2026.12");

  private static Platform platform(String approval, Map<String, String> installed) {
    Platform platform =
        Serialization.unmarshal(
            """
            apiVersion: bulwark.dev/v1alpha1
            kind: Platform
            metadata: {name: bulwark}
            spec:
              domain: up.example.com
              provider: aws
              profile: full
              components:
                gitops: {settings: {repoURL: "https://git.example.com/p.git"}}
                dns: {settings: {provider: aws, region: eu-west-1}}
                certificates: {settings: {issuer: acme-dns01, email: p@example.com}}
              backup:
                objectStore: {bucket: b, region: eu-west-1, credentialsSecret: c}
              upgrade: {channel: stable, approval: %s, version: "2026.12"}
            """
                .formatted(approval),
            Platform.class);
    ResourceStatus status = new ResourceStatus();
    status.setInstalledVersions(new TreeMap<>(installed));
    platform.setStatus(status);
    return platform;
  }

  /** The components whose pin 2026.12 changes. */
  private static List<String> moved() {
    return NEXT.pins().keySet().stream()
        .filter(id -> !NEXT.pin(id).equals(SHIPPED.pin(id)))
        .sorted()
        .toList();
  }

  private static UpgradeDecision decide(Platform platform, BiFunction<String, String, Health> h) {
    return UpgradeDecision.decide(platform, List.of(), h, NOW, TIMEOUT).orElseThrow();
  }

  @Test
  void aStepIsRenderedAtTheTargetAndRecordedOnlyOnceItsApplicationIsHealthy() {
    String component = moved().get(0);
    String to = NEXT.pin(component).appVersion().toString();
    Platform platform = platform("automatic", Map.of());

    UpgradeDecision applied = decide(platform, (c, v) -> Health.PROGRESSING);
    assertThat(applied.condition().getType()).isEqualTo(UpgradeDecision.UPGRADING);
    assertThat(applied.condition().getMessage()).contains(component).contains("2026.12");
    assertThat(applied.renderedVersions()).containsEntry(component, to);
    assertThat(applied.installedVersions().get(component)).isNotEqualTo(to);
    assertThat(applied.requeue()).isTrue();

    List<String> askedAbout = new ArrayList<>();
    UpgradeDecision done =
        decide(
            platform,
            (c, v) -> {
              askedAbout.add(c + "@" + v);
              return Health.READY;
            });
    assertThat(askedAbout).containsExactly(component + "@" + NEXT.pin(component).sourceVersion());
    assertThat(done.installedVersions()).containsEntry(component, to);

    platform.getStatus().setInstalledVersions(new TreeMap<>(done.installedVersions()));
    UpgradeDecision upToDate = decide(platform, (c, v) -> Health.DEGRADED);
    assertThat(upToDate.condition().getType()).isEqualTo(UpgradeDecision.AVAILABLE);
    assertThat(upToDate.condition().getReason()).isEqualTo("UpToDate");
  }

  @Test
  void aDegradedApplicationFailsTheRunAndMovesNothing() {
    String component = moved().get(0);
    Platform platform = platform("automatic", Map.of());

    UpgradeDecision failed = decide(platform, (c, v) -> Health.DEGRADED);

    assertThat(failed.condition().getType()).isEqualTo(UpgradeDecision.FAILED);
    assertThat(failed.condition().getReason()).isEqualTo("Degraded");
    assertThat(failed.condition().getMessage()).contains(component);
    assertThat(failed.installedVersions().get(component))
        .isEqualTo(SHIPPED.pin(component).appVersion().toString());
    assertThat(failed.requeue()).isFalse();
  }

  @Test
  void aStepProgressingPastTheTimeoutFails() {
    Platform platform = platform("automatic", Map.of());
    UpgradeDecision applied = decide(platform, (c, v) -> Health.PROGRESSING);
    Condition upgrading = applied.condition();
    upgrading.setLastTransitionTime(NOW.minus(TIMEOUT).minusSeconds(1).toString());
    platform.getStatus().setConditions(List.of(upgrading));

    UpgradeDecision late = decide(platform, (c, v) -> Health.PROGRESSING);

    assertThat(late.condition().getType()).isEqualTo(UpgradeDecision.FAILED);
    assertThat(late.condition().getReason()).isEqualTo("Timeout");
  }

  @Test
  void approvalRequiredWithoutTheAnnotationWaitsAndAppliesNothing() {
    Platform platform = platform("required", Map.of());

    UpgradeDecision waiting = decide(platform, (c, v) -> Health.READY);

    assertThat(waiting.condition().getType()).isEqualTo(UpgradeDecision.PENDING);
    assertThat(waiting.condition().getMessage()).contains(UpgradeSpec.APPROVED_ANNOTATION);
    assertThat(waiting.renderedVersions()).isEqualTo(waiting.installedVersions());

    platform.getMetadata().setAnnotations(Map.of(UpgradeSpec.APPROVED_ANNOTATION, "2026.12"));
    assertThat(decide(platform, (c, v) -> Health.PROGRESSING).condition().getType())
        .isEqualTo(UpgradeDecision.UPGRADING);
  }

  @Test
  void aClosedWindowWaitsAndLooksAgainAtItsOpening() {
    Platform platform = platform("automatic", Map.of());
    // NOW is a Friday, 02:00 UTC: the window opens an hour later
    UpgradeSpec.WindowSpec window = new UpgradeSpec.WindowSpec();
    window.setDays(List.of(UpgradeSpec.Day.FRI));
    window.setStart("03:00");
    window.setDuration("1h");
    platform.getSpec().getUpgrade().setWindow(window);

    UpgradeDecision waiting = decide(platform, (c, v) -> Health.READY);

    assertThat(waiting.condition().getType()).isEqualTo(UpgradeDecision.PENDING);
    assertThat(waiting.condition().getMessage()).contains("window is closed");
    assertThat(waiting.requeueAfter()).contains(Duration.ofHours(1));
    assertThat(waiting.renderedVersions()).isEqualTo(waiting.installedVersions());
  }

  @Test
  void aFailedStepStaysFailedAtTheTargetUntilItsApplicationIsHealthy() {
    String component = moved().get(0);
    String to = NEXT.pin(component).appVersion().toString();
    Platform platform = platform("automatic", Map.of());
    platform
        .getStatus()
        .setConditions(List.of(decide(platform, (c, v) -> Health.DEGRADED).condition()));

    UpgradeDecision still = decide(platform, (c, v) -> Health.PROGRESSING);

    assertThat(still.condition().getType()).isEqualTo(UpgradeDecision.FAILED);
    assertThat(still.condition().getReason()).isEqualTo("Degraded");
    assertThat(still.renderedVersions()).containsEntry(component, to);
    assertThat(still.installedVersions().get(component)).isNotEqualTo(to);
    assertThat(still.requeue()).isFalse();

    UpgradeDecision healed = decide(platform, (c, v) -> Health.READY);
    assertThat(healed.condition().getReason()).isEqualTo("StepDone");
    assertThat(healed.installedVersions()).containsEntry(component, to);
  }

  @Test
  void aStepUnderWayIsNotRolledBackWhenTheRunMustWait() {
    String component = moved().get(0);
    String to = NEXT.pin(component).appVersion().toString();
    Platform platform = platform("required", Map.of());
    platform.getMetadata().setAnnotations(Map.of(UpgradeSpec.APPROVED_ANNOTATION, "2026.12"));
    platform
        .getStatus()
        .setConditions(List.of(decide(platform, (c, v) -> Health.PROGRESSING).condition()));
    platform.getMetadata().setAnnotations(Map.of());

    UpgradeDecision waiting = decide(platform, (c, v) -> Health.PROGRESSING);

    assertThat(waiting.condition().getType()).isEqualTo(UpgradeDecision.PENDING);
    assertThat(waiting.renderedVersions()).containsEntry(component, to);
    assertThat(waiting.installedVersions().get(component)).isNotEqualTo(to);
  }

  @Test
  void removedApisInUseBlockTheStart() {
    Platform platform = platform("automatic", Map.of());
    List<ApiFinding> findings = findings();

    UpgradeDecision blocked =
        UpgradeDecision.decide(platform, findings, (c, v) -> Health.READY, NOW, TIMEOUT)
            .orElseThrow();

    assertThat(blocked.condition().getType()).isEqualTo(UpgradeDecision.BLOCKED);
    assertThat(blocked.condition().getMessage()).contains(findings.get(0).describe());
    assertThat(blocked.renderedVersions()).isEqualTo(blocked.installedVersions());
  }

  @Test
  void noUpgradeSpecNoDecision() {
    Platform platform = platform("automatic", Map.of());
    platform.getSpec().setUpgrade(null);
    assertThat(UpgradeDecision.decide(platform, List.of(), (c, v) -> Health.READY, NOW, TIMEOUT))
        .isEmpty();
  }

  /** What the scanner reports for a live object of the first API the catalogue lists removed. */
  private static List<ApiFinding> findings() {
    RemovedApi removed = RemovedApis.standard().all().get(0);
    ScannedObject live =
        new ScannedObject(removed.apiVersion(), removed.kind(), "shop", "old", "cluster");
    List<ApiFinding> findings = RemovedApis.standard().scan(List.of(live), removed.removedIn());
    assertThat(findings).isNotEmpty();
    return findings;
  }
}
