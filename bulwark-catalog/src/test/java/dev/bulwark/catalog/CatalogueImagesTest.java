package dev.bulwark.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Images Bulwark runs next to a component are pinned in the catalogue and checked when it loads.
 */
class CatalogueImagesTest {

  private static final String CI = "      - {id: t, default: true, components: [a]}\n";

  private static String withImages(String images) {
    return CatalogueValidationTest.valid(
        CatalogueValidationTest.component("a", 0, "") + "    images:\n" + images, CI);
  }

  @Test
  void imagesLoadWithTheirComponent() {
    Catalogue c =
        CatalogueValidationTest.load(
            withImages("      - {name: tool, repository: docker.io/example/tool, tag: v1.2.3}\n"));
    assertThat(c.require("a").image("tool"))
        .map(Image::reference)
        .contains("docker.io/example/tool:v1.2.3");
    assertThat(c.require("a").image("other")).isEmpty();
  }

  @Test
  void aDuplicateOrTaggedRepositoryIsAnError() {
    assertThatThrownBy(
            () ->
                CatalogueValidationTest.load(
                    withImages(
                        """
              - {name: tool, repository: docker.io/example/tool, tag: v1}
              - {name: tool, repository: docker.io/example/tool@sha256, tag: v2}
        """)))
        .hasMessageContaining("components[0] (a).images[1]: duplicate image tool")
        .hasMessageContaining(
            "components[0] (a).images[1].repository: give the image without tag or digest");
  }

  @Test
  void aMissingTagNamesTheField() {
    assertThatThrownBy(
            () ->
                CatalogueValidationTest.load(
                    withImages("      - {name: tool, repository: docker.io/example/tool}\n")))
        .hasMessageContaining("images[0].tag");
  }

  @Test
  void theStandardCataloguePinsTheImagesThePlatformRuns() {
    Catalogue c = Catalogue.standard();
    assertThat(c.require("velero").image("velero-plugin-for-aws")).isPresent();
    assertThat(c.require("argo-cd").image("helm")).isPresent();
    assertThat(c.require("harbor").image("curl")).isPresent();
    assertThat(c.require("openbao").image("openbao").map(Image::tag))
        .contains(c.require("openbao").appVersion().text().replaceFirst("^v", ""));
    assertThat(c.require("eck-operator").image("elasticsearch").map(Image::tag))
        .isEqualTo(c.require("eck-operator").image("kibana").map(Image::tag));
  }
}
