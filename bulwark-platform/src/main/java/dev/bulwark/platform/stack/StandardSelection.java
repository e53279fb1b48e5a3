package dev.bulwark.platform.stack;

import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.catalog.CapabilityChoice;
import dev.bulwark.catalog.Catalogue;
import dev.bulwark.catalog.ComponentSelection;
import java.util.Map;
import java.util.TreeMap;

/** The catalogue's component selection, seen as capability id to implementation id. */
final class StandardSelection {

  private StandardSelection() {}

  static Map<String, String> of(PlatformSpec spec, Catalogue catalogue) {
    Map<String, String> selection = new TreeMap<>();
    for (CapabilityChoice choice : ComponentSelection.of(spec, catalogue).choices()) {
      if (choice.enabled()) {
        selection.put(choice.capability().id(), choice.implementation().id());
      }
    }
    return selection;
  }
}
