package dev.bulwark.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.Manifests;
import dev.bulwark.render.Renderer;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operator renders each tenant with the Platform and that tenant's applications only ({@code
 * dev.bulwark.operator.reconcile.Renders}). That is right only while every render unit, of every
 * module, renders a tenant's objects from that tenant alone: this holds them to it, with all units
 * on the classpath, on examples/acme.
 */
class TenantPartitionRenderTest {

  @Test
  void aTenantRenderedAloneGetsExactlyItsObjectsOfTheFullRendering() {
    LoadResult loaded =
        SpecLoader.load(List.of(SharedData.repoDir().resolve("examples/acme").toString()));
    assertThat(loaded.errors()).isEmpty();
    BulwarkSpec spec = loaded.spec();
    Renderer renderer = Renderer.standard();
    List<DesiredObject> full = renderer.render(spec).objects();
    assertThat(spec.tenants()).hasSizeGreaterThan(1);
    for (Tenant tenant : spec.tenants()) {
      String name = tenant.getMetadata().getName();
      BulwarkSpec alone =
          new BulwarkSpec(spec.platform(), List.of(tenant), spec.applicationsOf(name));
      List<String> partition = yaml(renderer.render(alone).objects(), name);
      assertThat(partition)
          .as("objects of tenant " + name)
          .isNotEmpty()
          .isEqualTo(yaml(full, name));
    }
  }

  private static List<String> yaml(List<DesiredObject> objects, String tenant) {
    return objects.stream()
        .filter(o -> o.tenant().equals(tenant))
        .map(o -> Manifests.toYaml(o.object()))
        .toList();
  }
}
