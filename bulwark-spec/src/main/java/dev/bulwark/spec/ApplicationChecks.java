package dev.bulwark.spec;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec;
import dev.bulwark.api.v1alpha1.ApplicationSpec.HostSpec;
import dev.bulwark.api.v1alpha1.ApplicationSpec.PortSpec;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.api.v1alpha1.TenantSpec;
import dev.bulwark.spec.SpecIndex.Located;
import dev.bulwark.spec.schema.FieldPath;
import dev.bulwark.spec.schema.Suggestions;
import dev.bulwark.yaml.Location;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks across documents about Applications: unique per tenant, a tenant that exists, its
 * namespace and environments among the tenant's, ports unique, and hosts under the platform's
 * domain, routed to a declared port and environment, each host and path claimed once.
 */
final class ApplicationChecks {

  private static final FieldPath SPEC = FieldPath.of("spec");

  /** Where a host and path was claimed first. */
  private record Claim(String application, Location location) {}

  private final SpecIndex index;
  private final Problems problems;
  private final Map<String, Claim> hosts = new HashMap<>();
  private final Map<String, Location> names = new HashMap<>();

  ApplicationChecks(SpecIndex index, Problems problems) {
    this.index = index;
    this.problems = problems;
  }

  void run() {
    for (Located<Application> app : index.applications) {
      check(app);
    }
  }

  private void check(Located<Application> app) {
    ApplicationSpec spec = app.object().getSpec();
    String name = app.object().getMetadata().getName();
    Location previous =
        names.putIfAbsent(spec.getTenant() + "/" + name, app.doc().locate("/metadata/name"));
    if (previous != null) {
      problems.at(
          app.doc(),
          FieldPath.of("metadata", "name"),
          "duplicate Application `"
              + name
              + "` in tenant `"
              + spec.getTenant()
              + "`: one is already defined at "
              + previous);
    }
    Set<String> ports = ports(app);
    Located<Tenant> tenant = tenant(app);
    Set<String> environments = tenant == null ? null : environmentsOf(tenant.object());
    if (tenant != null) {
      namespace(app, tenant.object());
      appEnvironments(app);
    }
    for (SpecCheck.Finding finding :
        ApplicationRules.check(app.object(), tenant == null ? null : tenant.object())) {
      problems.at(
          app.doc(),
          new FieldPath(SpecChecks.pointer(finding.fieldPath()), finding.fieldPath()),
          finding.message());
    }
    hosts(app, ports, environments);
    noPromotionIntoTheFirst(app);
  }

  /** Nothing comes before the first environment, so nothing can be promoted into it. */
  private void noPromotionIntoTheFirst(Located<Application> app) {
    List<ApplicationSpec.AppEnvironmentSpec> environments =
        app.object().getSpec().getEnvironments();
    if (!environments.isEmpty() && environments.get(0).getPromotion() != null) {
      problems.at(
          app.doc(),
          SPEC.key("environments").index(0).key("promotion"),
          "`"
              + environments.get(0).getName()
              + "` is the application's first environment: a release starts there, nothing is"
              + " promoted into it; remove promotion here and set it on a later environment");
    }
  }

  /** The application's tenant, or {@code null} (after an error if it does not exist at all). */
  private Located<Tenant> tenant(Located<Application> app) {
    String tenant = app.object().getSpec().getTenant();
    if (!index.tenantsByName.containsKey(tenant) && index.complete) {
      Set<String> known = new TreeSet<>(index.tenantsByName.keySet());
      problems.at(
          app.doc(),
          SPEC.key("tenant"),
          "unknown tenant `"
              + tenant
              + "`; expected "
              + (known.isEmpty()
                  ? "a Tenant of that name in the spec, but there are no tenants"
                  : "one of " + String.join(", ", known))
              + suggestion(tenant, known));
    }
    return index.tenant(tenant);
  }

  private void namespace(Located<Application> app, Tenant tenant) {
    String namespace = app.object().getMetadata().getNamespace();
    if (namespace == null) {
      return;
    }
    List<String> namespaces =
        tenant.getSpec().getEnvironments().stream()
            .map(env -> EnvironmentNamespaces.of(tenant.getMetadata().getName(), env))
            .distinct()
            .toList();
    if (!namespaces.contains(namespace)) {
      problems.at(
          app.doc(),
          FieldPath.of("metadata", "namespace"),
          "expected one of the namespaces of tenant `"
              + tenant.getMetadata().getName()
              + "` ("
              + String.join(", ", namespaces)
              + ") or none, found `"
              + namespace
              + "`");
    }
  }

