package dev.bulwark.spec;

import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.api.v1alpha1.TenantSpec;
import dev.bulwark.spec.DocumentChecker.Checked;
import dev.bulwark.spec.SpecIndex.Located;
import dev.bulwark.spec.schema.FieldPath;
import dev.bulwark.spec.schema.IpAddresses;
import dev.bulwark.spec.schema.Values;
import dev.bulwark.yaml.Location;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
      problems.at(duplicate.doc(), FieldPath.of("metadata", "name"), "duplicate Tenant `" + duplicate.name()
          + "`: tenant names are unique, and one is already defined at " + first.doc().start());
    }
    Map<String, Claim> namespaces = new HashMap<>();
    for (Located<Tenant> tenant : index.tenants) {
      environments(tenant, namespaces);
      egress(tenant);
    }
  }

  private void platformCount() {
    if (index.platforms.isEmpty() && index.complete) {
      problems.add(SpecError.global("no Platform: a spec needs exactly one document of kind Platform ("
          + BulwarkCrds.API_VERSION + ")"));
      return;
    }
    if (index.platforms.isEmpty()) {
      return;
    }
    Checked first = index.platforms.get(0);
    for (Checked extra : index.platforms.subList(1, index.platforms.size())) {
      problems.at(extra.doc(), FieldPath.root(), "a second Platform" + named(extra)
          + ": a spec has exactly one Platform, and" + named(first) + " is defined at " + first.doc().start());
    }
  }

  private static String named(Checked platform) {
    return platform.name() == null ? "" : " `" + platform.name() + "`";
  }

  private void environments(Located<Tenant> tenant, Map<String, Claim> namespaces) {
    String name = tenant.object().getMetadata().getName();
    List<TenantSpec.EnvironmentSpec> environments = tenant.object().getSpec().getEnvironments();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < environments.size(); i++) {
      TenantSpec.EnvironmentSpec env = environments.get(i);
      FieldPath at = FieldPath.of("spec", "environments").index(i);
      Integer earlier = seen.putIfAbsent(env.getName(), i);
      if (earlier != null) {
        problems.at(tenant.doc(), at.key("name"), "duplicate environment `" + env.getName() + "`: already defined"
            + " at spec.environments[" + earlier + "]");
        continue;
      }
      String namespace = EnvironmentNamespaces.of(name, env);
      FieldPath namespaceAt = env.getNamespace() != null ? at.key("namespace") : at.key("name");
      String what = env.getNamespace() != null ? "namespace `" + namespace + "`"
          : "the environment's namespace `" + namespace + "` (<tenant>-<environment>; set spec.environments["
              + i + "].namespace to choose another)";
      String reserved = reservedReason(namespace);
      if (reserved != null) {
        problems.at(tenant.doc(), namespaceAt, what + " is reserved: " + reserved);
        continue;
      }
      Location location = tenant.doc().locate(namespaceAt.pointer());
      Claim claim = namespaces.putIfAbsent(namespace, new Claim(name, env.getName(), location));
      if (claim != null) {
        problems.at(tenant.doc(), namespaceAt, what + " is already the namespace of tenant `" + claim.tenant()
            + "` environment `" + claim.environment() + "` at " + claim.location());
      }
    }
  }

  /** Why a tenant may not use this namespace, or {@code null} if it may. */
  private String reservedReason(String namespace) {
    if (namespace.startsWith("kube-")) {
      return "kube-* namespaces belong to Kubernetes";
    }
    if (namespace.equals("default")) {
      return "it is Kubernetes' default namespace";
    }
    Located<Platform> platform = index.platform();
    if (platform != null) {
      PlatformSpec spec = platform.object().getSpec();
      String platformName = platform.object().getMetadata().getName();
      Map<String, String> system = Map.of(
          "namespace", Objects.requireNonNullElse(spec.getNamespace(), ""),
          "gatewayNamespace", Objects.requireNonNullElse(spec.getGatewayNamespace(), ""),
          "monitoringNamespace", Objects.requireNonNullElse(spec.getMonitoringNamespace(), ""));
      for (String field : List.of("namespace", "gatewayNamespace", "monitoringNamespace")) {
        if (namespace.equals(system.get(field))) {
          return "it is the platform's spec." + field + " (Platform `" + platformName + "`)";
        }
      }
    }
    if (namespace.startsWith("bulwark-")) {
      return "bulwark-* namespaces are reserved for the platform";
    }
    return null;
  }

  private void egress(Located<Tenant> tenant) {
    TenantSpec.NetworkSpec network = tenant.object().getSpec().getNetwork();
    if (network == null || network.getEgressCIDRs() == null) {
      return;
    }
    List<String> cidrs = network.getEgressCIDRs();
    for (int i = 0; i < cidrs.size(); i++) {
      String cidr = cidrs.get(i);
      FieldPath at = FieldPath.of("spec", "network", "egressCIDRs").index(i);
      var parsed = IpAddresses.parseCidr(cidr);
      if (parsed.isEmpty()) {
        problems.at(tenant.doc(), at, "expected a CIDR such as 203.0.113.0/24 or 2001:db8::/32, found "
            + Values.quote(cidr));
      } else if (!parsed.get().isNetworkAddress()) {
        problems.at(tenant.doc(), at, "expected a CIDR whose address is its network address (the bits after the"
            + " prefix zero), found " + Values.quote(cidr));
      }
    }
  }
}
