package dev.bulwark.render.tenancy;

import dev.bulwark.render.Ownership;
import dev.bulwark.render.model.EnvironmentModel;
import dev.bulwark.render.model.QuotaModel;
import dev.bulwark.render.model.TenantModel;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import java.util.Map;
import java.util.TreeMap;

/** The quota of a tenant environment and the container defaults that make the quota usable. */
final class TenantQuota {

  static final String QUOTA_NAME = "bulwark-quota";
  static final String LIMITS_NAME = "bulwark-limits";

  /**
   * Ephemeral storage of a container that sets none: without a limit one pod can fill the disk of a
   * node other tenants share, and the kubelet then evicts their pods too.
   */
  static final String DEFAULT_EPHEMERAL_REQUEST = "100Mi";

  static final String DEFAULT_EPHEMERAL_LIMIT = "1Gi";

  private TenantQuota() {}

  static ResourceQuota resourceQuota(TenantModel tenant, EnvironmentModel env) {
    QuotaModel quota = env.quota();
    Map<String, Quantity> hard = new TreeMap<>();
    hard.put("requests.cpu", new Quantity(quota.cpu()));
    hard.put("requests.memory", new Quantity(quota.memory()));
    hard.put("limits.memory", new Quantity(quota.memory()));
    hard.put("requests.storage", new Quantity(quota.storage()));
    hard.put("requests.ephemeral-storage", new Quantity(quota.ephemeralStorage()));
    hard.put("pods", new Quantity(Integer.toString(quota.pods())));
    // Exposure goes through the shared gateway; tenants get no node ports or load balancers.
    hard.put("services.nodeports", new Quantity("0"));
    hard.put("services.loadbalancers", new Quantity("0"));
    return new ResourceQuotaBuilder()
        .withNewMetadata()
        .withName(QUOTA_NAME)
        .withNamespace(env.namespace())
        .withLabels(Ownership.environment(tenant.name(), env.name()))
        .endMetadata()
        .withNewSpec()
        .withHard(hard)
        .endSpec()
        .build();
  }

  static LimitRange limitRange(TenantModel tenant, EnvironmentModel env) {
    QuotaModel quota = env.quota();
    return new LimitRangeBuilder()
        .withNewMetadata()
        .withName(LIMITS_NAME)
        .withNamespace(env.namespace())
        .withLabels(Ownership.environment(tenant.name(), env.name()))
        .endMetadata()
        .withNewSpec()
        .addNewLimit()
        .withType("Container")
        .withDefaultRequest(
            new TreeMap<>(
                Map.of(
                    "cpu", new Quantity(quota.defaultCpuRequest()),
                    "memory", new Quantity(quota.defaultMemoryRequest()),
                    "ephemeral-storage", new Quantity(DEFAULT_EPHEMERAL_REQUEST))))
        .withDefault(
            new TreeMap<>(
                Map.of(
                    "memory", new Quantity(quota.defaultMemoryLimit()),
                    "ephemeral-storage", new Quantity(DEFAULT_EPHEMERAL_LIMIT))))
        .endLimit()
        .endSpec()
        .build();
  }
}
