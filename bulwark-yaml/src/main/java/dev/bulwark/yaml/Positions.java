package dev.bulwark.yaml;

/**
 * The start positions of a YAML collection's members, kept beside the Jackson tree so that a
 * position is looked up only when an error needs one. Positions are packed as {@code line << 32 |
 * column} (both 1-based); no pointer string or {@link Location} is built while reading, which made
 * up a large part of the cost of reading big manifest bundles.
 */
final class Positions {

  /** Where this node starts. */
  final long start;

  /** Where each member's (or item's) value starts, in member order; null for a scalar. */
  final long[] values;

  /** Where each member's key starts, in member order; null for a sequence or scalar. */
  final long[] keys;

  /** The positions inside each member that is itself a collection; null entries for scalars. */
  final Positions[] nested;

  Positions(long start, long[] values, long[] keys, Positions[] nested) {
    this.start = start;
    this.values = values;
    this.keys = keys;
    this.nested = nested;
  }

  static long pack(int line, int column) {
    return (long) line << 32 | column;
  }

  static Location location(String source, long packed) {
    return new Location(source, (int) (packed >>> 32), (int) packed);
  }
}
