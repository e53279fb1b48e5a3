package dev.bulwark.render.tenancy;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.render.Ownership;
import dev.bulwark.render.model.EnvironmentModel;
import dev.bulwark.render.model.TenantModel;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.Map;
import java.util.TreeMap;

/**
 * The namespace of a tenant environment, with Pod Security Admission at the tenant's level and,
 * when its applications ask for it, the label that binds it to the image signature check.
 */
final class TenantNamespace {

  static final String PSA = "pod-security.kubernetes.io/";

  private TenantNamespace() {}

  static Namespace namespace(TenantModel tenant, EnvironmentModel env) {
    Map<String, String> labels = Ownership.environment(tenant.name(), env.name());
    for (String mode : new String[] {"enforce", "audit", "warn"}) {
      labels.put(PSA + mode, env.policyLevel().label());
      labels.put(PSA + mode + "-version", "latest");
    }
    if (env.production()) {
      labels.put(BulwarkLabels.PRODUCTION, "true");
    }
    SignatureRequirement.of(tenant, env)
        .ifPresent(required -> labels.put(SignatureRequirement.LABEL, required.value()));
    Map<String, String> annotations = new TreeMap<>();
    annotations.put("bulwark.dev/display-name", tenant.displayName());
    if (!tenant.owners().isEmpty()) {
      annotations.put("bulwark.dev/owners", String.join(",", tenant.owners()));
    }
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(env.namespace())
        .withLabels(labels)
        .withAnnotations(annotations)
        .endMetadata()
        .build();
  }
}
