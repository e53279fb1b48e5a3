package dev.bulwark.testkit.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Objects under test, written as YAML. */
final class Yaml {

  private static final YAMLMapper YAML = new YAMLMapper();

  private Yaml() {}

  static JsonNode of(String text) {
    try {
      return YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
