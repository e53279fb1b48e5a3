package dev.bulwark.spec;

import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.api.v1alpha1.TenantSpec;
import dev.bulwark.spec.DocumentChecker.Checked;
import dev.bulwark.spec.SpecIndex.Located;
import dev.bulwark.spec.schema.FieldPath;
import dev.bulwark.yaml.Location;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks across documents about the Platform and the Tenants: exactly one Platform, unique tenant
 * names, unique environments, environment namespaces that are neither reserved nor shared, and
 * egress CIDRs that parse.
 */
final class TenantChecks {

  /** Where a namespace was claimed, to name the first claimant in a clash. */
  private record Claim(String tenant, String environment, Location location) {}

  private final SpecIndex index;
  private final Problems problems;

  TenantChecks(SpecIndex index, Problems problems) {
    this.index = index;
    this.problems = problems;
  }

  void run() {
    platformCount();
    for (Checked duplicate : index.duplicateTenants) {
      Checked first = index.tenantsByName.get(duplicate.name());
      problems.at(
          duplicate.doc(),
          FieldPath.of("metadata", "name"),
          "duplicate Tenant `"
              + duplicate.name()
              + "`: tenant names are unique, and one is already defined at "
              + first.doc().start());
    }
    Map<String, Claim> namespaces = new HashMap<>();
    for (Located<Tenant> tenant : index.tenants) {
      environments(tenant, namespaces);
    }
  }

  private void platformCount() {
    if (index.platforms.isEmpty() && index.complete) {
      problems.add(
          SpecError.global(
              "no Platform: a spec needs exactly one document of kind Platform ("
                  + BulwarkCrds.API_VERSION
                  + ")"));
      return;
    }
    if (index.platforms.isEmpty()) {
      return;
    }
    Checked first = index.platforms.get(0);
    for (Checked extra : index.platforms.subList(1, index.platforms.size())) {
      problems.at(
          extra.doc(),
          FieldPath.root(),
          "a second Platform"
              + named(extra)
              + ": a spec has exactly one Platform, and"
              + named(first)
              + " is defined at "
              + first.doc().start());
    }
  }

  private static String named(Checked platform) {
    return platform.name() == null ? "" : " `" + platform.name() + "`";
  }

  private void environments(Located<Tenant> tenant, Map<String, Claim> namespaces) {
    Located<Platform> platform = index.platform();
    for (SpecCheck.Finding finding :
        TenantRules.check(tenant.object(), platform == null ? null : platform.object())) {
      problems.at(
          tenant.doc(),
          new FieldPath(SpecChecks.pointer(finding.fieldPath()), finding.fieldPath()),
          finding.message());
    }
    claims(tenant, namespaces, platform == null ? null : platform.object());
  }

  /** Namespaces are not shared between environments: the first claimant keeps one. */
  private void claims(Located<Tenant> tenant, Map<String, Claim> namespaces, Platform platform) {
    String name = tenant.object().getMetadata().getName();
    List<TenantSpec.EnvironmentSpec> environments = tenant.object().getSpec().getEnvironments();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < environments.size(); i++) {
      TenantSpec.EnvironmentSpec env = environments.get(i);
      String namespace = EnvironmentNamespaces.of(name, env);
      if (!seen.add(env.getName()) || TenantRules.reservedReason(namespace, platform) != null) {
        continue; // TenantRules reported it
      }
      FieldPath at = FieldPath.of("spec", "environments").index(i);
      FieldPath namespaceAt = env.getNamespace() != null ? at.key("namespace") : at.key("name");
      String what =
          env.getNamespace() != null
              ? "namespace `" + namespace + "`"
              : "the environment's namespace `"
                  + namespace
                  + "` (<tenant>-<environment>; set spec.environments["
                  + i
                  + "].namespace to choose another)";
      Location location = tenant.doc().locate(namespaceAt.pointer());
      Claim claim = namespaces.putIfAbsent(namespace, new Claim(name, env.getName(), location));
      if (claim != null) {
        problems.at(
            tenant.doc(),
            namespaceAt,
            what
                + " is already the namespace of tenant `"
                + claim.tenant()
                + "` environment `"
                + claim.environment()
                + "` at "
                + claim.location());
      }
    }
  }
}
