package dev.bulwark.spec;

import dev.bulwark.api.BulwarkSpec;
import java.util.List;

/**
 * What {@link SpecLoader} made of its input: a valid spec, or every error found, never both.
 *
 * @param spec the validated spec, or {@code null} when there are errors
 * @param errors every error, sorted by file, line and column (see {@link SpecError#ORDER})
 * @param warnings cautions about a valid spec (never with errors), sorted like errors
 */
public record LoadResult(BulwarkSpec spec, List<SpecError> errors, List<SpecError> warnings) {

  /** A result without warnings. */
  public LoadResult(BulwarkSpec spec, List<SpecError> errors) {
    this(spec, errors, List.of());
  }

  public LoadResult {
    errors = errors.stream().sorted(SpecError.ORDER).toList();
    warnings = warnings.stream().sorted(SpecError.ORDER).toList();
    if (spec != null && !errors.isEmpty()) {
      throw new IllegalArgumentException("a load result has a spec or errors, not both");
    }
    if (spec == null && errors.isEmpty()) {
      throw new IllegalArgumentException("a load result without a spec must say why");
    }
  }

  /** Whether the spec is valid. */
  public boolean ok() {
    return errors.isEmpty();
  }

  /** The errors, one per line, as the CLI prints them. */
  public String report() {
    return String.join("\n", errors.stream().map(SpecError::toString).toList());
  }
}
