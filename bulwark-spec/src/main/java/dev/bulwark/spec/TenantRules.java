package dev.bulwark.spec;

import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.api.v1alpha1.TenantSpec;
import dev.bulwark.spec.SpecCheck.Finding;
import dev.bulwark.spec.schema.IpAddresses;
import dev.bulwark.spec.schema.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The checks of one Tenant against the Platform, without file positions: unique environments,
 * environment namespaces that are not reserved, and egress CIDRs that parse. The CLI loader places
 * the findings at their file and line; the operator reports them in an {@code InvalidSpec}
 * condition. Both run this one code, so they cannot disagree.
 */
public final class TenantRules {

  private TenantRules() {}

  /** Every problem of {@code tenant}; {@code platform} may be null when there is none yet. */
  public static List<Finding> check(Tenant tenant, Platform platform) {
    List<Finding> findings = new ArrayList<>();
    String name = tenant.getMetadata().getName();
    List<TenantSpec.EnvironmentSpec> environments = tenant.getSpec().getEnvironments();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < environments.size(); i++) {
      TenantSpec.EnvironmentSpec env = environments.get(i);
      String at = "spec.environments[" + i + "]";
      Integer earlier = seen.putIfAbsent(env.getName(), i);
      if (earlier != null) {
        findings.add(
            new Finding(
                "Tenant",
                name,
                at + ".name",
                "duplicate environment `"
                    + env.getName()
                    + "`: already defined at spec.environments["
                    + earlier
                    + "]"));
        continue;
      }
      String namespace = EnvironmentNamespaces.of(name, env);
      String reserved = reservedReason(namespace, platform);
      if (reserved != null) {
        String what =
            env.getNamespace() != null
                ? "namespace `" + namespace + "`"
                : "the environment's namespace `"
                    + namespace
                    + "` (<tenant>-<environment>; set spec.environments["
                    + i
                    + "].namespace to choose another)";
        findings.add(
            new Finding(
                "Tenant",
                name,
                at + (env.getNamespace() != null ? ".namespace" : ".name"),
                what + " is reserved: " + reserved));
      }
    }
    egress(tenant, findings);
    return findings;
  }

  /** Why a tenant may not use this namespace, or {@code null} if it may. */
  public static String reservedReason(String namespace, Platform platform) {
    if (namespace.startsWith("kube-")) {
      return "kube-* namespaces belong to Kubernetes";
    }
    if (namespace.equals("default")) {
      return "it is Kubernetes' default namespace";
    }
    if (platform != null && platform.getSpec() != null) {
      PlatformSpec spec = platform.getSpec();
      Map<String, String> system =
          Map.of(
              "namespace", Objects.requireNonNullElse(spec.getNamespace(), ""),
              "gatewayNamespace", Objects.requireNonNullElse(spec.getGatewayNamespace(), ""),
              "monitoringNamespace", Objects.requireNonNullElse(spec.getMonitoringNamespace(), ""));
      for (String field : List.of("namespace", "gatewayNamespace", "monitoringNamespace")) {
        if (namespace.equals(system.get(field))) {
          return "it is the platform's spec."
              + field
              + " (Platform `"
              + platform.getMetadata().getName()
              + "`)";
        }
      }
    }
    if (namespace.startsWith("bulwark-")) {
      return "bulwark-* namespaces are reserved for the platform";
    }
    return null;
  }

  private static void egress(Tenant tenant, List<Finding> findings) {
    TenantSpec.NetworkSpec network = tenant.getSpec().getNetwork();
    if (network == null || network.getEgressCIDRs() == null) {
      return;
    }
    List<String> cidrs = network.getEgressCIDRs();
    for (int i = 0; i < cidrs.size(); i++) {
      String cidr = cidrs.get(i);
      String at = "spec.network.egressCIDRs[" + i + "]";
      var parsed = IpAddresses.parseCidr(cidr);
      if (parsed.isEmpty()) {
        findings.add(
            new Finding(
                "Tenant",
                tenant.getMetadata().getName(),
                at,
                "expected a CIDR such as 203.0.113.0/24 or 2001:db8::/32, found "
                    + Values.quote(cidr)));
      } else if (!parsed.get().isNetworkAddress()) {
        findings.add(
            new Finding(
                "Tenant",
                tenant.getMetadata().getName(),
                at,
                "expected a CIDR whose address is"
                    + " its network address (the bits after the prefix zero), found "
                    + Values.quote(cidr)));
      }
    }
  }
}
