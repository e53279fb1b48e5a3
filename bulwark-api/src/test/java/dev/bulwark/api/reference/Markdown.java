package dev.bulwark.api.reference;

/** Text that is safe inside one cell of a Markdown table. */
final class Markdown {

  private Markdown() {}

  /** A code span; a value that holds a backtick gets a double-backtick fence. */
  static String code(String value) {
    return value.contains("`") ? "`` " + value + " ``" : "`" + value + "`";
  }

  /**
   * One line, with the pipes that would end the cell escaped (GitHub honours the escape inside code
   * spans).
   */
  static String cell(String text) {
    return text.replace("\r", "").replace("\n", " ").replace("|", "\\|").strip();
  }
}
