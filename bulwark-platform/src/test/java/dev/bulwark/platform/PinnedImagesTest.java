package dev.bulwark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.catalog.Catalogue;
import dev.bulwark.catalog.Image;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.render.Manifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No version hides in code: every image Bulwark's own objects run is one the catalogue pins, so
 * that {@code bulwark components} and upgrade reviews see it.
 */
class PinnedImagesTest {

  /** An image reference with a registry host and a tag, as it would appear in a string literal. */
  private static final Pattern IMAGE_LITERAL =
      Pattern.compile("\"[a-z0-9.-]+\\.[a-z]{2,}/[a-z0-9._/-]+:[A-Za-z0-9._-]+\"");

  private static final Pattern RENDERED_IMAGE =
      Pattern.compile("(?m)^\\s*-?\\s*image: \"?([^\"\\s]+)\"?$");

  @Test
  void theSourcesPinNoImage() throws IOException {
    Path main = SharedData.repoDir().resolve("bulwark-platform/src/main/java");
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(main)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = IMAGE_LITERAL.matcher(Files.readString(file));
        while (m.find()) {
          found.add(main.relativize(file) + ": " + m.group());
        }
      }
    }
    assertThat(found).as("image references pinned in code instead of the catalogue").isEmpty();
  }

  @Test
  void everyRenderedImageOfBulwarksOwnObjectsIsInTheCatalogue() {
    Set<String> pinned =
        Catalogue.standard().components().stream()
            .flatMap(c -> c.images().stream())
            .map(Image::reference)
            .collect(Collectors.toSet());
    List<String> rendered = new ArrayList<>();
    for (String profile : Profiles.ALL) {
      Profiles.platformObjects(Profiles.state(profile))
          .forEach(
              o -> {
                Matcher m = RENDERED_IMAGE.matcher(Manifests.toYaml(o.object()));
                while (m.find()) {
                  // A Tekton parameter: the tenant's own image (its tests'), not Bulwark's.
                  if (!m.group(1).startsWith("$(params.")) {
                    rendered.add(m.group(1));
                  }
                }
              });
    }
    assertThat(rendered).as("images in rendered Jobs and values").isNotEmpty();
    assertThat(rendered).allSatisfy(image -> assertThat(pinned).contains(image));
  }
}
