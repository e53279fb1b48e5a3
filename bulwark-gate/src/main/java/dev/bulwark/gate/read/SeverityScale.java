package dev.bulwark.gate.read;

import dev.bulwark.gate.Severity;
import java.nio.file.Path;
import java.util.List;

/**
 * A scanner's severity names and the gate's severity each maps to (same index), in the order an
 * error lists them. A name not on the scale is bad input, never a guess.
 */
record SeverityScale(List<String> names, List<Severity> severities) {

  SeverityScale {
    names = List.copyOf(names);
    severities = List.copyOf(severities);
    if (names.size() != severities.size() || names.size() < 2) {
      throw new IllegalArgumentException("one severity per name, at least two");
    }
  }

  Severity of(Path file, String at, String id, String value) throws InputException {
    int i = names.indexOf(value);
    if (i >= 0) {
      return severities.get(i);
    }
    throw new InputException(
        file.toString(),
        at
            + " ("
            + id
            + "): unknown severity `"
            + value
            + "`; expected "
            + String.join(", ", names.subList(0, names.size() - 1))
            + " or "
            + names.get(names.size() - 1));
  }
}
