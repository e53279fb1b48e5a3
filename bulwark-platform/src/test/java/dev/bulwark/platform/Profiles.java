package dev.bulwark.platform;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Renderer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The example profiles and their rendered states, rendered once per test JVM. */
final class Profiles {

  static final List<String> ALL = List.of("minimal", "airgapped", "full");

  /**
   * Capabilities of the render core itself and of the policy engine (its
   * ValidatingAdmissionPolicies, tested in bulwark-policy), not of the platform stack.
   */
  static final List<String> CORE = List.of("tenancy", "routing", "policy");

  private static final Map<String, DesiredState> STATES = new ConcurrentHashMap<>();

  private Profiles() {}

  static BulwarkSpec spec(String profile) {
    return TestSpecs.profile(profile);
  }

  static DesiredState state(String profile) {
    return STATES.computeIfAbsent(profile, p -> Renderer.standard().render(spec(p)));
  }

  /** The objects the platform stack rendered, without the core's. */
  static List<DesiredObject> platformObjects(DesiredState state) {
    return state.objects().stream().filter(o -> !CORE.contains(o.capability())).toList();
  }
}
