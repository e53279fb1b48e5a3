package dev.bulwark.spec;

import dev.bulwark.api.BulwarkSpec;
import java.util.List;

/**
 * A cross-object check that another module contributes to the loader, discovered through {@code
 * META-INF/services/dev.bulwark.spec.SpecCheck}: for example the platform stack rejecting
 * combinations its components cannot serve. It runs only on a spec that passed every built-in
 * check, and its findings are reported like the loader's own errors, at the file and line of the
 * field they name.
 */
public interface SpecCheck {

  /** Every problem with the spec; empty when there is none. */
  List<Finding> check(BulwarkSpec spec);

  /**
   * The findings of every check on the class path about one object ({@code kind} and {@code name}):
   * what the operator runs for the resource it reconciles, as the loader runs them for a spec of
   * files.
   */
  static List<Finding> findingsAbout(BulwarkSpec spec, String kind, String name) {
    List<Finding> findings = new java.util.ArrayList<>();
    for (SpecCheck check :
        java.util.ServiceLoader.load(SpecCheck.class, SpecCheck.class.getClassLoader())) {
      check.check(spec).stream()
          .filter(f -> f.kind().equals(kind) && f.name().equals(name))
          .forEach(findings::add);
    }
    return List.copyOf(findings);
  }

  /**
   * Cautions about a valid spec that do not stop it loading (for example a component retired
   * upstream); the CLI prints them and carries on. Asked only when {@link #check} found nothing.
   */
  default List<Finding> warnings(BulwarkSpec spec) {
    return List.of();
  }

  /**
   * One problem.
   *
   * @param kind Platform, Tenant or Application
   * @param name the object's name
   * @param fieldPath the field, as {@code spec.components.dns.settings.provider} or {@code
   *     spec.sourceRepos[0]}
   * @param message what is wrong and how to fix it (or, for a warning, what to watch and why)
   */
  record Finding(String kind, String name, String fieldPath, String message) {}
}
