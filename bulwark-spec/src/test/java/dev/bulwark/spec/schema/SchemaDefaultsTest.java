package dev.bulwark.spec.schema;

import static dev.bulwark.spec.schema.Json.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Defaulting as the apiserver does it for custom resources. */
class SchemaDefaultsTest {

  private static final JsonNode SCHEMA =
      yaml(
          """
      type: object
      properties:
        protocol: {type: string, default: http}
        path: {type: string, default: /, nullable: true}
        note: {type: string}
        size: {type: object, default: {}, properties: {gi: {type: integer, default: 10}}}
        ports:
          type: array
          items: {type: object, properties: {protocol: {type: string, default: tcp}}}
        labels: {type: object, additionalProperties: {type: object, properties: {v: {type: string, default: x}}}}
        absent: {type: object, properties: {inner: {type: string, default: never}}}
      """);

  @Test
  void missingFieldsGetTheirDefaultsTopDown() {
    JsonNode defaulted =
        SchemaDefaults.apply(SCHEMA, yaml("{ports: [{}, {protocol: udp}], labels: {a: {}}}"));
    assertThat(defaulted)
        .isEqualTo(
            yaml(
                """
        {protocol: http, path: /, size: {gi: 10}, ports: [{protocol: tcp}, {protocol: udp}], labels: {a: {v: x}}}"""));
  }

  @Test
  void aDefaultNeverCreatesAnAbsentParent() {
    assertThat(SchemaDefaults.apply(SCHEMA, yaml("{}")).has("absent")).isFalse();
  }

  @Test
  void nonNullableNullsAreDroppedOrDefaultedAndNullableOnesKept() {
    JsonNode defaulted =
        SchemaDefaults.apply(SCHEMA, yaml("{protocol: null, path: null, note: null}"));
    assertThat(defaulted.get("protocol").asText()).isEqualTo("http");
    assertThat(defaulted.get("path").isNull()).isTrue();
    assertThat(defaulted.has("note")).isFalse();
  }

  @Test
  void theInputIsNotChanged() {
    JsonNode input = yaml("{}");
    SchemaDefaults.apply(SCHEMA, input);
    assertThat(input).isEqualTo(yaml("{}"));
  }
}
