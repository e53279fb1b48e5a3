package dev.bulwark.platform.stack;

import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.catalog.Capability;
import dev.bulwark.catalog.Catalogue;
import dev.bulwark.catalog.Component;
import dev.bulwark.catalog.Implementation;
import dev.bulwark.catalog.upgrade.CatalogueHistory;
import dev.bulwark.catalog.upgrade.ReleasePin;
import dev.bulwark.render.ComponentPins;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Adapts Bulwark's component catalogue to what the platform units need. */
public final class Catalogs {

  private Catalogs() {}

  /** The standard catalogue, loaded once per JVM by the catalogue itself. */
  public static PlatformCatalog standard() {
    return Holder.STANDARD;
  }

  /** A view of {@code catalogue} with the catalogue's own component selection. */
  public static PlatformCatalog of(Catalogue catalogue) {
    return of(catalogue, spec -> StandardSelection.of(spec, catalogue));
  }

  /** A view of {@code catalogue} with the selection given by {@code selection}. */
  public static PlatformCatalog of(Catalogue catalogue, Selection selection) {
    return new PlatformCatalog() {
      @Override
      public Map<String, String> selection(PlatformSpec spec) {
        return selection.of(spec);
      }

      @Override
      public List<Install> installs(
          String capability, String implementation, PlatformSpec spec, ComponentPins pins) {
        Capability cap =
            Capability.fromId(capability)
                .orElseThrow(() -> new IllegalArgumentException("no capability " + capability));
        Implementation impl =
            catalogue
                .implementation(cap, implementation)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "the catalogue has no " + implementation + " for " + capability));
        return catalogue.componentsOf(impl).stream().map(c -> install(c, spec, pins)).toList();
      }
    };
  }

  /** Which implementation serves each enabled capability of a platform. */
  @FunctionalInterface
  public interface Selection {
    Map<String, String> of(PlatformSpec spec);
  }

  /**
   * The pins of the components a platform runs, by component id: each installed version (the
   * Platform's {@code status.installedVersions}) mapped to the pin of the catalogue release that
   * installs it, so that a reconcile renders a component at the release it is on (ADR 0042).
   */
  public static ComponentPins pins(Map<String, String> installed) {
    return ComponentPins.from(
        CatalogueHistory.standard().pinsOf(installed),
        ReleasePin::sourceVersion,
        pin -> pin.appVersion().toString());
  }

  /**
   * The install of {@code component} at its entry of {@code pins} (else the shipped pin), from the
   * platform's mirror when it sets one. The pin applies before the mirror: mirrored manifests are
   * stored by version.
   */
  static Install install(Component component, PlatformSpec spec, ComponentPins pins) {
    Install install = publicInstall(component, spec, pins.of(component.id()));
    return Mirror.of(spec).map(mirror -> mirror.install(install)).orElse(install);
  }

  private static Install publicInstall(
      Component component, PlatformSpec spec, Optional<ComponentPins.Pin> pin) {
    return new Install(
        component.id(),
        component.source().type().name().toLowerCase(Locale.ROOT),
        component.source().repository(),
        component.source().chart(),
        component.source().path(),
        pin.map(ComponentPins.Pin::sourceVersion).orElse(component.source().version()),
        pin.map(ComponentPins.Pin::appVersion).orElse(component.appVersion().toString()),
        component.namespaceFor(spec),
        component.syncWave(),
        component.warning().orElse(null),
        component.images());
  }

  private static final class Holder {
    static final PlatformCatalog STANDARD = of(Catalogue.standard());
  }
}
