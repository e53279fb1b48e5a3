package dev.bulwark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.ComponentUnit;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.render.Renderer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The units of one render share one resolved stack; the next render resolves its own. */
class StackOncePerRenderTest {

  /** A unit that renders nothing and remembers the stack it was given. */
  private static final class Probe extends ComponentUnit {
    private final String capability;
    private final List<Stack> seen;

    Probe(String capability, List<Stack> seen) {
      this.capability = capability;
      this.seen = seen;
    }

    @Override
    public String capability() {
      return capability;
    }

    @Override
    protected List<HasMetadata> render(Stack stack, Component component) {
      seen.add(stack);
      return List.of();
    }
  }

  @Test
  void everyUnitOfARenderSeesTheSameStackAndTheNextRenderANewOne() {
    List<Stack> seen = new ArrayList<>();
    Renderer renderer =
        new Renderer(
            List.of(
                new Probe("gitops", seen),
                new Probe("certificates", seen),
                new Probe("gateway", seen)));
    BulwarkSpec spec = TestSpecs.profile("full");

    renderer.render(spec);
    assertThat(seen).hasSize(3);
    assertThat(seen).allSatisfy(stack -> assertThat(stack).isSameAs(seen.get(0)));

    renderer.render(spec);
    assertThat(seen).hasSize(6);
    assertThat(seen.get(3)).isNotSameAs(seen.get(0)).isEqualTo(seen.get(0));
    assertThat(seen.subList(3, 6)).allSatisfy(stack -> assertThat(stack).isSameAs(seen.get(3)));
  }
}
