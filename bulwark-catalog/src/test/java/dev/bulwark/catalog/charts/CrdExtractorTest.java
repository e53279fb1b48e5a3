package dev.bulwark.catalog.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.catalog.Catalogue;
import dev.bulwark.catalog.Component;
import dev.bulwark.catalog.CrdRef;
import dev.bulwark.testkit.charts.ChartMirror;
import dev.bulwark.testkit.cluster.HelmChart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRDs read from each component's pinned archive are the ones the catalogue's crds: lists
 * promise.
 */
class CrdExtractorTest {

  private static final Catalogue CATALOGUE = Catalogue.standard();

  /**
   * Kinds whose CRDs the test mirror cannot carry: external-secrets generates its CRDs into the
   * chart at packaging time, and the upstream CRDs the mirror adds in their place (at the same tag)
   * hold only ExternalSecret, SecretStore and ClusterSecretStore.
   */
  private static final Set<String> NOT_IN_TEST_DATA =
      Set.of(
          "external-secrets: external-secrets.io/v1 ClusterExternalSecret",
          "external-secrets: external-secrets.io/v1alpha1 PushSecret");

  @TempDir Path cacheDir;

  private static Set<String> served(List<JsonNode> crds) {
    Set<String> kinds = new TreeSet<>();
    for (JsonNode crd : crds) {
      for (JsonNode version : crd.path("spec").path("versions")) {
        if (version.path("served").asBoolean()) {
          kinds.add(
              crd.path("spec").path("group").asText()
                  + "/"
                  + crd.path("spec").path("names").path("kind").asText()
                  + "@"
                  + version.path("name").asText());
        }
      }
    }
    return kinds;
  }

  @Test
  void everyPromisedKindIsServedAtItsVersionByTheCrdsOfItsComponentsArchive() {
    ChartArchives archives =
        new ChartArchives(new ArchiveCache(cacheDir), Optional.of(ChartMirror.folder().toString()));
    CrdExtractor extractor = new CrdExtractor(archives.cache(), HelmChart.helm());
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (Component component : CATALOGUE.components()) {
      if (component.crds().isEmpty()) {
        continue;
      }
      Set<String> served =
          served(extractor.crds(archives.obtain(component), component.namespace()));
      for (CrdRef crd : component.crds()) {
        checked++;
        String promised = component.id() + ": " + crd.apiVersion() + " " + crd.kind();
        if (!served.contains(crd.group() + "/" + crd.kind() + "@" + crd.version())
            && !NOT_IN_TEST_DATA.contains(promised)) {
          missing.add(promised);
        }
      }
    }
    assertThat(missing).as("promised kinds whose CRD the pinned archive does not serve").isEmpty();
    assertThat(checked).isGreaterThan(100);
  }

  @Test
  void theCrdsOfAnArchiveAreExtractedOnceAndThenReadFromTheCacheByDigest() throws Exception {
    ChartArchives archives =
        new ChartArchives(new ArchiveCache(cacheDir), Optional.of(ChartMirror.folder().toString()));
    Component certManager = CATALOGUE.require("cert-manager");
    Archive archive = archives.obtain(certManager);
    Path file =
        new CrdExtractor(archives.cache(), HelmChart.helm())
            .crdFile(archive, certManager.namespace());
    assertThat(file).isEqualTo(archives.cache().crds(archive.digest()));
    // no helm now: the cached extraction must be what answers
    List<JsonNode> again =
        new CrdExtractor(archives.cache(), Optional.empty()).crds(archive, certManager.namespace());
    assertThat(again)
        .extracting(crd -> crd.path("metadata").path("name").asText())
        .containsExactlyInAnyOrder(
            "certificates.cert-manager.io",
            "certificaterequests.cert-manager.io",
            "issuers.cert-manager.io",
            "clusterissuers.cert-manager.io",
            "orders.acme.cert-manager.io",
            "challenges.acme.cert-manager.io");
    assertThat(Files.readString(file)).doesNotContain("kind: Deployment");
  }
}
