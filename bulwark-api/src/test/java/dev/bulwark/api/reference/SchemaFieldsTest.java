package dev.bulwark.api.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.bulwark.api.NotSupportedYet;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The walk over a schema and its Java type, on a small kind made for the purpose. */
class SchemaFieldsTest {

  /** The Java side: marks sit on fields, found through Jackson's names, maps and lists included. */
  static final class Widget {
    @JsonProperty("spec")
    Spec spec;
  }

  static final class Spec {
    @JsonProperty("slots")
    Map<String, Slot> slots;

    @JsonProperty("parts")
    List<Part> parts;
  }

  static final class Slot {
    @NotSupportedYet("slots arrive later")
    @JsonProperty("size")
    String size;
  }

  static final class Part {
    @JsonProperty("port")
    Object port;
  }

  private static final String SCHEMA =
      """
      type: object
      properties:
        spec:
          type: object
          required: [parts]
          x-kubernetes-validations:
          - rule: "has(self.parts)"
            message: parts are needed
          properties:
            slots:
              type: object
              additionalProperties:
                type: object
                properties:
                  size:
                    type: string
                    pattern: "^(small|large)$"
                    description: "How big\\nthe slot is."
            parts:
              type: array
              maxItems: 3
              items:
                type: object
                properties:
                  port:
                    x-kubernetes-int-or-string: true
                    default: 8080
                  extra:
                    type: object
                    x-kubernetes-preserve-unknown-fields: true
      """;

  private final List<SchemaFields.Field> fields =
      SchemaFields.of(Serialization.unmarshal(SCHEMA, JSONSchemaProps.class), Widget.class);

  @Test
  void everyFieldHasAPathThatNamesItemsAndMapValues() {
    assertThat(fields)
        .extracting(SchemaFields.Field::path)
        .containsExactly(
            "spec",
            "spec.slots",
            "spec.slots.<key>.size",
            "spec.parts",
            "spec.parts[].port",
            "spec.parts[].extra");
  }

  @Test
  void typesRequiredDefaultsAndValidationAreInWords() {
    assertThat(field("spec").validation())
        .containsExactly("rule `has(self.parts)`: parts are needed");
    assertThat(field("spec.slots").type()).isEqualTo("map of object");
    assertThat(field("spec.parts").type()).isEqualTo("array of object");
    assertThat(field("spec.parts").required()).isTrue();
    assertThat(field("spec.parts").validation()).containsExactly("max items 3");
    assertThat(field("spec.parts[].port").type()).isEqualTo("integer or string");
    assertThat(field("spec.parts[].port").defaultValue()).contains("8080");
    assertThat(field("spec.parts[].extra").type()).isEqualTo("object (free-form)");
    assertThat(field("spec.slots").required()).isFalse();
  }

  @Test
  void aMarkInsideAMapValueIsFound() {
    assertThat(field("spec.slots.<key>.size").notSupported()).contains("slots arrive later");
    assertThat(field("spec.parts[].port").notSupported()).isEmpty();
  }

  @Test
  void aTableCellStaysOneCell() {
    String cell =
        Markdown.cell(
            field("spec.slots.<key>.size").validation().get(0)
                + " "
                + field("spec.slots.<key>.size").description());

    assertThat(cell).isEqualTo("pattern `^(small\\|large)$` How big the slot is.");
    assertThat(Markdown.code("a`b")).isEqualTo("`` a`b ``");
  }

  private SchemaFields.Field field(String path) {
    return fields.stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
  }
}
