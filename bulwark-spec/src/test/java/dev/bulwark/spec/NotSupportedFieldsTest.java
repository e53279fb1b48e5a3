package dev.bulwark.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.api.NotSupportedYet;
import dev.bulwark.api.v1alpha1.ApplicationSpec;
import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.api.v1alpha1.TenantSpec;
import dev.bulwark.spec.schema.Json;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fields marked {@link NotSupportedYet} are rejected where they are set, and only there. */
class NotSupportedFieldsTest {

  /** A type tree of its own, so the test does not depend on which API fields are marked today. */
  static class Root {
    public Spec spec;
  }

  static class Spec {
    @NotSupportedYet("widgets arrive later")
    public String widget;

    @JsonProperty("renamed")
    @NotSupportedYet("renamed arrives later")
    public Integer javaName;

    public List<Item> items = new ArrayList<>();
    public Map<String, Item> byName;
    public String plain;
  }

  static class Item {
    @NotSupportedYet("item colours arrive later")
    public String colour;

    public String name;
  }

  private final NotSupportedFields fields = new NotSupportedFields(new ObjectMapper());

  private List<String> find(String yaml) {
    return fields.find(Root.class, Json.yaml(yaml)).stream()
        .map(NotSupportedFields.Finding::message)
        .toList();
  }

  @Test
  void setFieldsAreFoundWithTheirJsonNamesAndPaths() {
    assertThat(
            find(
                "{spec: {widget: w, renamed: 1, plain: p, items: [{name: a}, {colour: red}], byName: {x: {colour: c}}}}"))
        .containsExactlyInAnyOrder(
            "field `spec.widget` is not supported yet: widgets arrive later",
            "field `spec.renamed` is not supported yet: renamed arrives later",
            "field `spec.items[1].colour` is not supported yet: item colours arrive later",
            "field `spec.byName.x.colour` is not supported yet: item colours arrive later");
  }

  @Test
  void unsetAndNullFieldsAreFine() {
    assertThat(find("{spec: {widget: null, plain: p, items: [{name: a}]}}")).isEmpty();
    assertThat(find("{}")).isEmpty();
  }

  @Test
  void aMarkedApiFieldIsRejectedByTheLoader() throws Exception {
    Field marked = firstMarkedTopLevelField();
    assumeTrue(
        marked != null,
        "no spec field of Platform, Tenant or Application is marked @NotSupportedYet today");
    String reason = marked.getAnnotation(NotSupportedYet.class).value();
    String kind = marked.getDeclaringClass().getSimpleName().replace("Spec", "");
    String name =
        switch (kind) {
          case "Platform" -> "platform.yaml";
          case "Tenant" -> "tenants.yaml";
          default -> "applications.yaml";
        };
    String file = SpecFixtures.base().get(name).split("---")[0];
    JsonNode schema =
        BulwarkCrds.kind(kind)
            .orElseThrow()
            .crd()
            .version("v1alpha1")
            .orElseThrow()
            .schema()
            .path("properties")
            .path("spec")
            .path("properties")
            .path(marked.getName());
    String value =
        switch (schema.path("type").asText()) {
          case "array" -> "[]";
          case "string" -> "x";
          case "integer" -> "1";
          case "boolean" -> "true";
          default -> "{}";
        };
    LoadResult result =
        SpecFixtures.loadWith(name, file + "  " + marked.getName() + ": " + value + "\n");
    int line = (int) file.lines().count() + 1;
    assertThat(result.errors())
        .extracting(SpecError::toString)
        .contains(
            name
                + ":"
                + line
                + ":3: field `spec."
                + marked.getName()
                + "` is not supported yet: "
                + reason);
  }

  private static Field firstMarkedTopLevelField() {
    for (Class<?> type : List.of(PlatformSpec.class, TenantSpec.class, ApplicationSpec.class)) {
      for (Field field : type.getDeclaredFields()) {
        if (field.isAnnotationPresent(NotSupportedYet.class)) {
          return field;
        }
      }
    }
    return null;
  }
}
