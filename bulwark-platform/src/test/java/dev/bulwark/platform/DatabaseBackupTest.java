package dev.bulwark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every CloudNativePG cluster that archives to the object store also takes scheduled base backups
 * of itself. CNPG's ScheduledBackup CRD is not in shared/crds, so its shape is checked here against
 * CNPG's API (required schedule and cluster.name, enums of method and owner).
 */
class DatabaseBackupTest {

  private final DesiredState state = Profiles.state("full");

  @Test
  void everyArchivingClusterHasAScheduledBackupOfItself() {
    List<DesiredObject> clusters = kind("Cluster");
    assertThat(clusters).isNotEmpty();
    for (DesiredObject cluster : clusters) {
      assertThat(spec(cluster)).containsKey("backup");
      DesiredObject scheduled =
          kind("ScheduledBackup").stream()
              .filter(
                  b ->
                      b.key().namespace().equals(cluster.key().namespace())
                          && b.key().name().equals(cluster.key().name()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no ScheduledBackup for " + cluster.key()));
      Map<String, Object> spec = spec(scheduled);
      assertThat(spec.keySet())
          .allMatch(
              k ->
                  List.of("schedule", "cluster", "method", "backupOwnerReference", "immediate")
                      .contains(k));
      assertThat(((Map<?, ?>) spec.get("cluster")).get("name")).isEqualTo(cluster.key().name());
      assertThat(spec.get("method")).isEqualTo("barmanObjectStore");
      assertThat(spec.get("backupOwnerReference")).isIn("none", "self", "cluster");
      assertThat(((String) spec.get("schedule")).split(" "))
          .as("robfig cron with seconds")
          .hasSize(6);
      assertThat(scheduled.environment()).isEqualTo(cluster.environment());
    }
  }

  @Test
  void theApplicationScheduleWinsAndGainsASecondsField() {
    assertThat(kind("ScheduledBackup"))
        .filteredOn(b -> b.tenant().equals("shop"))
        .extracting(b -> (Object) spec(b).get("schedule"))
        .isNotEmpty()
        .containsOnly("0 30 1 * * *");
    assertThat(kind("ScheduledBackup"))
        .filteredOn(b -> b.key().name().equals("keycloak-db"))
        .extracting(b -> (Object) spec(b).get("schedule"))
        .as("the platform's 0 3 * * *")
        .containsExactly("0 0 3 * * *");
  }

  private List<DesiredObject> kind(String kind) {
    return state.objects().stream()
        .filter(o -> o.key().kind().equals(kind) && o.key().group().equals("postgresql.cnpg.io"))
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(DesiredObject object) {
    return (Map<String, Object>)
        ((GenericKubernetesResource) object.object()).getAdditionalProperties().get("spec");
  }
}
