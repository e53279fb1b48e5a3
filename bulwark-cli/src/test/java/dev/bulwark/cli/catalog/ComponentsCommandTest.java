package dev.bulwark.cli.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.catalog.Catalogue;
import dev.bulwark.cli.Cli;
import org.junit.jupiter.api.Test;

class ComponentsCommandTest {

  @Test
  void tableListsEveryComponent() {
    Cli r = Cli.run("components");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().lines().findFirst())
        .get()
        .asString()
        .startsWith("COMPONENT")
        .contains("CAPABILITY")
        .contains("CHART")
        .contains("LICENCE")
        .contains("KUBERNETES");
    Catalogue.standard().components().forEach(c -> assertThat(r.out()).contains(c.id()));
    assertThat(r.out())
        .containsPattern(
            "cert-manager +certificates +default +cert-manager +v1\\.21\\.1 +v1\\.21\\.1 +Apache-2\\.0");
    assertThat(r.out()).containsPattern("ingress-nginx +gateway +alternative");
  }

  @Test
  void jsonCarriesCrdsAndSources() throws Exception {
    Cli r = Cli.run("components", "-o", "json");
    assertThat(r.exitCode()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.path("release").asText()).isEqualTo(Catalogue.standard().release());
    assertThat(json.path("components")).hasSize(Catalogue.standard().components().size());
    JsonNode velero = null;
    for (JsonNode c : json.path("components")) {
      if (c.path("id").asText().equals("velero")) {
        velero = c;
      }
    }
    assertThat(velero).isNotNull();
    assertThat(velero.path("source").path("type").asText()).isEqualTo("helm");
    assertThat(velero.path("crds").toString()).contains("\"kind\":\"Schedule\"");
    assertThat(velero.path("licenseCategories").toString()).isEqualTo("[\"permissive\"]");
  }

  @Test
  void filterByCapability() {
    Cli r = Cli.run("components", "--capability", "logs");
    assertThat(r.out())
        .contains("eck-operator")
        .contains("loki")
        .contains("fluent-bit")
        .doesNotContain("argo-cd");
    Cli bad = Cli.run("components", "--capability", "telepathy");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("unknown capability 'telepathy'; expected one of: gateway");
  }
}
