package dev.bulwark.render;

import dev.bulwark.render.routing.RoutingUnit;
import dev.bulwark.render.tenancy.TenancyUnit;
import dev.bulwark.render.workload.WorkloadUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The registry of capabilities. The built-in units live in this module; modules that add a
 * capability (policies, platform components) register a {@link RenderUnit} through {@code
 * META-INF/services/dev.bulwark.render.RenderUnit}, so the render core never depends on them. Units
 * run in capability-name order, whatever the class path order.
 */
final class RenderUnits {

  private RenderUnits() {}

  static List<RenderUnit> all() {
    List<RenderUnit> units =
        new ArrayList<>(List.of(new TenancyUnit(), new RoutingUnit(), new WorkloadUnit()));
    ServiceLoader.load(RenderUnit.class, RenderUnits.class.getClassLoader()).forEach(units::add);
    Set<String> seen = new HashSet<>();
    for (RenderUnit unit : units) {
      if (!seen.add(unit.capability())) {
        throw new RenderException("two render units claim the capability " + unit.capability());
      }
    }
    units.sort(Comparator.comparing(RenderUnit::capability));
    return List.copyOf(units);
  }
}
