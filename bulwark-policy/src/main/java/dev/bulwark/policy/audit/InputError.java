package dev.bulwark.policy.audit;

import dev.bulwark.yaml.Location;

/** Input that could not be audited: where, and what was expected. */
public record InputError(Location location, String message) {

  @Override
  public String toString() {
    return location + ": " + message;
  }
}
