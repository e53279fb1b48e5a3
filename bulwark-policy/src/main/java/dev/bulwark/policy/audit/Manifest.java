package dev.bulwark.policy.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.yaml.Location;

/**
 * One Kubernetes object read for audit, with where it came from.
 *
 * @param location the file (or "-") and line where the object starts
 * @param object the object
 */
public record Manifest(Location location, JsonNode object) {

  public String kind() {
    return object.path("kind").asText("");
  }

  public String name() {
    String name = object.path("metadata").path("name").asText("");
    return name.isEmpty() ? "(unnamed)" : name;
  }

  public String namespace() {
    return object.path("metadata").path("namespace").asText("");
  }

  /** "Kind namespace/name" or "Kind name", as people say it. */
  public String describe() {
    return kind() + " " + (namespace().isEmpty() ? name() : namespace() + "/" + name());
  }
}
