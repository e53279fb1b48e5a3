package dev.bulwark.platform.stack;

import dev.bulwark.api.v1alpha1.PlatformSpec;
import java.util.Map;

/** The catalogue's component selection, seen as capability to implementation id. */
final class StandardSelection {

  private StandardSelection() {}

  static Map<String, String> of(PlatformSpec spec) {
    throw new UnsupportedOperationException("waiting for dev.bulwark.catalog.ComponentSelection");
  }
}
