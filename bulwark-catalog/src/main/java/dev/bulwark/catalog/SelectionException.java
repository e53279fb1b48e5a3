package dev.bulwark.catalog;

import java.util.List;

/**
 * The spec's component choices contradict the catalogue or each other. Each problem names the spec
 * field, what was found and what is expected.
 */
public final class SelectionException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public SelectionException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
