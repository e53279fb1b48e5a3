package dev.bulwark.operator.apply;

import static dev.bulwark.operator.apply.Desired.OWNER;
import static dev.bulwark.operator.apply.Desired.configMap;
import static dev.bulwark.operator.apply.Desired.namespace;
import static dev.bulwark.operator.apply.Desired.object;
import static dev.bulwark.operator.apply.Desired.ownedBy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.operator.apply.ApplyOutcome.Action;
import dev.bulwark.render.ObjectKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One owner's pass: the order of applying, what a failure stops, what is pruned and what the
 * inventory keeps.
 */
class SyncTest {

  private final FakeCluster cluster = new FakeCluster();
  private final Sync sync = new Sync(new Applier(cluster, FakeCluster.JSON));

  @Test
  void appliesInTheLaddersOrderAndRecordsEveryObjectInTheInventory() {
    Sync.Result result =
        sync.run(
            OWNER,
            mine(
                object("external-secrets.io/v1", "ExternalSecret", "acme-dev", "db", 11),
                configMap("acme-dev", "settings", "1"),
                object("external-secrets.io/v1", "SecretStore", "acme-dev", "tenant", 10),
                namespace("acme-dev")),
            List.of(),
            cluster);

    assertThat(cluster.requests())
        .containsExactly(
            "apply Namespace acme-dev", "apply ConfigMap acme-dev/settings",
            "apply SecretStore acme-dev/tenant", "apply ExternalSecret acme-dev/db");
    assertThat(result.applied()).extracting(ApplyOutcome::action).containsOnly(Action.CREATED);
    assertThat(result.inventory())
        .containsExactly(
            "external-secrets.io/v1/ExternalSecret/acme-dev/db",
                "external-secrets.io/v1/SecretStore/acme-dev/tenant",
            "v1/ConfigMap/acme-dev/settings", "v1/Namespace//acme-dev");
    assertThat(result.wrote()).isTrue();
    assertThat(result.failures()).isEmpty();
  }

  @Test
  void aSecondPassOverTheSameObjectsSendsNothing() {
    List<GenericKubernetesResource> desired =
        mine(namespace("acme-dev"), configMap("acme-dev", "settings", "1"));
    Sync.Result first = sync.run(OWNER, desired, List.of(), cluster);
    int sent = cluster.requests().size();

    Sync.Result second =
        sync.run(
            OWNER,
            mine(namespace("acme-dev"), configMap("acme-dev", "settings", "1")),
            first.inventory(),
            cluster);

    assertThat(cluster.requests()).hasSize(sent);
    assertThat(second.applied()).extracting(ApplyOutcome::action).containsOnly(Action.UNCHANGED);
    assertThat(second.wrote()).isFalse();
    assertThat(second.inventory()).isEqualTo(first.inventory());
  }

  @Test
  void aChangedObjectIsPatchedWithForceAsItIsOurs() {
    Sync.Result first =
        sync.run(OWNER, mine(configMap("acme-dev", "settings", "1")), List.of(), cluster);

    Sync.Result second =
        sync.run(OWNER, mine(configMap("acme-dev", "settings", "2")), first.inventory(), cluster);

    assertThat(cluster.requests())
        .containsExactly(
            "apply ConfigMap acme-dev/settings", "apply --force ConfigMap acme-dev/settings");
    assertThat(second.applied()).extracting(ApplyOutcome::action).containsExactly(Action.PATCHED);
  }

  @Test
  void objectsOfANamespaceThatFailedAreSkippedAndTheRestIsApplied() {
    cluster.refusing(key(namespace("acme-dev")), 503, "etcdserver: leader changed");

    Sync.Result result =
        sync.run(
            OWNER,
            mine(
                namespace("acme-dev"),
                configMap("acme-dev", "settings", "1"),
                namespace("acme-prod"),
                configMap("acme-prod", "settings", "1")),
            List.of(),
            cluster);

    // the two Namespaces are one step, applied at once: in either order, before the ConfigMap
    assertThat(cluster.requests().subList(0, 2))
        .containsExactlyInAnyOrder("apply Namespace acme-dev", "apply Namespace acme-prod");
    assertThat(cluster.requests()).hasSize(3).endsWith("apply ConfigMap acme-prod/settings");
    ApplyOutcome skipped = outcome(result, "settings", "acme-dev");
    assertThat(skipped.action()).isEqualTo(Action.SKIPPED);
    assertThat(skipped.error()).isEqualTo("not applied because Namespace acme-dev was not");
    assertThat(skipped.transientError()).as("as retryable as the namespace's failure").isTrue();
    assertThat(result.failures()).hasSize(2);
    assertThat(result.retryable()).isTrue();
  }

