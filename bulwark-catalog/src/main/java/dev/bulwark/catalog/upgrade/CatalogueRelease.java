package dev.bulwark.catalog.upgrade;

import dev.bulwark.api.v1alpha1.UpgradeSpec.Channel;
import java.util.Map;
import java.util.Set;

/**
 * One release of the catalogue in its history.
 *
 * @param release its name, e.g. {@code 2026.12}
 * @param channels the channels that offer it
 * @param pins every component's pin in this release, by component id (carried over included)
 */
public record CatalogueRelease(
    String release, Set<Channel> channels, Map<String, ReleasePin> pins) {

  public CatalogueRelease {
    channels = Set.copyOf(channels);
    pins = Map.copyOf(pins);
  }

  /** The pin of a component, which every release has for every catalogued component. */
  public ReleasePin pin(String componentId) {
    ReleasePin pin = pins.get(componentId);
    if (pin == null) {
      throw new IllegalArgumentException(
          "catalogue release " + release + " has no component '" + componentId + "'");
    }
    return pin;
  }
}
