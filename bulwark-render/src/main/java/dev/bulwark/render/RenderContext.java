package dev.bulwark.render;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.render.model.PlatformModel;
import dev.bulwark.render.model.TenantModel;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a render unit sees: the validated spec, and the resolved models with every default filled
 * in, so that units never repeat defaulting logic; and the release each component is rendered at.
 */
public record RenderContext(
    BulwarkSpec spec, PlatformModel platform, List<TenantModel> tenants, ComponentPins pins) {

  /** A context that renders every component at the shipped catalogue. */
  public RenderContext(BulwarkSpec spec, PlatformModel platform, List<TenantModel> tenants) {
    this(spec, platform, tenants, ComponentPins.shipped());
  }

  /** The context of {@code spec} with its components at {@code pins}. */
  public static RenderContext of(BulwarkSpec spec, ComponentPins pins) {
    RenderContext shipped = of(spec);
    return new RenderContext(shipped.spec(), shipped.platform(), shipped.tenants(), pins);
  }

  public static RenderContext of(BulwarkSpec spec) {
    PlatformModel platform = PlatformModel.from(spec.platform());
    // Grouped once: looking applications up per tenant would be quadratic in large specs.
    Map<String, List<Application>> byTenant =
        spec.applications().stream().collect(Collectors.groupingBy(a -> a.getSpec().getTenant()));
    List<TenantModel> tenants =
        spec.tenants().stream()
            .map(
                t ->
                    TenantModel.from(
                        t, platform, byTenant.getOrDefault(t.getMetadata().getName(), List.of())))
            .toList();
    return new RenderContext(spec, platform, tenants);
  }
}
