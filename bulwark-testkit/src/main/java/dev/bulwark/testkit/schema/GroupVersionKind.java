package dev.bulwark.testkit.schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A group, version and kind; the core group is "".
 *
 * @param group the API group, "" for the core group
 * @param version the version, such as v1
 * @param kind the kind, such as ConfigMap
 */
public record GroupVersionKind(String group, String version, String kind) {

  /** From an {@code apiVersion} ({@code v1} or {@code apps/v1}) and a kind. */
  public static GroupVersionKind of(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    return slash < 0
        ? new GroupVersionKind("", apiVersion, kind)
        : new GroupVersionKind(
            apiVersion.substring(0, slash), apiVersion.substring(slash + 1), kind);
  }

  /** From an object's {@code apiVersion} and {@code kind} (empty strings where missing). */
  public static GroupVersionKind of(JsonNode object) {
    return of(object.path("apiVersion").asText(""), object.path("kind").asText(""));
  }

  /** The apiVersion as written in objects. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  @Override
  public String toString() {
    return apiVersion() + " " + kind;
  }
}
