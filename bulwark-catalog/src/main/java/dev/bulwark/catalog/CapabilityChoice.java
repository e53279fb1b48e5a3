package dev.bulwark.catalog;

import java.util.List;

/**
 * What the spec decided for one capability.
 *
 * @param capability the capability
 * @param enabled whether it is installed
 * @param implementation the implementation that delivers it (the one that would, when off)
 * @param components the implementation's components, resolved
 * @param reason why it is on or off, naming the spec field or profile that decided it
 */
public record CapabilityChoice(
    Capability capability,
    boolean enabled,
    Implementation implementation,
    List<Component> components,
    String reason) {

  public CapabilityChoice {
    components = List.copyOf(components);
  }
}
