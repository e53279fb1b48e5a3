package dev.bulwark.platform.stack;

import java.util.List;
import java.util.Map;

/**
 * One enabled capability of the platform, resolved: the implementation the catalogue chose, the
 * namespace it runs in, the charts it installs, and the user's settings and value overrides.
 *
 * @param capability the key in {@code spec.components}, for example {@code certificates}
 * @param implementation for example {@code cert-manager}
 * @param installs the catalogue components it installs, in install order (none for storage, which
 *     the cluster's CSI driver serves)
 * @param settings the user's {@code settings}, never null
 * @param values the user's Helm value overrides, merged over Bulwark's, never null
 * @param existing true when an instance already runs and Bulwark only uses it (ADR 0034)
 * @param existingNamespace where that instance runs, if the spec says; null otherwise
 */
public record Component(
    String capability,
    String implementation,
    List<Install> installs,
    Map<String, String> settings,
    Map<String, Object> values,
    boolean existing,
    String existingNamespace) {

  public Component {
    installs = List.copyOf(installs);
    settings = Map.copyOf(settings);
    values = Map.copyOf(values);
  }

  public String setting(String key, String fallback) {
    return settings.getOrDefault(key, fallback);
  }

  public boolean is(String implementationId) {
    return implementation.equals(implementationId);
  }

  /**
   * The namespace of the implementation's main (first) component; of an existing instance, the one
   * the spec names.
   */
  public String namespace() {
    if (existing && existingNamespace != null) {
      return existingNamespace;
    }
    return installs.isEmpty() ? null : installs.get(0).namespace();
  }

  /** One catalogue component of this implementation. */
  public Install install(String component) {
    return installs.stream()
        .filter(c -> c.component().equals(component))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the catalogue gives no component "
                        + component
                        + " for "
                        + capability
                        + " ("
                        + implementation
                        + ")"));
  }
}
