package dev.bulwark.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.api.v1alpha1.TenantSpec;
import dev.bulwark.render.RenderContext;
import dev.bulwark.render.RenderUnit;
import dev.bulwark.render.Renderer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The operator's renderings are remembered one per slot (the Platform, each tenant), the newest
 * only: the memory they take grows with the tenants, not with the changes the informers saw.
 */
class RendersMemoryTest {

  /** One platform ConfigMap and one ConfigMap per tenant, carrying the tenant's generation. */
  private static final class Counting implements RenderUnit {
    final AtomicInteger renders = new AtomicInteger();

    @Override
    public String capability() {
      return "counting";
    }

    @Override
    public List<HasMetadata> render(RenderContext context) {
      renders.incrementAndGet();
      List<HasMetadata> objects = new ArrayList<>();
      objects.add(configMap("platform", BulwarkLabels.PLATFORM_TENANT, "bulwark-system"));
      context
          .spec()
          .tenants()
          .forEach(
              t ->
                  objects.add(
                      configMap(
                          "generation-" + t.getMetadata().getGeneration(),
                          t.getMetadata().getName(),
                          t.getMetadata().getName())));
      return objects;
    }

    private static HasMetadata configMap(String name, String tenant, String namespace) {
      return new ConfigMapBuilder()
          .withMetadata(
              new ObjectMetaBuilder()
                  .withName(name)
                  .withNamespace(namespace)
                  .addToLabels(BulwarkLabels.TENANT, tenant)
                  .build())
          .build();
    }
  }

  private static Platform platform() {
    Platform platform = new Platform();
    platform.setMetadata(
        new ObjectMetaBuilder().withName("bulwark").withUid("p-1").withGeneration(1L).build());
    platform.setSpec(new PlatformSpec());
    return platform;
  }

  private static Tenant tenant(String name, long generation) {
    Tenant tenant = new Tenant();
    tenant.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withUid("uid-" + name)
            .withGeneration(generation)
            .build());
    tenant.setSpec(new TenantSpec());
    return tenant;
  }

  @Test
  void aSlotKeepsOnlyItsNewestRenderingAndReusesItWhileTheInputsStay() {
    Counting unit = new Counting();
    Renders renders = new Renders(new Renderer(List.of(unit)));
    Platform platform = platform();

    for (long generation = 1; generation <= 50; generation++) {
      List<HasMetadata> objects = renders.ofTenant(platform, tenant("web", generation), List.of());
      assertThat(objects)
          .extracting(o -> o.getMetadata().getName())
          .containsExactly("generation-" + generation);
    }
    assertThat(renders.remembered()).isEqualTo(1);

    int before = unit.renders.get();
    renders.ofTenant(platform, tenant("web", 50), List.of());
    renders.ofApplication(platform, tenant("web", 50), List.of(), application("web"));
    assertThat(unit.renders.get()).as("same inputs render nothing").isEqualTo(before);

    renders.ofTenant(platform, tenant("web", 49), List.of());
    assertThat(unit.renders.get()).as("an older rendering is not kept").isEqualTo(before + 1);
  }

  @Test
  void thePlatformAndEachTenantHaveTheirOwnSlotWhateverTheNumberOfChanges() {
    Renders renders = new Renders(new Renderer(List.of(new Counting())));
    Platform platform = platform();
    List<Tenant> tenants = new ArrayList<>();
    for (int t = 0; t < 20; t++) {
      tenants.add(tenant("t" + t, 1));
      // a Platform rendering after every tenant created, as the informers deliver them
      assertThat(renders.ofPlatform(platform, List.copyOf(tenants), List.of()))
          .extracting(o -> o.getMetadata().getName())
          .containsExactly("platform");
      renders.ofTenant(platform, tenants.get(t), List.of());
    }
    assertThat(renders.remembered()).isEqualTo(1 + 20);
  }

  private static Application application(String tenant) {
    Application application = new Application();
    application.setMetadata(
        new ObjectMetaBuilder()
            .withName("shop")
            .withNamespace(tenant + "-dev")
            .withUid("uid-shop")
            .withGeneration(1L)
            .build());
    return application;
  }
}
