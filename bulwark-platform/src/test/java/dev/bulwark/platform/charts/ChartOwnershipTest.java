package dev.bulwark.platform.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.platform.charts.PlatformReleases.Release;
import dev.bulwark.testkit.schema.Schemas;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No object a component's chart (or release manifest) creates is also one Bulwark renders: Argo CD
 * would have two Applications own it, each pruning or overwriting the other's copy (as Tekton's
 * release Namespaces did with the ones Bulwark labels).
 */
class ChartOwnershipTest {

  static Stream<Release> releases() {
    return PlatformReleases.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void noObjectOfTheComponentIsAlsoRenderedByBulwark(Release release) {
    Set<String> rendered =
        PlatformReleases.state(release.profile()).objects().stream()
            .map(o -> key(Schemas.toJson(o.object()), ""))
            .collect(Collectors.toCollection(TreeSet::new));
    List<String> both =
        ChartOutput.objects(release).stream()
            .map(o -> key(o, release.namespace()))
            .filter(rendered::contains)
            .toList();
    assertThat(both).as("objects of %s that Bulwark renders too", release).isEmpty();
  }

  /** Kind, namespace (the release's when a namespaced object names none) and name. */
  private static String key(JsonNode object, String releaseNamespace) {
    String kind = object.path("kind").asText();
    String namespace =
        object
            .at("/metadata/namespace")
            .asText(dev.bulwark.policy.library.Kinds.isClusterScoped(kind) ? "" : releaseNamespace);
    return kind + " " + namespace + "/" + object.at("/metadata/name").asText();
  }
}