  /** Duplicates only: {@link ApplicationRules} reports environments the tenant lacks. */
  private void appEnvironments(Located<Application> app) {
    List<ApplicationSpec.AppEnvironmentSpec> environments =
        app.object().getSpec().getEnvironments();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < environments.size(); i++) {
      String env = environments.get(i).getName();
      FieldPath at = SPEC.key("environments").index(i).key("name");
      Integer earlier = seen.putIfAbsent(env, i);
      if (earlier != null) {
        problems.at(
            app.doc(),
            at,
            "duplicate environment `"
                + env
                + "`: already listed at spec.environments["
                + earlier
                + "]");
      }
    }
  }

  private Set<String> ports(Located<Application> app) {
    List<PortSpec> ports = app.object().getSpec().getPorts();
    Set<String> names = new TreeSet<>();
    Map<Integer, Integer> numbers = new HashMap<>();
    for (int i = 0; i < ports.size(); i++) {
      PortSpec port = ports.get(i);
      FieldPath at = SPEC.key("ports").index(i);
      if (!names.add(port.getName())) {
        problems.at(app.doc(), at.key("name"), "duplicate port name `" + port.getName() + "`");
      }
      Integer earlier = numbers.putIfAbsent(port.getPort(), i);
      if (earlier != null) {
        problems.at(
            app.doc(),
            at.key("port"),
            "duplicate port "
                + port.getPort()
                + ": already declared at"
                + " spec.ports["
                + earlier
                + "]");
      }
    }
    return names;
  }

  /**
   * Checks every host; {@code tenantEnvironments} is null when the tenant is unknown or invalid.
   */
  private void hosts(Located<Application> app, Set<String> ports, Set<String> tenantEnvironments) {
    ApplicationSpec spec = app.object().getSpec();
    Set<String> appEnvironments = new TreeSet<>();
    spec.getEnvironments().forEach(e -> appEnvironments.add(e.getName()));
    for (int i = 0; i < spec.getHosts().size(); i++) {
      HostSpec host = spec.getHosts().get(i);
      FieldPath at = SPEC.key("hosts").index(i);
      if (ports.isEmpty()) {
        problems.at(app.doc(), at, "a host needs a port to route to, but spec.ports is empty");
      } else if (host.getPort() != null && !ports.contains(host.getPort())) {
        problems.at(
            app.doc(),
            at.key("port"),
            "no port named `"
                + host.getPort()
                + "` in spec.ports; expected one of "
                + String.join(", ", ports)
                + suggestion(host.getPort(), ports));
      }
      if (tenantEnvironments != null && !tenantEnvironments.contains(host.getEnvironment())) {
        problems.at(
            app.doc(),
            at.key("environment"),
            ApplicationRules.noSuchEnvironment(
                spec.getTenant(), host.getEnvironment(), tenantEnvironments));
      } else if (!appEnvironments.isEmpty() && !appEnvironments.contains(host.getEnvironment())) {
        problems.at(
            app.doc(),
            at.key("environment"),
            "the application does not run in environment `"
                + host.getEnvironment()
                + "`; expected one of its spec.environments: "
                + String.join(", ", appEnvironments));
      }
      domain(app, host, at);
      claim(app, host, at);
    }
  }

  private void domain(Located<Application> app, HostSpec host, FieldPath at) {
    Located<Platform> platform = index.platform();
    if (platform == null || platform.object().getSpec().getDomain() == null) {
      return;
    }
    String domain = platform.object().getSpec().getDomain();
    if (!host.getHost().endsWith("." + domain)) {
      problems.at(
          app.doc(),
          at.key("host"),
          "host `"
              + host.getHost()
              + "` is not under the platform's domain `"
              + domain
              + "`; expected a name ending in ."
              + domain);
    }
  }

  private void claim(Located<Application> app, HostSpec host, FieldPath at) {
    String path = Objects.requireNonNullElse(host.getPath(), "/");
    String key = host.getHost() + path;
    String application =
        app.object().getSpec().getTenant() + "/" + app.object().getMetadata().getName();
    Location location = app.doc().locate(at.key("host").pointer());
    Claim claim = hosts.putIfAbsent(key, new Claim(application, location));
    if (claim != null) {
      problems.at(
          app.doc(),
          at.key("host"),
          "host `"
              + host.getHost()
              + "` with path `"
              + path
              + "` is already claimed by Application "
              + claim.application()
              + " at "
              + claim.location());
    }
  }

  private static Set<String> environmentsOf(Tenant tenant) {
    Set<String> names = new TreeSet<>();
    for (TenantSpec.EnvironmentSpec env : tenant.getSpec().getEnvironments()) {
      names.add(env.getName());
    }
    return names;
  }

  private static String suggestion(String word, Set<String> candidates) {
    return Suggestions.closest(word, new ArrayList<>(candidates))
        .map(s -> "; did you mean `" + s + "`?")
        .orElse("");
  }
}
