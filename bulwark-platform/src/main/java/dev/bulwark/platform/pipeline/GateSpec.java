package dev.bulwark.platform.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.platform.stack.CustomResource;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.SyncWave;
import dev.bulwark.platform.stack.TenantCi;
import dev.bulwark.render.Ownership;
import dev.bulwark.render.model.TenantModel;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.TreeMap;

/**
 * The spec the gate stage decides with: the Platform, the application's Tenant and the Application,
 * as spec documents (JSON, which the spec loader reads as YAML) in a ConfigMap of the CI namespace,
 * cut down to what the gate reads (the platform's licence allow-list, the environments' names, the
 * application's tenant and {@code spec.security}) and what the spec loader's checks need beside it
 * (the domain, the components, what the application runs and where it is reached, the tenant's
 * source repositories). Nothing else of the spec is copied, so the ConfigMap changes only when the
 * gate's policy does, and no other tenant's documents reach a tenant's CI namespace.
 */
final class GateSpec {

  static final String SUFFIX = "gate-spec";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private GateSpec() {}

  static HasMetadata configMap(Stack stack, TenantModel tenant, Application app) {
    var spec = stack.context().spec();
    Map<String, String> data = new TreeMap<>();
    data.put("platform.yaml", json(cut(spec.platform(), "domain", "licenses", "components")));
    spec.tenants().stream()
        .filter(t -> t.getMetadata().getName().equals(tenant.name()))
        .forEach(t -> data.put("tenant.yaml", json(cut(t, "environments", "sourceRepos"))));
    // What the application runs (image, build or source) only because the loader requires one;
    // its hosts (and the ports they name) because a DAST requirement needs a URL (ADR 0050).
    data.put(
        "application.yaml",
        json(
            cut(
                app,
                "tenant",
                "environments",
                "security",
                "image",
                "build",
                "source",
                "hosts",
                "ports")));
    return CustomResource.withWave(
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(app.getMetadata().getName() + "-" + SUFFIX)
            .withNamespace(TenantCi.namespace(tenant.name()))
            .withLabels(Ownership.platform())
            .endMetadata()
            .withData(data)
            .build(),
        SyncWave.TENANTS);
  }

  /**
   * The document with only its kind, name (and namespace) and the given fields of its spec;
   * environments keep only their names.
   */
  private static ObjectNode cut(Object document, String... fields) {
    JsonNode tree = JSON.valueToTree(document);
    ObjectNode copy = JSON.createObjectNode();
    copy.set("apiVersion", tree.get("apiVersion"));
    copy.set("kind", tree.get("kind"));
    ObjectNode metadata = copy.putObject("metadata");
    metadata.set("name", tree.at("/metadata/name"));
    if (tree.at("/metadata/namespace").isTextual()) {
      metadata.set("namespace", tree.at("/metadata/namespace"));
    }
    ObjectNode spec = copy.putObject("spec");
    for (String field : fields) {
      JsonNode value = tree.path("spec").get(field);
      if (value == null || value.isNull()) {
        continue;
      }
      if (field.equals("environments")) {
        ArrayNode names = spec.putArray(field);
        value.forEach(e -> names.addObject().set("name", e.get("name")));
      } else {
        spec.set(field, value);
      }
    }
    return copy;
  }

  private static String json(JsonNode document) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n";
    } catch (JsonProcessingException e) {
      // A tree of the spec's own values always serialises; failing here is a bug, not bad input.
      throw new IllegalStateException("cannot write a spec document as JSON", e);
    }
  }
}
