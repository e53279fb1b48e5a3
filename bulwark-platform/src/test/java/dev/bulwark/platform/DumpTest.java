package dev.bulwark.platform;

import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Manifests;
import dev.bulwark.render.Renderer;
import org.junit.jupiter.api.Test;

class DumpTest {
  @Test
  void dump() throws Exception {
    DesiredState state = Renderer.standard().render(TestSpecs.profile(System.getProperty("profile", "full")));
    StringBuilder out = new StringBuilder();
    state.objects().forEach(o -> out.append("---\n# ").append(o.capability()).append('\n').append(Manifests.toYaml(o.object())));
    java.nio.file.Files.writeString(java.nio.file.Path.of("target/dump.yaml"), out);
  }
}
