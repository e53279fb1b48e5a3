package dev.bulwark.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controlplane.SharedData;
import dev.bulwark.testkit.Needed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped catalogue against itself and against the upstream CRDs in ../shared/crds. */
class CatalogueIntegrityTest {

  /** One row of CRDS.tsv: a version of an upstream CRD. */
  record CrdRow(
      String project, String group, String kind, String version, boolean served, boolean storage) {}

  static final Catalogue CATALOGUE = Catalogue.standard();
  static List<CrdRow> rows;

  @BeforeAll
  static void readCrdTable() throws IOException {
    Optional<Path> tsv = SharedData.resolve("crds/CRDS.tsv");
    rows = new ArrayList<>();
    if (tsv.isEmpty()) {
      return;
    }
    List<String> lines = Files.readAllLines(tsv.get());
    List<String> header = List.of(lines.get(0).split("\t"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t");
      rows.add(
          new CrdRow(
              f[header.indexOf("project")],
              f[header.indexOf("group")],
              f[header.indexOf("kind")],
              f[header.indexOf("version")],
              Boolean.parseBoolean(f[header.indexOf("served")]),
              Boolean.parseBoolean(f[header.indexOf("storage")])));
    }
  }

  @Test
  void everyCapabilityHasExactlyOneDefault() {
    for (Capability capability : Capability.values()) {
      assertThat(CATALOGUE.implementations(capability).stream().filter(Implementation::isDefault))
          .as("default implementation of %s", capability.id())
          .hasSize(1);
    }
  }

  @Test
  void everyComponentIsReachableAndItsChoiceMatchesItsImplementations() {
    for (Component c : CATALOGUE.components()) {
      List<Implementation> containing =
          CATALOGUE.implementations(c.capability()).stream()
              .filter(i -> i.components().contains(c.id()))
              .toList();
      assertThat(containing).as("implementations containing %s", c.id()).isNotEmpty();
      boolean inDefault = containing.stream().anyMatch(Implementation::isDefault);
      assertThat(c.choice())
          .isEqualTo(inDefault ? Component.Choice.DEFAULT : Component.Choice.ALTERNATIVE);
    }
    assertThat(CATALOGUE.require("ingress-nginx").choice()).isEqualTo(Component.Choice.ALTERNATIVE);
    assertThat(CATALOGUE.require("kyverno").choice()).isEqualTo(Component.Choice.ALTERNATIVE);
    assertThat(CATALOGUE.require("loki").choice()).isEqualTo(Component.Choice.ALTERNATIVE);
    assertThat(CATALOGUE.require("fluent-bit").choice()).isEqualTo(Component.Choice.DEFAULT);
  }

  @Test
  void versionsParseAndSourcesAreComplete() {
    for (Component c : CATALOGUE.components()) {
      assertThat(Version.parse(c.source().version())).isNotNull();
      assertThat(c.appVersion().numbers())
          .as("%s appVersion", c.id())
          .hasSizeGreaterThanOrEqualTo(2);
      switch (c.source().type()) {
        case HELM -> assertThat(c.source().repository()).startsWith("https://");
        case OCI -> assertThat(c.source().repository()).startsWith("oci://");
        case GIT -> assertThat(c.source().path()).isNotBlank();
        case MANIFEST ->
            assertThat(c.source().repository()).endsWith(".yaml").contains(c.source().version());
      }
      if (c.source().type() == Source.Type.HELM || c.source().type() == Source.Type.OCI) {
        assertThat(c.source().chart()).as("%s chart", c.id()).isNotBlank();
      }
      assertThat(c.kubernetes().min().major()).isEqualTo(1);
    }
  }

  @Test
  void everyListedCrdThatUpstreamDataHasMatchesGroupKindAndAServedVersion() {
    Needed.require(!rows.isEmpty(), "../shared/crds/CRDS.tsv is not available");
    int checked = 0;
    for (Component c : CATALOGUE.components()) {
      for (CrdRef crd : c.crds()) {
        List<CrdRow> versions =
            rows.stream()
                .filter(r -> r.group().equals(crd.group()) && r.kind().equals(crd.kind()))
                .toList();
        if (versions.isEmpty()) {
          assertThat(kindsOfGroupComplete(crd.group()))
              .as(
                  "%s lists %s.%s; upstream CRDs of group %s have no such kind",
                  c.id(), crd.kind(), crd.group(), crd.group())
              .isFalse();
          continue;
        }
        assertThat(versions)
            .as("%s writes %s %s, which upstream serves", c.id(), crd.kind(), crd.apiVersion())
            .anyMatch(r -> r.version().equals(crd.version()) && r.served());
        checked++;
      }
    }
    assertThat(checked).as("CRDs cross-checked against upstream data").isGreaterThan(40);
  }

  /**
   * Groups whose every kind we hold upstream data for: there a kind missing from the data is a
   * typo, not a gap in the data. (Other groups' data holds only the kinds Bulwark renders.)
   */
  private static boolean kindsOfGroupComplete(String group) {
    return Set.of(
            "argoproj.io",
            "kibana.k8s.elastic.co",
            "elasticsearch.k8s.elastic.co",
            "externaldns.k8s.io",
            "k8s.keycloak.org",
            "templates.gatekeeper.sh")
        .contains(group);
  }

  @Test
  void everyUpstreamProjectInTheDataIsCoveredByTheCatalogueUnlessOutOfScope() {
    Needed.require(!rows.isEmpty(), "../shared/crds/CRDS.tsv is not available");
    Set<String> catalogued =
        CATALOGUE.components().stream()
            .flatMap(c -> c.crds().stream())
            .map(crd -> crd.group() + "/" + crd.kind())
            .collect(Collectors.toSet());
    // Sealed Secrets and the Grafana operator are upstream data for alternatives not offered yet.
    Set<String> outOfScope = Set.of("sealed-secrets", "grafana-operator");
    List<String> missing =
        rows.stream()
            .filter(r -> !outOfScope.contains(r.project()))
            .map(r -> r.group() + "/" + r.kind())
            .distinct()
            .filter(k -> !catalogued.contains(k))
            .toList();
    assertThat(missing).as("upstream CRDs no catalogued component installs").isEmpty();
  }

  @Test
  void dependenciesComeInEarlierWavesAndInstallOrderRespectsThem() {
    List<Component> order = CATALOGUE.installOrder(CATALOGUE.components());
    assertThat(order).hasSameSizeAs(CATALOGUE.components());
    for (Component c : order) {
      for (String dep : c.dependsOn()) {
        assertThat(CATALOGUE.require(dep).syncWave()).isLessThan(c.syncWave());
        assertThat(order.indexOf(CATALOGUE.require(dep))).isLessThan(order.indexOf(c));
      }
    }
  }
}
