package dev.bulwark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controlplane.SharedData;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Manifests;
import dev.bulwark.render.Renderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The platform stack's objects for each profile and for examples/acme, compared with the golden
 * files under src/test/resources/golden/. Run with {@code -Dgolden.update=true} to refresh them
 * after an intended change, and review the diff.
 */
class GoldenTest {

  static final List<String> PROFILES = Profiles.ALL;
  private static final Path GOLDEN =
      SharedData.repoDir().resolve("bulwark-platform/src/test/resources/golden");

  @ParameterizedTest
  @FieldSource("PROFILES")
  void profileMatchesGolden(String profile) throws IOException {
    compare(profile, Profiles.state(profile));
  }

  @Test
  void acmeExampleMatchesGolden() throws IOException {
    Path acme = SharedData.repoDir().resolve("examples/acme");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isDirectory(acme), "examples/acme is absent");
    compare("acme", Renderer.standard().render(TestSpecs.directory(acme)));
  }

  @Test
  void renderingIsDeterministic() {
    String first = text(Renderer.standard().render(Profiles.spec("full")));
    String second = text(Renderer.standard().render(Profiles.spec("full")));
    assertThat(second).isEqualTo(first);
  }

  static void compare(String name, DesiredState state) throws IOException {
    String rendered = text(state);
    Path golden = GOLDEN.resolve(name + ".yaml");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, rendered);
    }
    assertThat(golden).as("golden file %s: run with -Dgolden.update=true", golden).exists();
    assertThat(rendered)
        .as("rendered %s differs from %s (-Dgolden.update=true refreshes it)", name, golden)
        .isEqualTo(Files.readString(golden));
  }

  private static String text(DesiredState state) {
    StringBuilder out = new StringBuilder();
    for (DesiredObject object : Profiles.platformObjects(state)) {
      out.append("---\n").append(Manifests.toYaml(object.object()));
    }
    return out.toString();
  }
}
