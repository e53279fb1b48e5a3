package dev.bulwark.scorecard;

/**
 * One fact behind a line.
 *
 * @param object what the fact is about: {@code Kind namespace/name}, {@code Kind name}, or a
 *     description such as {@code spec}
 * @param fact what was seen
 * @param ok whether the fact speaks for the essential
 */
public record Evidence(String object, String fact, boolean ok) {

  public static Evidence ok(String object, String fact) {
    return new Evidence(object, fact, true);
  }

  public static Evidence notOk(String object, String fact) {
    return new Evidence(object, fact, false);
  }
}
