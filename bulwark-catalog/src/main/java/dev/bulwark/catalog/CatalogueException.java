package dev.bulwark.catalog;

import java.util.List;

/** The catalogue data is inconsistent; the message lists every problem found, one per line. */
public final class CatalogueException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public CatalogueException(String source, List<String> problems) {
    super("invalid component catalogue " + source + ":\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, with the path of the offending entry. */
  public List<String> problems() {
    return problems;
  }
}
