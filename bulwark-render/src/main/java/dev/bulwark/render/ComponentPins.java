package dev.bulwark.render;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The catalogue release each component is rendered at, by component id (ADR 0042). A component
 * without an entry renders at the shipped catalogue's pin. The operator fills this from the
 * Platform's {@code status.installedVersions}, so that a reconcile renders each component at the
 * release it runs and never undoes or runs ahead of an upgrade step.
 *
 * @param pins the pin to use, by component id
 */
public record ComponentPins(Map<String, Pin> pins) {

  /**
   * What a component is rendered at.
   *
   * @param sourceVersion the chart version, Git tag or release that installs it
   * @param appVersion the upstream version it runs
   */
  public record Pin(String sourceVersion, String appVersion) {}

  public ComponentPins {
    pins = Map.copyOf(pins);
  }

  /** Every component at the shipped catalogue. */
  public static ComponentPins shipped() {
    return new ComponentPins(Map.of());
  }

  /**
   * Pins from another module's pin type (the catalogue's), by component id, without the render core
   * depending on the catalogue.
   */
  public static <T> ComponentPins from(
      Map<String, T> pins, Function<T, String> sourceVersion, Function<T, String> appVersion) {
    Map<String, Pin> converted = new TreeMap<>();
    pins.forEach(
        (id, pin) -> converted.put(id, new Pin(sourceVersion.apply(pin), appVersion.apply(pin))));
    return new ComponentPins(converted);
  }

  /** The pin of {@code component}, or empty when it renders at the shipped catalogue. */
  public Optional<Pin> of(String component) {
    return Optional.ofNullable(pins.get(component));
  }
}
