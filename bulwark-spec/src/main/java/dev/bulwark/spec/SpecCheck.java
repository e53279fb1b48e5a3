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
