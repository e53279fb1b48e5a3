package dev.bulwark.cli.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What Gatekeeper's controller does when a ConstraintTemplate appears: it creates the CRD of the
 * template's constraint kind ({@code <kind>.constraints.gatekeeper.sh}, cluster-scoped, served as
 * v1beta1 and v1alpha1), whose {@code spec.parameters} schema is the template's. The demo's control
 * plane has no nodes, so Gatekeeper itself never runs there; without this stand-in the Constraints
 * Bulwark renders could never be applied.
 */
final class GatekeeperStandIn {

  static final String TEMPLATES = "templates.gatekeeper.sh";
  static final String CONSTRAINTS = "constraints.gatekeeper.sh";
  private static final ObjectMapper JSON = new ObjectMapper();

  private GatekeeperStandIn() {}

  /** The constraint CRD for a ConstraintTemplate, or empty for any other object. */
  static Optional<CustomResourceDefinition> constraintCrd(HasMetadata object) {
    if (!object.getKind().equals("ConstraintTemplate")
        || !object.getApiVersion().startsWith(TEMPLATES + "/")) {
      return Optional.empty();
    }
    JsonNode crdSpec = JSON.valueToTree(object).path("spec").path("crd").path("spec");
    String kind = crdSpec.path("names").path("kind").asText("");
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    String plural = kind.toLowerCase(Locale.ROOT);
    JsonNode parameters = crdSpec.path("validation").path("openAPIV3Schema");
    JSONSchemaProps parametersSchema =
        parameters.isObject() && !parameters.isEmpty()
            ? JSON.convertValue(parameters, JSONSchemaProps.class)
            : new JSONSchemaPropsBuilder()
                .withType("object")
                .withXKubernetesPreserveUnknownFields(true)
                .build();
    JSONSchemaProps open =
        new JSONSchemaPropsBuilder()
            .withType("object")
            .withXKubernetesPreserveUnknownFields(true)
            .build();
    JSONSchemaProps schema =
        new JSONSchemaPropsBuilder()
            .withType("object")
            .withProperties(
                Map.of(
                    "spec",
                    new JSONSchemaPropsBuilder()
                        .withType("object")
                        .withProperties(
                            Map.of(
                                "enforcementAction",
                                    new JSONSchemaPropsBuilder().withType("string").build(),
                                "match", open,
                                "parameters", parametersSchema))
                        .build(),
                    "status",
                    open))
            .build();
    List<CustomResourceDefinitionVersion> versions =
        List.of(version("v1beta1", true, schema), version("v1alpha1", false, schema));
    return Optional.of(
        new CustomResourceDefinitionBuilder()
            .withNewMetadata()
            .withName(plural + "." + CONSTRAINTS)
            .addToLabels("app.kubernetes.io/managed-by", "bulwark-demo")
            .endMetadata()
            .withNewSpec()
            .withGroup(CONSTRAINTS)
            .withScope("Cluster")
            .withNewNames()
            .withKind(kind)
            .withPlural(plural)
            .withSingular(plural)
            .withListKind(kind + "List")
            .withCategories("constraint", "constraints")
            .endNames()
            .withVersions(versions)
            .endSpec()
            .build());
  }

  private static CustomResourceDefinitionVersion version(
      String name, boolean storage, JSONSchemaProps schema) {
    return new CustomResourceDefinitionVersionBuilder()
        .withName(name)
        .withServed(true)
        .withStorage(storage)
        .withNewSchema()
        .withOpenAPIV3Schema(schema)
        .endSchema()
        .withNewSubresources()
        .withNewStatus()
        .endStatus()
        .endSubresources()
        .build();
  }
}
