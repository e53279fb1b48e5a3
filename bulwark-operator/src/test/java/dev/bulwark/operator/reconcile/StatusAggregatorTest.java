package dev.bulwark.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.v1alpha1.Condition;
import dev.bulwark.api.v1alpha1.ResourceStatus;
import dev.bulwark.operator.apply.ApplyOutcome;
import dev.bulwark.operator.apply.ApplyOutcome.Action;
import dev.bulwark.operator.apply.Sync;
import dev.bulwark.render.ObjectKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The status a pass leads to: conditions, their transition times, the inventory. */
class StatusAggregatorTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.750Z");
  private static final Instant T1 = Instant.parse("2026-12-01T11:00:00Z");
  private static final List<String> INVENTORY =
      List.of("v1/ConfigMap/acme-dev/a", "v1/Namespace//acme-dev");

  @Test
  void aCleanPassIsReadyAndSaysHowManyObjectsAreInSync() {
    ResourceStatus status =
        StatusAggregator.afterSync(null, 3, result(List.of(ok("a"), ok("b")), List.of()), T0);

    assertThat(status.getObservedGeneration()).isEqualTo(3);
    assertThat(status.getInventory()).isEqualTo(INVENTORY);
    assertThat(describe(status))
        .containsExactly(
            "Ready=True Reconciled: 2 objects in sync",
            "Reconciling=False Reconciled: 2 objects in sync",
            "Degraded=False Reconciled: no object failed");
    assertThat(status.getConditions())
        .allSatisfy(
            c -> {
              assertThat(c.getObservedGeneration()).isEqualTo(3);
              assertThat(c.getLastTransitionTime()).isEqualTo("2026-12-01T10:00:00Z");
            });
    assertThat(StatusAggregator.ready(status, 3L)).isTrue();
    assertThat(StatusAggregator.ready(status, 4L)).as("not for a newer generation").isFalse();
  }

  @Test
  void everyPassKeepsTheInstalledVersionsItDidNotChange() {
    ResourceStatus upgraded =
        StatusAggregator.afterSync(null, 1, result(List.of(ok("a")), List.of()), T0);
    upgraded.setInstalledVersions(new TreeMap<>(Map.of("velero", "v1.18.1")));

    ResourceStatus synced =
        StatusAggregator.afterSync(upgraded, 2, result(List.of(ok("a")), List.of()), T1);
    ResourceStatus blocked =
        StatusAggregator.blocked(upgraded, 2, new Blocked("InvalidSpec", "spec.x: bad", true), T1);

    assertThat(synced.getInstalledVersions()).containsExactly(Map.entry("velero", "v1.18.1"));
    assertThat(blocked.getInstalledVersions()).containsExactly(Map.entry("velero", "v1.18.1"));
  }

  @Test
  void anUnchangedPassKeepsTheTransitionTimesSoTheStatusIsIdentical() {
    Sync.Result result = result(List.of(ok("a")), List.of());
    ResourceStatus first = StatusAggregator.afterSync(null, 1, result, T0);

    ResourceStatus again = StatusAggregator.afterSync(first, 1, result, T1);

    assertThat(describeWithTimes(again)).isEqualTo(describeWithTimes(first));
  }

  @Test
  void aConditionThatFlipsGetsANewTransitionTimeAndTheOthersKeepTheirs() {
    ResourceStatus ready =
        StatusAggregator.afterSync(null, 1, result(List.of(ok("a")), List.of()), T0);

    ResourceStatus failing =
        StatusAggregator.afterSync(ready, 2, result(List.of(failed("a", false)), List.of()), T1);

    assertThat(
            StatusAggregator.find(failing, StatusAggregator.READY)
                .orElseThrow()
                .getLastTransitionTime())
        .isEqualTo("2026-12-01T11:00:00Z");
    assertThat(
            StatusAggregator.find(failing, StatusAggregator.RECONCILING)
                .orElseThrow()
                .getLastTransitionTime())
        .as("Reconciling stays False")
        .isEqualTo("2026-12-01T10:00:00Z");
  }

  @Test
  void aFailureThatMayPassIsRetriedAndNamesTheObject() {
    ResourceStatus status =
        StatusAggregator.afterSync(
            null, 1, result(List.of(ok("a"), failed("b", true)), List.of()), T0);

    assertThat(describe(status))
        .containsExactly(
            "Ready=False ApplyFailed: 1 of 2 objects failed: ConfigMap acme-dev/b: apply failed: HTTP 503: unavailable",
            "Reconciling=True RetryingWithBackoff: retrying: 1 of 2 objects failed: ConfigMap acme-dev/b: apply failed: HTTP 503: unavailable",
            "Degraded=True ApplyFailed: 1 of 2 objects failed: ConfigMap acme-dev/b: apply failed: HTTP 503: unavailable");
  }

  @Test
  void aFailureThatWillNotPassStopsReconcilingAndPointsAtDegraded() {
    ResourceStatus status =
        StatusAggregator.afterSync(null, 1, result(List.of(failed("b", false)), List.of()), T0);

    assertThat(StatusAggregator.find(status, StatusAggregator.RECONCILING).orElseThrow())
        .extracting(Condition::getStatus, Condition::getMessage)
        .containsExactly("False", "done; fix the spec or the objects named in Degraded");
  }

  @Test
  void onlyConflictsAndWhatTheySkippedReadAsAConflictWithRootCausesFirst() {
    ApplyOutcome skipped =
        new ApplyOutcome(
            key("a"), Action.SKIPPED, "not applied because Namespace acme-dev was not", false);
    ApplyOutcome conflict =
        new ApplyOutcome(
            key("b"), Action.CONFLICT, "already managed by Tenant/other; not applied", false);

    ResourceStatus status =
        StatusAggregator.afterSync(null, 1, result(List.of(skipped, conflict), List.of()), T0);

    assertThat(StatusAggregator.find(status, StatusAggregator.DEGRADED).orElseThrow())
        .extracting(Condition::getReason, Condition::getMessage)
        .containsExactly(
            "Conflict",
            "2 of 2 objects failed: ConfigMap acme-dev/b: already managed by Tenant/other; not applied; "
                + "ConfigMap acme-dev/a: not applied because Namespace acme-dev was not");
  }

  @Test
  void aLongListOfFailuresNamesFiveAndCountsTheRest() {
    List<ApplyOutcome> failures =
        IntStream.range(0, 8).mapToObj(i -> failed("o" + i, false)).toList();

    ResourceStatus status = StatusAggregator.afterSync(null, 1, result(failures, List.of()), T0);

    String message =
        StatusAggregator.find(status, StatusAggregator.READY).orElseThrow().getMessage();
    assertThat(message)
        .startsWith("8 of 8 objects failed: ConfigMap acme-dev/o0")
        .endsWith("; and 3 more");
    assertThat(message).contains("acme-dev/o4").doesNotContain("acme-dev/o5");
  }

  @Test
  void aFailedDeleteCountsAmongTheObjects() {
    ApplyOutcome deleteFailed =
        new ApplyOutcome(key("gone"), Action.FAILED, "delete failed: HTTP 403: forbidden", false);

    ResourceStatus status =
        StatusAggregator.afterSync(null, 1, result(List.of(ok("a")), List.of(deleteFailed)), T0);

    assertThat(StatusAggregator.find(status, StatusAggregator.READY).orElseThrow().getMessage())
        .isEqualTo(
            "1 of 2 objects failed: ConfigMap acme-dev/gone: delete failed: HTTP 403: forbidden");
  }

  @Test
  void aBlockedResourceKeepsItsInventoryAndSaysWhetherItWaitsOrMustBeFixed() {
    ResourceStatus before =
        StatusAggregator.afterSync(null, 1, result(List.of(ok("a")), List.of()), T0);

    ResourceStatus waiting =
        StatusAggregator.blocked(
            before, 2, new Blocked("PlatformNotFound", "no Platform yet", false), T1);
    ResourceStatus broken =
        StatusAggregator.blocked(before, 2, new Blocked("RenderFailed", "bad spec", true), T1);

    assertThat(waiting.getInventory()).isEqualTo(INVENTORY);
    assertThat(describe(waiting))
        .containsExactly(
            "Ready=False PlatformNotFound: no Platform yet",
            "Reconciling=True PlatformNotFound: no Platform yet",
            "Degraded=False PlatformNotFound: waiting, nothing failed");
    assertThat(describe(broken))
        .containsExactly(
            "Ready=False RenderFailed: bad spec",
            "Reconciling=False RenderFailed: bad spec",
            "Degraded=True RenderFailed: bad spec");
  }

  @Test
  void anUnexpectedErrorIsAnInternalErrorNamingItsType() {
    ResourceStatus status =
        StatusAggregator.failed(null, 1, new IllegalStateException("informer not synced"), T0);

    assertThat(StatusAggregator.find(status, StatusAggregator.DEGRADED).orElseThrow())
        .extracting(Condition::getReason, Condition::getMessage)
        .containsExactly("InternalError", "IllegalStateException: informer not synced");
    assertThat(status.getInventory()).isEmpty();
  }

  private static Sync.Result result(List<ApplyOutcome> applied, List<ApplyOutcome> pruned) {
    return new Sync.Result(applied, pruned, INVENTORY);
  }

  private static ObjectKey key(String name) {
    return new ObjectKey("v1", "ConfigMap", "acme-dev", name);
  }

  private static ApplyOutcome ok(String name) {
    return ApplyOutcome.ok(key(name), Action.CREATED);
  }

  private static ApplyOutcome failed(String name, boolean retry) {
    return new ApplyOutcome(
        key(name),
        Action.FAILED,
        "apply failed: HTTP " + (retry ? "503: unavailable" : "422: invalid"),
        retry);
  }

  private static List<String> describe(ResourceStatus status) {
    return status.getConditions().stream()
        .map(c -> c.getType() + "=" + c.getStatus() + " " + c.getReason() + ": " + c.getMessage())
        .toList();
  }

  private static List<String> describeWithTimes(ResourceStatus status) {
    List<String> lines = new ArrayList<>(describe(status));
    status
        .getConditions()
        .forEach(
            c ->
                lines.add(
                    c.getType()
                        + "@"
                        + c.getLastTransitionTime()
                        + " gen "
                        + c.getObservedGeneration()));
    lines.add("inventory " + status.getInventory() + " gen " + status.getObservedGeneration());
    return lines;
  }
}
