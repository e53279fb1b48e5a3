package dev.bulwark.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The licences of what a platform runs, judged against its licence policy, with a way out for each
 * flagged component: the alternative implementation whose licences the policy accepts.
 *
 * @param policy the policy applied
 * @param entries one per enabled component, in install order
 * @param alternatives the components of implementations that are not chosen, for comparison; they
 *     never make the inventory fail
 */
public record LicenseInventory(
    LicensePolicy policy, List<Entry> entries, List<Entry> alternatives) {

  /**
   * One component's licence verdict.
   *
   * @param component the component
   * @param categories the category of each identifier its licence names
   * @param unmet the identifiers the policy does not accept (empty when accepted)
   * @param remedy what to do when flagged: the alternative that avoids the licence, or why none
   *     does
   */
  public record Entry(
      Component component,
      Set<LicenseCategory> categories,
      Set<String> unmet,
      Optional<String> remedy) {

    public boolean flagged() {
      return !unmet.isEmpty();
    }
  }

  public LicenseInventory {
    entries = List.copyOf(entries);
    alternatives = List.copyOf(alternatives);
  }

  /** The inventory of a selection under a policy. */
  public static LicenseInventory of(ComponentSelection selection, LicensePolicy policy) {
    Catalogue catalogue = selection.catalogue();
    List<Entry> entries = new ArrayList<>();
    for (Component c : selection.components()) {
      Set<String> unmet = policy.unmet(c.license());
      Optional<String> remedy =
          unmet.isEmpty() ? Optional.empty() : Optional.of(remedy(c, unmet, selection, policy));
      entries.add(new Entry(c, categories(c), unmet, remedy));
    }
    Set<String> on = selection.components().stream().map(Component::id).collect(Collectors.toSet());
    List<Entry> alternatives =
        catalogue.components().stream()
            .filter(c -> !on.contains(c.id()))
            .filter(c -> selection.isEnabled(c.capability()))
            .map(c -> new Entry(c, categories(c), policy.unmet(c.license()), Optional.empty()))
            .toList();
    return new LicenseInventory(policy, entries, alternatives);
  }

  /** Whether any enabled component is outside the policy. */
  public boolean hasFlags() {
    return entries.stream().anyMatch(Entry::flagged);
  }

  public List<Entry> flagged() {
    return entries.stream().filter(Entry::flagged).toList();
  }

  private static Set<LicenseCategory> categories(Component c) {
    Set<LicenseCategory> categories = new LinkedHashSet<>();
    c.license().identifiers().forEach(id -> categories.add(LicenseCategory.of(id)));
    return categories;
  }

  /**
   * The way out for a flagged component: the catalogue's named licence alternative first, then any
   * other implementation of the capability whose every component the policy accepts.
   */
  static String remedy(
      Component c, Set<String> unmet, ComponentSelection selection, LicensePolicy policy) {
    Catalogue catalogue = selection.catalogue();
    Capability capability = c.capability();
    String current = selection.choice(capability).implementation().id();
    String field = "spec.components." + capability.id();
    List<Implementation> others =
        new ArrayList<>(
            catalogue.implementations(capability).stream()
                .filter(i -> !i.id().equals(current))
                .toList());
    c.licenseAlternative()
        .flatMap(alt -> catalogue.implementation(capability, alt))
        .ifPresent(
            preferred -> {
              others.remove(preferred);
              others.add(0, preferred);
            });
    List<String> rejected = new ArrayList<>();
    for (Implementation alternative : others) {
      List<Component> parts = catalogue.componentsOf(alternative);
      Set<String> missing = new LinkedHashSet<>();
      parts.forEach(p -> missing.addAll(policy.unmet(p.license())));
      if (missing.isEmpty()) {
        return "use "
            + alternative.id()
            + " instead, which avoids "
            + String.join(", ", unmet)
            + ": set "
            + field
            + ".implementation: "
            + alternative.id();
      }
      rejected.add(alternative.id() + " (" + String.join(", ", missing) + ")");
    }
    String accept =
        "add "
            + String.join(", ", unmet)
            + " to spec.licenses.allow to accept it, or set "
            + field
            + ".enabled: false";
    return rejected.isEmpty()
        ? "no catalogued alternative for " + capability.id() + "; " + accept
        : "no catalogued alternative avoids it: "
            + String.join(", ", rejected)
            + " is outside the allow-list too; "
            + accept;
  }
}
