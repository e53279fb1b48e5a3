package dev.bulwark.yaml;

/**
 * The text is not well-formed YAML, or uses a construct Bulwark refuses (duplicate keys, non-scalar
 * keys).
 */
public class YamlSyntaxException extends Exception {

  private final Location location;

  public YamlSyntaxException(Location location, String message) {
    super(location + ": " + message);
    this.location = location;
  }

  public Location location() {
    return location;
  }
}
