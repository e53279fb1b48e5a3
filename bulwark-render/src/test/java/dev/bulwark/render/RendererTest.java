package dev.bulwark.render;

import static dev.bulwark.render.TestSpecs.platform;
import static dev.bulwark.render.TestSpecs.spec;
import static dev.bulwark.render.TestSpecs.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RendererTest {

  private static RenderUnit unit(String capability, HasMetadata... objects) {
    return new RenderUnit() {
      @Override
      public String capability() {
        return capability;
      }

      @Override
      public List<HasMetadata> render(RenderContext context) {
        return List.of(objects);
      }
    };
  }

  private static HasMetadata configMap(String namespace, String name, Map<String, String> labels) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .build();
  }

  @Test
  void anObjectWithoutATenantLabelIsABugInTheUnit() {
    Renderer renderer = new Renderer(List.of(unit("broken", configMap("a", "b", Map.of()))));
    assertThatThrownBy(() -> renderer.render(spec(platform("x.example.com"), List.of())))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("broken")
        .hasMessageContaining("bulwark.dev/tenant");
  }

  @Test
  void twoUnitsMayNotClaimTheSameObject() {
    Map<String, String> labels = Map.of("bulwark.dev/tenant", "t");
    Renderer renderer =
        new Renderer(
            List.of(
                unit("one", configMap("a", "b", labels)),
                unit("two", configMap("a", "b", labels))));
    assertThatThrownBy(() -> renderer.render(spec(platform("x.example.com"), List.of())))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("one")
        .hasMessageContaining("two");
  }

  @Test
  void objectsComeOutSortedWhateverTheUnitOrder() {
    Map<String, String> labels = Map.of("bulwark.dev/tenant", "t");
    HasMetadata b = configMap("ns", "b", labels);
    HasMetadata a = configMap("ns", "a", labels);
    DesiredState state =
        new Renderer(List.of(unit("u", b, a))).render(spec(platform("x.example.com"), List.of()));
    assertThat(state.objects())
        .extracting(o -> o.object().getMetadata().getName())
        .containsExactly("a", "b");
  }

  @Test
  void standardRendererRunsTheBuiltInCapabilities() {
    assertThat(Renderer.standard().units())
        .extracting(RenderUnit::capability)
        .contains("tenancy", "routing");
    DesiredState state =
        Renderer.standard().render(spec(platform("x.example.com"), List.of(tenant("t", "dev"))));
    assertThat(state.countsByCapabilityAndTenant()).containsKey("tenancy");
  }
}
