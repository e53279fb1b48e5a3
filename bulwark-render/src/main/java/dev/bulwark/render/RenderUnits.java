package dev.bulwark.render;

import dev.bulwark.render.routing.RoutingUnit;
import dev.bulwark.render.tenancy.TenancyUnit;
import java.util.List;

/** The registry of capabilities: adding a capability to Bulwark is one line here. */
final class RenderUnits {

  private RenderUnits() {}

  static List<RenderUnit> all() {
    return List.of(new TenancyUnit(), new RoutingUnit());
  }
}
