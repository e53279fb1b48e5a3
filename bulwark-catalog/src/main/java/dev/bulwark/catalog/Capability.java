package dev.bulwark.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What the platform delivers; each capability is served by one implementation at a time. */
public enum Capability {
  GATEWAY,
  DNS,
  CERTIFICATES,
  STORAGE,
  DATABASE,
  BACKUP,
  GITOPS,
  CI,
  REGISTRY,
  SECRETS,
  LOGS,
  METRICS,
  TRACES,
  IDENTITY,
  POLICY,
  SCANNING;

  /** The lower-case id used in the catalogue and in {@code spec.components}, e.g. {@code logs}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The capability with this id, if any. */
  public static Optional<Capability> fromId(String id) {
    return Arrays.stream(values()).filter(c -> c.id().equals(id)).findFirst();
  }

  /** All ids, comma separated, for error messages. */
  public static String ids() {
    return Arrays.stream(values()).map(Capability::id).collect(Collectors.joining(", "));
  }
}
