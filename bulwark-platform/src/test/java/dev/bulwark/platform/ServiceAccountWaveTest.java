package dev.bulwark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A workload's ServiceAccount exists before the workload: whoever applies by the sync-wave ladder
 * (Argo CD, {@code bulwark apply}) must not create a Job or Deployment whose pods name a
 * ServiceAccount of a later wave, or the pods are refused until it appears. This covers the
 * bootstrap directory too, which {@link SyncWaveOrderTest}'s graph leaves to the administrator.
 */
class ServiceAccountWaveTest {

  static Stream<String> profiles() {
    return Profiles.ALL.stream();
  }

  @ParameterizedTest
  @MethodSource("profiles")
  void everyWorkloadsServiceAccountIsInTheSameOrAnEarlierWave(String profile) {
    DesiredState state = Profiles.state(profile);
    Map<String, Integer> accountWaves = new HashMap<>();
    for (DesiredObject desired : state.objects()) {
      HasMetadata object = desired.object();
      if (object.getKind().equals("ServiceAccount")) {
        accountWaves.put(
            object.getMetadata().getNamespace() + "/" + object.getMetadata().getName(),
            wave(object));
      }
    }
    List<String> late = new ArrayList<>();
    int checked = 0;
    for (DesiredObject desired : state.objects()) {
      HasMetadata object = desired.object();
      JsonNode podSpec = podSpec(object);
      String account = podSpec.path("serviceAccountName").asText("");
      Integer accountWave = accountWaves.get(object.getMetadata().getNamespace() + "/" + account);
      if (account.isEmpty() || accountWave == null) {
        continue; // the default account, or one a chart creates inside its own Application
      }
      checked++;
      if (accountWave > wave(object)) {
        late.add(
            object.getKind()
                + " "
                + object.getMetadata().getNamespace()
                + "/"
                + object.getMetadata().getName()
                + " (wave "
                + wave(object)
                + ") runs as "
                + account
                + " (wave "
                + accountWave
                + ")");
      }
    }
    assertThat(checked).as("workloads that run as a rendered ServiceAccount").isPositive();
    assertThat(late).as("workloads created before their ServiceAccount").isEmpty();
  }

  /**
   * The bootstrap Job installs Argo CD with helm, which needs the cluster-admin binding rendered
   * for it: the Job must run as the ServiceAccount that binding names, with its token mounted.
   */
  @ParameterizedTest
  @MethodSource("profiles")
  void theBootstrapJobRunsAsTheAccountItsBindingGrants(String profile) {
    List<HasMetadata> bootstrap =
        Profiles.state(profile).objects().stream()
            .filter(o -> o.capability().equals("bootstrap"))
            .map(DesiredObject::object)
            .toList();
    JsonNode binding =
        Serialization.jsonMapper()
            .valueToTree(
                bootstrap.stream()
                    .filter(o -> o.getKind().equals("ClusterRoleBinding"))
                    .findFirst()
                    .orElseThrow());
    HasMetadata job =
        bootstrap.stream().filter(o -> o.getKind().equals("Job")).findFirst().orElseThrow();
    JsonNode pod = podSpec(job);
    assertThat(binding.path("subjects").get(0).path("name").asText())
        .isEqualTo(pod.path("serviceAccountName").asText());
    assertThat(binding.path("subjects").get(0).path("namespace").asText())
        .isEqualTo(job.getMetadata().getNamespace());
    assertThat(pod.path("automountServiceAccountToken").asBoolean(false)).isTrue();
  }

  private static JsonNode podSpec(HasMetadata object) {
    JsonNode tree = Serialization.jsonMapper().valueToTree(object);
    JsonNode spec = tree.path("spec");
    return object.getKind().equals("CronJob")
        ? spec.path("jobTemplate").path("spec").path("template").path("spec")
        : spec.path("template").path("spec");
  }

  private static int wave(HasMetadata object) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    String wave = annotations == null ? null : annotations.get("argocd.argoproj.io/sync-wave");
    return wave == null ? 0 : Integer.parseInt(wave);
  }
}
