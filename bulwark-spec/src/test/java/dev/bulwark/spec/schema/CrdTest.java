package dev.bulwark.spec.schema;

import static dev.bulwark.spec.schema.Json.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A CRD's versions, scope and validation of its resources. */
class CrdTest {

  private static final Crd WIDGETS =
      Crd.parse(
          yaml(
              """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: widgets.example.com}
      spec:
        group: example.com
        names: {kind: Widget, plural: widgets}
        scope: Namespaced
        versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    required: [mode]
                    properties:
                      mode: {type: string, enum: [fast, safe], default: safe}
          - name: v0
            served: false
            storage: false
      """));

  @Test
  void readsNamesScopeAndVersions() {
    assertThat(WIDGETS.name()).isEqualTo("widgets.example.com");
    assertThat(WIDGETS.group()).isEqualTo("example.com");
    assertThat(WIDGETS.kind()).isEqualTo("Widget");
    assertThat(WIDGETS.namespaced()).isTrue();
    assertThat(WIDGETS.servedVersions()).containsExactly("v1");
  }

  @Test
  void defaultsApplyBeforeValidationAsInTheApiserver() {
    assertThat(
            WIDGETS.validate(
                yaml("{apiVersion: example.com/v1, kind: Widget, metadata: {name: w}, spec: {}}")))
        .as("the default fills the required field")
        .isEmpty();
    assertThat(
            WIDGETS.validate(
                yaml("{apiVersion: example.com/v1, kind: Widget, spec: {mode: slow}}")))
        .extracting(SchemaError::toString)
        .containsExactly("spec.mode: expected one of \"fast\", \"safe\", found string \"slow\"");
  }

  @Test
  void versionsMustExistAndBeServed() {
    assertThat(WIDGETS.validate(yaml("{apiVersion: example.com/v0, kind: Widget}")))
        .extracting(SchemaError::toString)
        .containsExactly(
            "apiVersion: expected a served version (example.com/v1), found \"example.com/v0\", which the"
                + " CRD widgets.example.com does not serve");
    assertThat(WIDGETS.validate(yaml("{apiVersion: example.com/v2, kind: Widget}")))
        .extracting(SchemaError::toString)
        .containsExactly("apiVersion: expected one of example.com/v1, found \"example.com/v2\"");
    assertThat(WIDGETS.validate(yaml("{apiVersion: other.com/v1, kind: Widget}"))).hasSize(1);
  }

  @Test
  void onlyV1CrdsAreRead() {
    assertThatThrownBy(() -> Crd.parse(yaml("{apiVersion: v1, kind: ConfigMap}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an apiextensions.k8s.io/v1");
  }
}
