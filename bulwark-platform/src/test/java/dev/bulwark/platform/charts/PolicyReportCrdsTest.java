package dev.bulwark.platform.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.catalog.Catalogue;
import dev.bulwark.catalog.charts.PolicyReportCrds;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.testkit.Needed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The catalogue's copy of the wg-policy report CRDs is the one in the pinned Kyverno chart, with
 * the chart's template lines (a condition and labels) left out. Run with {@code
 * -Dpolicyreportcrds.update=true} to rewrite it after the pin moves.
 */
class PolicyReportCrdsTest {

  private static final Path FILE =
      Path.of("bulwark-catalog/src/main/resources" + PolicyReportCrds.RESOURCE);

  private static final Path CHART_COPY = Path.of("deploy/helm/bulwark/crds/wgpolicyk8s.io.yaml");

  @Test
  void theCataloguesCopyIsThePinnedChartsOwn() throws IOException {
    String version = Catalogue.standard().require(PolicyReportCrds.CHART).source().version();
    String dir =
        "charts/" + PolicyReportCrds.CHART + "/" + version + "/" + PolicyReportCrds.DIRECTORY;
    StringBuilder expected =
        new StringBuilder(
            "# The wg-policy report CRDs as Kyverno's chart "
                + version
                + " ships them ("
                + PolicyReportCrds.DIRECTORY
                + "), template\n"
                + "# lines left out. Generated: PolicyReportCrdsTest (bulwark-platform),\n"
                + "# -Dpolicyreportcrds.update=true. Do not edit.\n");
    for (String file :
        List.of("wgpolicyk8s.io_clusterpolicyreports.yaml", "wgpolicyk8s.io_policyreports.yaml")) {
      Optional<Path> path = SharedData.resolve(dir + "/" + file);
      Needed.require(path.isPresent(), "../shared/" + dir + "/" + file + " (Kyverno's chart)");
      expected.append(
          Files.readAllLines(path.get()).stream()
                  .filter(line -> !line.strip().startsWith("{{"))
                  .collect(Collectors.joining("\n"))
              + "\n");
    }
    Path file = SharedData.repoDir().resolve(FILE);
    if (Boolean.getBoolean("policyreportcrds.update")) {
      Files.writeString(file, expected.toString());
      // Bulwark's chart installs them (crds/, when absent); HelmChartTest holds it to this copy
      Files.writeString(SharedData.repoDir().resolve(CHART_COPY), expected.toString());
    }
    assertThat(Files.readString(file))
        .as("%s is out of date: run this test with -Dpolicyreportcrds.update=true", FILE)
        .isEqualTo(expected.toString());
    assertThat(PolicyReportCrds.yaml()).isEqualTo(expected.toString());
  }
}