  @Test
  void aConflictWithAnotherOwnerSendsNothingAndStaysOutOfTheInventory() {
    cluster.holding(ownedBy("Tenant/other", configMap("shared", "settings", "theirs")));

    Sync.Result result =
        sync.run(
            OWNER,
            mine(configMap("shared", "settings", "ours"), configMap("shared", "mine", "1")),
            List.of(),
            cluster);

    assertThat(cluster.requests()).containsExactly("apply ConfigMap shared/mine");
    assertThat(outcome(result, "settings", "shared").action()).isEqualTo(Action.CONFLICT);
    assertThat(result.inventory()).containsExactly("v1/ConfigMap/shared/mine");
    assertThat(result.retryable()).isFalse();
  }

  @Test
  void whatLeftTheDesiredObjectsIsPrunedAndLeavesTheInventory() {
    Sync.Result first =
        sync.run(
            OWNER,
            mine(configMap("acme-dev", "a", "1"), configMap("acme-dev", "b", "1")),
            List.of(),
            cluster);

    Sync.Result second =
        sync.run(OWNER, mine(configMap("acme-dev", "a", "1")), first.inventory(), cluster);

    assertThat(cluster.requests()).endsWith("delete ConfigMap acme-dev/b");
    assertThat(second.pruned()).extracting(ApplyOutcome::action).containsExactly(Action.DELETED);
    assertThat(second.inventory()).containsExactly("v1/ConfigMap/acme-dev/a");
    assertThat(cluster.has(key(configMap("acme-dev", "b", "1")))).isFalse();
  }

  @Test
  void anObjectTheInventoryLostIsFoundByItsOwnerAnnotationAndPruned() {
    cluster.holding(ownedBy(OWNER, configMap("acme-dev", "orphan", "1")));

    Sync.Result result = sync.run(OWNER, List.of(), List.of(), cluster);

    assertThat(cluster.requests()).containsExactly("delete ConfigMap acme-dev/orphan");
    assertThat(result.pruned()).extracting(ApplyOutcome::action).containsExactly(Action.DELETED);
  }

  @Test
  void theObjectsOfAPrunedNamespaceGoWithItInOneDelete() {
    Sync.Result first =
        sync.run(
            OWNER,
            mine(
                namespace("acme-old"),
                configMap("acme-old", "a", "1"),
                configMap("acme-old", "b", "1")),
            List.of(),
            cluster);

    sync.run(OWNER, List.of(), first.inventory(), cluster);

    assertThat(cluster.requests())
        .filteredOn(r -> r.startsWith("delete"))
        .containsExactly("delete Namespace acme-old");
  }

  @Test
  void anObjectAnotherOwnerHoldsNowIsNeitherPrunedNorReported() {
    cluster.holding(ownedBy("Tenant/other", configMap("shared", "taken", "1")));

    Sync.Result result = sync.run(OWNER, List.of(), List.of("v1/ConfigMap/shared/taken"), cluster);

    assertThat(cluster.requests()).isEmpty();
    assertThat(result.pruned()).isEmpty();
    assertThat(result.inventory()).isEmpty();
  }

  @Test
  void aFailedDeleteIsReportedAndKeptInTheInventoryForTheNextPass() {
    Sync.Result first = sync.run(OWNER, mine(configMap("acme-dev", "a", "1")), List.of(), cluster);
    cluster.refusing(
        key(configMap("acme-dev", "a", "1")),
        403,
        "configmaps \"a\" is forbidden: User cannot delete resource");

    Sync.Result second = sync.run(OWNER, List.of(), first.inventory(), cluster);

    assertThat(second.pruned()).extracting(ApplyOutcome::action).containsExactly(Action.FAILED);
    assertThat(second.failures()).hasSize(1);
    assertThat(second.inventory()).containsExactly("v1/ConfigMap/acme-dev/a");
  }

  /** The objects as {@link OwnerLinks#attach} leaves them for {@link Desired#OWNER}. */
  private static List<GenericKubernetesResource> mine(GenericKubernetesResource... objects) {
    return java.util.Arrays.stream(objects).map(o -> ownedBy(OWNER, o)).toList();
  }

  private static ObjectKey key(GenericKubernetesResource object) {
    return ObjectKey.of(object);
  }

  private static ApplyOutcome outcome(Sync.Result result, String name, String namespace) {
    return result.applied().stream()
        .filter(o -> o.key().name().equals(name) && o.key().namespace().equals(namespace))
        .findFirst()
        .orElseThrow();
  }
}
