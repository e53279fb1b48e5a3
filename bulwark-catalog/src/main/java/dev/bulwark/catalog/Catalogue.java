package dev.bulwark.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The pinned component catalogue: every component the platform stack can install, grouped by
 * capability into implementations. Immutable; validated when loaded.
 */
public final class Catalogue {

  /** Classpath location of the standard catalogue. */
  public static final String RESOURCE = "/dev/bulwark/catalog/components.yaml";

  private final String release;
  private final Map<String, Component> components;
  private final Map<Capability, List<Implementation>> implementations;

  Catalogue(
      String release,
      List<Component> components,
      Map<Capability, List<Implementation>> implementations) {
    this.release = release;
    Map<String, Component> byId = new LinkedHashMap<>();
    components.forEach(c -> byId.put(c.id(), c));
    this.components = java.util.Collections.unmodifiableMap(byId);
    Map<Capability, List<Implementation>> copy = new java.util.EnumMap<>(Capability.class);
    implementations.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    this.implementations = java.util.Collections.unmodifiableMap(copy);
  }

  /** The catalogue shipped with Bulwark, loaded and validated once. */
  public static Catalogue standard() {
    return Standard.INSTANCE;
  }

  /** Loads and validates a catalogue; {@code source} names it in error messages. */
  public static Catalogue load(String source, InputStream yaml) {
    return CatalogueLoader.load(source, yaml);
  }

  /** The catalogue release, e.g. {@code 2026.11}. */
  public String release() {
    return release;
  }

  /** All components, in catalogue order. */
  public List<Component> components() {
    return List.copyOf(components.values());
  }

  public Optional<Component> component(String id) {
    return Optional.ofNullable(components.get(id));
  }

  /** The component with this id, or an {@link IllegalArgumentException} listing the known ids. */
  public Component require(String id) {
    Component c = components.get(id);
    if (c == null) {
      throw new IllegalArgumentException(
          "no component '"
              + id
              + "' in catalogue "
              + release
              + "; known: "
              + String.join(", ", components.keySet()));
    }
    return c;
  }

  /** The components that serve a capability, defaults first, in catalogue order. */
  public List<Component> byCapability(Capability capability) {
    return components.values().stream()
        .filter(c -> c.capability() == capability)
        .sorted(Comparator.comparing(Component::choice))
        .toList();
  }

  /** The implementations of a capability, the default first. */
  public List<Implementation> implementations(Capability capability) {
    return implementations.getOrDefault(capability, List.of());
  }

  /** The default implementation of a capability (validation guarantees exactly one). */
  public Implementation defaultImplementation(Capability capability) {
    return implementations(capability).stream()
        .filter(Implementation::isDefault)
        .findFirst()
        .orElseThrow();
  }

  public Optional<Implementation> implementation(Capability capability, String id) {
    return implementations(capability).stream().filter(i -> i.id().equals(id)).findFirst();
  }

  /** The components of an implementation, resolved. */
  public List<Component> componentsOf(Implementation implementation) {
    return implementation.components().stream().map(this::require).toList();
  }

  /**
   * The given components in install order: by sync wave, and within a wave after everything they
   * depend on, then by id, so that the order is stable.
   */
  public List<Component> installOrder(Collection<Component> selected) {
    Map<String, Component> pending = new LinkedHashMap<>();
    selected.stream()
        .sorted(Comparator.comparingInt(Component::syncWave).thenComparing(Component::id))
        .forEach(c -> pending.put(c.id(), c));
    List<Component> ordered = new ArrayList<>();
    Set<String> done = new TreeSet<>();
    while (!pending.isEmpty()) {
      Component next =
          pending.values().stream()
              .filter(
                  c ->
                      c.dependsOn().stream()
                          .allMatch(d -> done.contains(d) || !pending.containsKey(d)))
              .findFirst()
              .orElseThrow(
                  () -> new IllegalStateException("dependency cycle among " + pending.keySet()));
      ordered.add(next);
      done.add(next.id());
      pending.remove(next.id());
    }
    return ordered;
  }

  @Override
  public String toString() {
    return "Catalogue "
        + release
        + " "
        + components.keySet().stream().collect(Collectors.joining(", ", "[", "]"));
  }

  private static final class Standard {
    static final Catalogue INSTANCE = loadStandard();

    private static Catalogue loadStandard() {
      try (InputStream in = Catalogue.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(
              "the component catalogue " + RESOURCE + " is missing from the classpath");
        }
        return load("classpath:" + RESOURCE, in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the component catalogue " + RESOURCE, e);
      }
    }
  }
}
