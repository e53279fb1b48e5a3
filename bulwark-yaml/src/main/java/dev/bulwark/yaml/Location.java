package dev.bulwark.yaml;

/** A place in a source: file (or "-" for standard input), 1-based line and column. */
public record Location(String source, int line, int column) {

  @Override
  public String toString() {
    return source + ":" + line + ":" + column;
  }
}
