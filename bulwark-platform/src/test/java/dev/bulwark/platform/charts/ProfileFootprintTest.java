package dev.bulwark.platform.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controlplane.SharedData;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The footprint of each profile, measured rather than guessed: every component's real chart (or
 * manifests) rendered with the values Bulwark sets, and the {@code resources.requests} of every
 * container of every Deployment and StatefulSet summed times its replicas, DaemonSets counted once
 * (per node). The table is docs/profiles.md; {@code -Dprofiles.update=true} rewrites it.
 */
class ProfileFootprintTest {

  private static final List<String> PROFILES = List.of("minimal", "standard", "full");
  private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet");
  private static final Path DOC = SharedData.repoDir().resolve("docs/profiles.md");

  /** One profile's sums: CPU in cores, memory in bytes. */
  record Footprint(
      String profile,
      List<String> components,
      BigDecimal cpu,
      BigDecimal memory,
      int containers,
      int withoutRequests) {}

  static Footprint measure(String profile) {
    List<PlatformReleases.Release> releases = PlatformReleases.releases(profile);
    BigDecimal cpu = BigDecimal.ZERO;
    BigDecimal memory = BigDecimal.ZERO;
    int containers = 0;
    int withoutRequests = 0;
    for (PlatformReleases.Release release : releases) {
      for (JsonNode object : ChartOutput.objects(release)) {
        if (!WORKLOADS.contains(object.path("kind").asText())) {
          continue;
        }
        BigDecimal replicas =
            BigDecimal.valueOf(
                object.path("kind").asText().equals("DaemonSet")
                    ? 1
                    : object.at("/spec/replicas").asInt(1));
        for (JsonNode container : object.at("/spec/template/spec/containers")) {
          JsonNode requests = container.at("/resources/requests");
          containers++;
          withoutRequests += requests.isMissingNode() || requests.isEmpty() ? 1 : 0;
          cpu = cpu.add(amount(requests.path("cpu")).multiply(replicas));
          memory = memory.add(amount(requests.path("memory")).multiply(replicas));
        }
      }
    }
    List<String> components =
        releases.stream().map(PlatformReleases.Release::component).sorted().toList();
    return new Footprint(profile, components, cpu, memory, containers, withoutRequests);
  }

  private static BigDecimal amount(JsonNode quantity) {
    return quantity.isMissingNode() || quantity.isNull()
        ? BigDecimal.ZERO
        : Quantity.getAmountInBytes(new Quantity(quantity.asText()));
  }

  @Test
  void eachProfileRequestsMoreThanTheOneBelowAndTheDocSaysSo() throws IOException {
    List<Footprint> footprints = PROFILES.stream().map(ProfileFootprintTest::measure).toList();
    for (int i = 1; i < footprints.size(); i++) {
      Footprint smaller = footprints.get(i - 1);
      Footprint larger = footprints.get(i);
      assertThat(smaller.components().size())
          .as("components of %s against %s", smaller.profile(), larger.profile())
          .isLessThan(larger.components().size());
      assertThat(smaller.cpu()).as("CPU of %s", smaller.profile()).isLessThan(larger.cpu());
      assertThat(smaller.memory())
          .as("memory of %s", smaller.profile())
          .isLessThan(larger.memory());
    }
    assertThat(footprints.get(0).cpu()).as("minimal requests some CPU").isPositive();
    String table = table(footprints);
    if (Boolean.getBoolean("profiles.update")) {
      Files.writeString(DOC, table);
    }
    assertThat(DOC).as("%s: run with -Dprofiles.update=true", DOC).exists();
    assertThat(Files.readString(DOC))
        .as("docs/profiles.md is not current: run with -Dprofiles.update=true and review")
        .isEqualTo(table);
  }

  static String table(List<Footprint> footprints) {
    StringBuilder out = new StringBuilder();
    out.append(
        """
        # Profiles and their footprint

        What each profile installs, and what its pods request, as measured by
        `ProfileFootprintTest` in bulwark-platform: every component's upstream chart (or
        manifests) rendered with the values Bulwark sets for examples/acme at that profile, and
        the `resources.requests` of every container of every Deployment and StatefulSet summed
        times its replicas; a DaemonSet counts once, so add its share per extra node. Containers
        without requests count as zero (the last column says how many there are), so these are
        lower bounds; init containers and Jobs are left out because they do not run alongside the
        rest. Components are the ones installed from a pinned upstream chart or manifest folder;
        Bulwark's own objects (storage classes, policies, namespaces) request nothing. Pods that
        operators create from custom resources (Prometheus, Alertmanager, Elasticsearch,
        PostgreSQL clusters, the Keycloak server) are not in the charts and are not counted yet:
        the figures compare the profiles' charts, not a cluster's whole bill. Regenerate with
        `./mvnw -pl bulwark-platform -am verify -Dtest=ProfileFootprintTest
        -Dsurefire.failIfNoSpecifiedTests=false -Dprofiles.update=true`.

        | profile | components | CPU requested (cores) | memory requested (MiB) | containers without requests |
        |---|---|---|---|---|
        """);
    for (Footprint f : footprints) {
      out.append("| ")
          .append(f.profile())
          .append(" | ")
          .append(f.components().size())
          .append(" | ")
          .append(f.cpu().setScale(2, RoundingMode.HALF_UP).toPlainString())
          .append(" | ")
          .append(
              f.memory()
                  .divide(BigDecimal.valueOf(1024L * 1024L), 0, RoundingMode.HALF_UP)
                  .toPlainString())
          .append(" | ")
          .append(f.withoutRequests())
          .append(" of ")
          .append(f.containers())
          .append(" |\n");
    }
    out.append("\n## Components\n\n");
    for (Footprint f : footprints) {
      out.append("- **")
          .append(f.profile())
          .append("**: ")
          .append(String.join(", ", f.components()))
          .append("\n");
    }
    return out.toString();
  }
}
