package dev.bulwark.render;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.render.model.PlatformModel;
import dev.bulwark.render.model.TenantModel;
import java.util.List;

/**
 * What a render unit sees: the validated spec, and the resolved models with every default filled
 * in, so that units never repeat defaulting logic.
 */
public record RenderContext(BulwarkSpec spec, PlatformModel platform, List<TenantModel> tenants) {

  public static RenderContext of(BulwarkSpec spec) {
    PlatformModel platform = PlatformModel.from(spec.platform());
    List<TenantModel> tenants =
        spec.tenants().stream().map(t -> TenantModel.from(t, platform, spec.applicationsOf(t.getMetadata().getName()))).toList();
    return new RenderContext(spec, platform, tenants);
  }
}
