package dev.bulwark.spec;

import static dev.bulwark.spec.SpecFixtures.assertErrors;
import static dev.bulwark.spec.SpecFixtures.loadWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.v1alpha1.MirrorSpec;
import org.junit.jupiter.api.Test;

/** {@code spec.mirror}: the private registry and chart repository of an air-gapped platform. */
class SpecLoaderMirrorTest {

  private static LoadResult platformWithMirror(String mirror) {
    return loadWith("platform.yaml", SpecFixtures.PLATFORM + "  mirror:\n" + mirror);
  }

  @Test
  void aRegistryWithPortAndPathAndAnOciChartRepositoryLoad() {
    LoadResult result =
        platformWithMirror(
            "    registry: registry.corp.example:5000/mirror\n"
                + "    charts: oci://registry.corp.example:5000/mirror/charts\n");
    assertThat(result.errors()).isEmpty();
    MirrorSpec mirror = result.spec().platform().getSpec().getMirror();
    assertThat(mirror.getRegistry()).isEqualTo("registry.corp.example:5000/mirror");
    assertThat(mirror.chartRepository())
        .isEqualTo("oci://registry.corp.example:5000/mirror/charts");
  }

  @Test
  void withoutAChartRepositoryTheChartsLiveInTheRegistry() {
    LoadResult result = platformWithMirror("    registry: mirror.corp.example\n");
    assertThat(result.errors()).isEmpty();
    assertThat(result.spec().platform().getSpec().getMirror().chartRepository())
        .isEqualTo("oci://mirror.corp.example/charts");
  }

  @Test
  void anHttpChartRepositoryLoads() {
    LoadResult result =
        platformWithMirror(
            "    registry: mirror.corp.example\n"
                + "    charts: https://charts.corp.example/bulwark/\n");
    assertThat(result.errors()).isEmpty();
    assertThat(result.spec().platform().getSpec().getMirror().chartRepository())
        .isEqualTo("https://charts.corp.example/bulwark");
  }

  @Test
  void aMirrorWithoutARegistryIsAnError() {
    assertErrors(
        platformWithMirror("    charts: oci://mirror.corp.example/charts\n"),
        "platform.yaml:7:3: spec.mirror.registry: required field is missing; expected string");
  }

  @Test
  void aRegistryWithASchemeOrUpperCaseHostIsAnError() {
    assertThat(SpecFixtures.rendered(platformWithMirror("    registry: https://mirror.corp\n")))
        .singleElement()
        .asString()
        .startsWith("platform.yaml:8:15: spec.mirror.registry: expected a string matching ")
        .endsWith("found \"https://mirror.corp\"");
    assertThat(SpecFixtures.rendered(platformWithMirror("    registry: Mirror.Corp:99999x\n")))
        .singleElement()
        .asString()
        .contains("spec.mirror.registry: expected a string matching");
  }

  @Test
  void aChartRepositoryThatIsNeitherOciNorHttpIsAnError() {
    assertThat(
            SpecFixtures.rendered(
                platformWithMirror(
                    "    registry: mirror.corp.example\n"
                        + "    charts: git://charts.corp.example/x\n")))
        .singleElement()
        .asString()
        .startsWith("platform.yaml:9:13: spec.mirror.charts: expected a string matching ")
        .endsWith("found \"git://charts.corp.example/x\"");
  }
}
