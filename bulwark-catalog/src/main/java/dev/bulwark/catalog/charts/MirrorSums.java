package dev.bulwark.catalog.charts;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A mirror's {@code SHA256SUMS}: {@code <hex> <relative path>} per line, as sha256sum writes. */
record MirrorSums(Map<String, String> digests) {

  static final MirrorSums NONE = new MirrorSums(Map.of());

  static MirrorSums parse(String text) {
    Map<String, String> digests = new HashMap<>();
    for (String line : text.split("\n")) {
      String[] parts = line.trim().split("\\s+\\*?", 2);
      if (parts.length == 2 && parts[0].matches("[0-9a-f]{64}")) {
        digests.put(
            parts[1].startsWith("./") ? parts[1].substring(2) : parts[1], "sha256:" + parts[0]);
      }
    }
    return new MirrorSums(Map.copyOf(digests));
  }

  Optional<String> digest(String relative) {
    return Optional.ofNullable(digests.get(relative));
  }
}
