package dev.bulwark.catalog;

import java.util.List;

/**
 * One way of delivering a capability: the components that together deliver it.
 *
 * @param id the name users choose in {@code spec.components.<capability>.implementation}
 * @param capability the capability it delivers
 * @param isDefault whether it is the capability's default
 * @param components ids of its components, in catalogue order (may be empty: the capability is then
 *     served by the cluster itself, as storage is by its CSI driver)
 */
public record Implementation(
    String id, Capability capability, boolean isDefault, List<String> components) {

  public Implementation {
    components = List.copyOf(components);
  }
}
