package dev.bulwark.delivery;

import java.util.regex.Pattern;

/** An image digest as kustomize and registries write it: {@code sha256:} and 64 hex digits. */
public record Digest(String value) {

  private static final Pattern SHAPE = Pattern.compile("sha256:[0-9a-f]{64}");

  public Digest {
    if (value == null || !SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "expected an image digest sha256:<64 lowercase hex digits>, found `" + value + "`");
    }
  }

  public static Digest of(String value) {
    return new Digest(value);
  }

  /** The first 12 hex digits, enough for a person to tell two digests apart. */
  public String shortForm() {
    return value.substring("sha256:".length(), "sha256:".length() + 12);
  }

  @Override
  public String toString() {
    return value;
  }
}
