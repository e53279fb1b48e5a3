package dev.bulwark.render;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.api.BulwarkSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs every render unit over a spec and returns one sorted, labelled, duplicate-free desired
 * state. Both {@code bulwark plan} and the operator start from here.
 */
public final class Renderer {

  private final List<RenderUnit> units;

  public Renderer(List<RenderUnit> units) {
    this.units = List.copyOf(units);
  }

  /** The renderer with every capability Bulwark has. */
  public static Renderer standard() {
    return new Renderer(RenderUnits.all());
  }

  public List<RenderUnit> units() {
    return units;
  }

  public DesiredState render(BulwarkSpec spec) {
    return render(spec, ComponentPins.shipped());
  }

  /** The desired state of {@code spec} with its components at {@code pins}. */
  public DesiredState render(BulwarkSpec spec, ComponentPins pins) {
    RenderContext context = RenderContext.of(spec, pins);
    Map<ObjectKey, DesiredObject> byKey = new HashMap<>();
    List<DesiredObject> all = new ArrayList<>();
    for (RenderUnit unit : units) {
      for (HasMetadata object : unit.render(context)) {
        DesiredObject desired = stamp(unit.capability(), object);
        DesiredObject clash = byKey.putIfAbsent(desired.key(), desired);
        if (clash != null) {
          throw new RenderException(
              "two render units want the same object "
                  + desired.key()
                  + ": "
                  + clash.capability()
                  + " and "
                  + desired.capability());
        }
        all.add(desired);
      }
    }
    return new DesiredState(all);
  }

  private static DesiredObject stamp(String capability, HasMetadata object) {
    Map<String, String> labels = new TreeMap<>();
    if (object.getMetadata().getLabels() != null) {
      labels.putAll(object.getMetadata().getLabels());
    }
    String tenant = labels.get(BulwarkLabels.TENANT);
    if (tenant == null) {
      throw new RenderException(
          "render unit "
              + capability
              + " returned "
              + ObjectKey.of(object)
              + " without the "
              + BulwarkLabels.TENANT
              + " label");
    }
    labels.put(BulwarkLabels.MANAGED_BY, BulwarkLabels.MANAGED_BY_VALUE);
    labels.put(BulwarkLabels.CAPABILITY, capability);
    object.getMetadata().setLabels(labels);
    return new DesiredObject(capability, tenant, labels.get(BulwarkLabels.ENVIRONMENT), object);
  }
}
