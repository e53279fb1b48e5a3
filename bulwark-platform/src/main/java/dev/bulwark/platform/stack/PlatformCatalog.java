package dev.bulwark.platform.stack;

import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.render.ComponentPins;
import java.util.List;
import java.util.Map;

/**
 * What the platform units need from the component catalogue: which implementation delivers each
 * enabled capability, and how each of its components is installed. The catalogue decides both; the
 * units only wire what it chose.
 */
public interface PlatformCatalog {

  /**
   * The enabled capabilities of a platform (keys as in {@code spec.components}: gateway, dns,
   * certificates, ...) and the implementation chosen for each (envoy-gateway, ingress-nginx, ...).
   */
  Map<String, String> selection(PlatformSpec spec);

  /**
   * The components of an implementation, in install order, resolved for {@code spec}, each at its
   * entry of {@code pins} or else at the shipped catalogue's pin.
   */
  List<Install> installs(
      String capability, String implementation, PlatformSpec spec, ComponentPins pins);
}
