package dev.bulwark.spec.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Test values and schemas written as (flow-style) YAML, which is shorter than JSON in Java strings.
 */
public final class Json {

  private static final YAMLMapper YAML = new YAMLMapper();

  private Json() {}

  public static JsonNode yaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
