package dev.bulwark.policy.library;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The whole library: shared CEL variables and the policies. Loaded once from the classpath;
 * immutable afterwards, so one instance can serve every thread.
 *
 * @param variables variables every policy may use, in dependency order
 * @param policies the policies, in library order
 */
public record PolicyLibrary(List<Variable> variables, List<Policy> policies) {

  /** Prefix of the annotation that exempts an object from one policy; its value is the reason. */
  public static final String EXEMPTION_ANNOTATION_PREFIX = "exempt.policy.bulwark.dev/";

  /** The classpath resources that make up the standard library, in order. */
  static final List<String> RESOURCES =
      List.of("variables.yaml", "pss-baseline.yaml", "pss-restricted.yaml", "platform.yaml");

  private static final class Holder {
    static final PolicyLibrary STANDARD = LibraryLoader.fromClasspath(RESOURCES);
  }

  public PolicyLibrary {
    variables = List.copyOf(variables);
    policies = List.copyOf(policies);
  }

  /** The library shipped with Bulwark, loaded and checked on first use. */
  public static PolicyLibrary standard() {
    return Holder.STANDARD;
  }

  public Optional<Policy> policy(String id) {
    return policies.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** The policies a selection includes, in library order. */
  public List<Policy> select(Selection selection) {
    return policies.stream().filter(selection).toList();
  }

  /** A library holding only the policies that pass the filter; shared variables are kept. */
  public PolicyLibrary filter(Predicate<Policy> filter) {
    return new PolicyLibrary(variables, new ArrayList<>(policies.stream().filter(filter).toList()));
  }

  /** The policy sets of {@code --policies}. */
  public enum Selection implements Predicate<Policy> {
    PSS_BASELINE("pss-baseline"),
    PSS_RESTRICTED("pss-restricted"),
    PLATFORM("platform"),
    ALL("all");

    private final String label;

    Selection(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** The Pod Security level this selection evaluates PSS controls at. */
    public String pssLevel() {
      return this == PSS_BASELINE ? Policy.BASELINE : Policy.RESTRICTED;
    }

    @Override
    public boolean test(Policy policy) {
      return switch (this) {
        case PSS_BASELINE -> policy.isPss() && Policy.BASELINE.equals(policy.level());
        case PSS_RESTRICTED -> policy.isPss();
        case PLATFORM -> !policy.isPss();
        case ALL -> true;
      };
    }

    public static Selection parse(String text) {
      for (Selection s : values()) {
        if (s.label.equals(text)) {
          return s;
        }
      }
      throw new IllegalArgumentException(
          "unknown policy set '"
              + text
              + "': expected pss-baseline, pss-restricted, platform or all");
    }
  }
}
