package dev.bulwark.cli.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.cli.Cli;
import org.junit.jupiter.api.Test;

/** The images Bulwark runs next to a component are listed with it. */
class ComponentImagesCliTest {

  @Test
  void theJsonListingNamesEachPinnedImage() throws Exception {
    Cli r = Cli.run("components", "-o", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    JsonNode velero = null;
    for (JsonNode c : json.path("components")) {
      if (c.path("id").asText().equals("velero")) {
        velero = c;
      }
    }
    assertThat(velero).isNotNull();
    assertThat(velero.path("images").get(0).path("name").asText())
        .isEqualTo("velero-plugin-for-aws");
    assertThat(velero.path("images").get(0).path("image").asText())
        .startsWith("docker.io/velero/velero-plugin-for-aws:v");
  }
}
