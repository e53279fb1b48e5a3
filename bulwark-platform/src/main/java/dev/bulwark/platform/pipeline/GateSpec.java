package dev.bulwark.platform.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
 * as spec documents (JSON, which the spec loader reads as YAML) in a ConfigMap of the CI namespace.
 * The gate needs only these three (spec.security, the environments, the licence allow-list); the
 * other tenants' documents stay out of a tenant's CI namespace.
 */
final class GateSpec {

  static final String SUFFIX = "gate-spec";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private GateSpec() {}

  static HasMetadata configMap(Stack stack, TenantModel tenant, Application app) {
    var spec = stack.context().spec();
    Map<String, String> data = new TreeMap<>();
    data.put("platform.yaml", json(spec.platform()));
    spec.tenants().stream()
        .filter(t -> t.getMetadata().getName().equals(tenant.name()))
        .forEach(t -> data.put("tenant.yaml", json(t)));
    data.put("application.yaml", json(app));
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

  private static String json(Object document) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n";
    } catch (JsonProcessingException e) {
      // The spec's own classes always serialise; failing here is a bug, not bad input.
      throw new IllegalStateException("cannot write a spec document as JSON", e);
    }
  }
}
