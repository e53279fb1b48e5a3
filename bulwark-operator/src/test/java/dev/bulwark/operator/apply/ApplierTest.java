package dev.bulwark.operator.apply;

import static dev.bulwark.operator.apply.Desired.OWNER;
import static dev.bulwark.operator.apply.Desired.configMap;
import static dev.bulwark.operator.apply.Desired.object;
import static dev.bulwark.operator.apply.Desired.ownedBy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.operator.apply.ApplyOutcome.Action;
import dev.bulwark.render.ObjectKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the applier reads the API server's refusals, and when it sends nothing at all. */
class ApplierTest {

  private final FakeCluster cluster = new FakeCluster();
  private final Applier applier = new Applier(cluster, FakeCluster.JSON);

  @ParameterizedTest(name = "HTTP {0} \"{1}\" -> {2}, retry {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      409 | Apply failed with 1 conflict: conflict with "kubectl" using v1: .data.value     | CONFLICT | false
      404 | namespaces "acme-dev" not found                                                  | FAILED   | true
      404 | the server could not find the requested resource                                 | FAILED   | false
      403 | admission webhook "policy.bulwark.dev" denied request: image tag latest          | FAILED   | true
      403 | configmaps "settings" is forbidden: User "bulwark" cannot patch resource         | FAILED   | false
      422 | ConfigMap "settings" is invalid: data: Invalid value                             | FAILED   | false
      429 | too many requests                                                                | FAILED   | true
      500 | etcdserver: request timed out                                                    | FAILED   | true
      500 | unable to convert unstructured object to core/v1, Kind=LimitRange: quantities   | FAILED   | false
      503 | the server is currently unable to handle the request                            | FAILED   | true
      """)
  void aRefusedApplyIsReportedWithWhatTheServerSaidAndWhetherARetryMayPass(
      int code, String message, Action action, boolean retry) {
    GenericKubernetesResource desired = ownedBy(OWNER, configMap("acme-dev", "settings", "1"));
    cluster.refusing(ObjectKey.of(desired), code, message);

    ApplyOutcome outcome = applier.apply(desired, Optional.empty(), OWNER);

    assertThat(outcome.action()).isEqualTo(action);
    assertThat(outcome.transientError()).isEqualTo(retry);
    assertThat(outcome.error()).isEqualTo("apply failed: HTTP " + code + ": " + message);
    assertThat(outcome.describe())
        .isEqualTo("ConfigMap acme-dev/settings: apply failed: HTTP " + code + ": " + message);
  }

  @Test
  void aConnectionFailureMayPassLater() {
    GenericKubernetesResource desired = ownedBy(OWNER, configMap("acme-dev", "settings", "1"));
    cluster.refusing(ObjectKey.of(desired), 0, "Connection refused");

    ApplyOutcome outcome = applier.apply(desired, Optional.empty(), OWNER);

    assertThat(outcome.action()).isEqualTo(Action.FAILED);
    assertThat(outcome.transientError()).isTrue();
  }

  /** As the client reports a request that got no answer: code -1, the cause says why. */
  @Test
  void aRequestWithoutAnAnswerMayPassLaterAndSaysWhyItFailed() {
    GenericKubernetesResource desired = ownedBy(OWNER, configMap("acme-dev", "settings", "1"));
    cluster.refusing(
        ObjectKey.of(desired),
        new KubernetesClientException(
            "Operation: [patch]  for kind: [ConfigMap]  with name: [settings]  failed.",
            new HttpTimeoutException("request timed out")));

    ApplyOutcome outcome = applier.apply(desired, Optional.empty(), OWNER);

    assertThat(outcome.action()).isEqualTo(Action.FAILED);
    assertThat(outcome.transientError()).as("a timeout under load is not a refusal").isTrue();
    assertThat(outcome.error())
        .isEqualTo(
            "apply failed: no answer: Operation: [patch]  for kind: [ConfigMap]  with name:"
                + " [settings]  failed. (java.net.http.HttpTimeoutException: request timed out)");
  }

  @Test
  void aRefusedPatchOfALiveObjectSaysPatch() {
    GenericKubernetesResource live = ownedBy(OWNER, configMap("acme-dev", "settings", "1"));
    cluster.refusing(ObjectKey.of(live), 422, "invalid");

    ApplyOutcome outcome =
        applier.apply(
            ownedBy(OWNER, configMap("acme-dev", "settings", "2")), Optional.of(live), OWNER);

    assertThat(cluster.requests()).containsExactly("apply --force ConfigMap acme-dev/settings");
    assertThat(outcome.error()).startsWith("patch failed: HTTP 422");
  }

  @Test
  void aKindTheServerDoesNotServeSendsNothingAndWaitsForItsCrd() {
    cluster.notServing("external-secrets.io/v1", "ExternalSecret");

    ApplyOutcome outcome =
        applier.apply(
            ownedBy(
                OWNER, object("external-secrets.io/v1", "ExternalSecret", "acme-dev", "db", 11)),
            Optional.empty(),
            OWNER);

    assertThat(cluster.requests()).isEmpty();
    assertThat(outcome.action()).isEqualTo(Action.FAILED);
    assertThat(outcome.transientError()).isTrue();
    assertThat(outcome.error())
        .isEqualTo(
            "the API server does not serve external-secrets.io/v1 ExternalSecret (is its CRD installed?)");
  }

  @Test
  void anObjectAnotherOwnerHoldsIsNotTouched() {
    GenericKubernetesResource live =
        ownedBy("Application/acme-dev/shop", configMap("acme-dev", "settings", "1"));

    ApplyOutcome outcome =
        applier.apply(
            ownedBy(OWNER, configMap("acme-dev", "settings", "2")), Optional.of(live), OWNER);

    assertThat(cluster.requests()).isEmpty();
    assertThat(outcome.action()).isEqualTo(Action.CONFLICT);
    assertThat(outcome.error())
        .isEqualTo("already managed by Application/acme-dev/shop; not applied");
    assertThat(outcome.transientError()).isFalse();
  }

  @Test
  void aNewObjectIsAppliedWithoutForceSoThatTakingOverFieldsFailsLoudly() {
    ApplyOutcome outcome =
        applier.apply(
            ownedBy(OWNER, configMap("acme-dev", "settings", "1")), Optional.empty(), OWNER);

    assertThat(cluster.requests()).containsExactly("apply ConfigMap acme-dev/settings");
    assertThat(outcome.action()).isEqualTo(Action.CREATED);
  }

  @Test
  void aLiveObjectNobodyHoldsIsAdoptedWithForce() {
    GenericKubernetesResource live = configMap("acme-dev", "settings", "by hand");

    ApplyOutcome outcome =
        applier.apply(
            ownedBy(OWNER, configMap("acme-dev", "settings", "1")), Optional.of(live), OWNER);

    assertThat(cluster.requests()).containsExactly("apply --force ConfigMap acme-dev/settings");
    assertThat(outcome.action()).isEqualTo(Action.PATCHED);
  }

  @Test
  void pruningSendsNothingForWhatIsGoneHeldByOthersOrAlreadyGoing() {
    ObjectKey key = new ObjectKey("v1", "ConfigMap", "acme-dev", "settings");
    GenericKubernetesResource theirs =
        ownedBy("Tenant/other", configMap("acme-dev", "settings", "1"));
    GenericKubernetesResource unmarked = configMap("acme-dev", "settings", "1");
    GenericKubernetesResource going = ownedBy(OWNER, configMap("acme-dev", "settings", "1"));
    going.getMetadata().setDeletionTimestamp("2026-12-01T00:00:00Z");

    assertThat(applier.prune(key, Optional.empty(), OWNER).action()).isEqualTo(Action.UNCHANGED);
    assertThat(applier.prune(key, Optional.of(theirs), OWNER).action()).isEqualTo(Action.UNCHANGED);
    assertThat(applier.prune(key, Optional.of(unmarked), OWNER).action())
        .isEqualTo(Action.UNCHANGED);
    assertThat(applier.prune(key, Optional.of(going), OWNER).action()).isEqualTo(Action.UNCHANGED);
    assertThat(cluster.requests()).isEmpty();
  }

  @Test
  void anObjectGoneBeforeItsDeleteCountsAsPruned() {
    GenericKubernetesResource live = ownedBy(OWNER, configMap("acme-dev", "settings", "1"));

    ApplyOutcome outcome = applier.prune(ObjectKey.of(live), Optional.of(live), OWNER);

    assertThat(cluster.requests()).containsExactly("delete ConfigMap acme-dev/settings");
    assertThat(outcome.action()).isEqualTo(Action.UNCHANGED);
  }

  @Test
  void aRefusedDeleteIsAFailureThatSaysDelete() {
    GenericKubernetesResource live = ownedBy(OWNER, configMap("acme-dev", "settings", "1"));
    cluster.holding(live).refusing(ObjectKey.of(live), 500, "etcdserver: leader changed");

    ApplyOutcome outcome = applier.prune(ObjectKey.of(live), Optional.of(live), OWNER);

    assertThat(outcome.action()).isEqualTo(Action.FAILED);
    assertThat(outcome.transientError()).isTrue();
    assertThat(outcome.error()).isEqualTo("delete failed: HTTP 500: etcdserver: leader changed");
  }
}
