package dev.bulwark.spec;

import dev.bulwark.api.BulwarkSpec;
import java.util.List;

/**
 * What {@link SpecLoader} made of its input: a valid spec, or every error found, never both.
 *
 * @param spec the validated spec, or {@code null} when there are errors
 * @param errors every error, sorted by file, line and column (see {@link SpecError#ORDER})
 */
public record LoadResult(BulwarkSpec spec, List<SpecError> errors) {

  public LoadResult {
    errors = errors.stream().sorted(SpecError.ORDER).toList();
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
