package dev.bulwark.spec;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec;
import dev.bulwark.api.v1alpha1.ApplicationSpec.HostSpec;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.Tenant;
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
 * namespace among the tenant's, and hosts under the platform's domain, each host and path claimed
 * once; then {@link ApplicationRules}, the checks of one Application the operator runs too.
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
    Located<Tenant> tenant = tenant(app);
    if (tenant != null) {
      namespace(app, tenant.object());
    }
    for (SpecCheck.Finding finding :
        ApplicationRules.check(app.object(), tenant == null ? null : tenant.object())) {
      problems.at(
          app.doc(),
          new FieldPath(SpecChecks.pointer(finding.fieldPath()), finding.fieldPath()),
          finding.message());
    }
    for (int i = 0; i < spec.getHosts().size(); i++) {
      FieldPath at = SPEC.key("hosts").index(i);
      domain(app, spec.getHosts().get(i), at);
      claim(app, spec.getHosts().get(i), at);
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

  private static String suggestion(String word, Set<String> candidates) {
    return Suggestions.closest(word, new ArrayList<>(candidates))
        .map(s -> "; did you mean `" + s + "`?")
        .orElse("");
  }
}
