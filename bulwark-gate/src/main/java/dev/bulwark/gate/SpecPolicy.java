package dev.bulwark.gate;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.SecuritySpec;
import dev.bulwark.api.v1alpha1.SecuritySpec.EnvironmentSpec;
import dev.bulwark.api.v1alpha1.SecuritySpec.WaiverSpec;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.api.v1alpha1.TenantSpec;
import dev.bulwark.catalog.LicensePolicy;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The gate's policy for one application and environment, read from a loaded spec: the application's
 * {@code spec.security} with the environment's overrides, and the platform's licence allow-list
 * ({@code spec.licenses.allow}, or the catalogue's default).
 */
public final class SpecPolicy {

  private SpecPolicy() {}

  /**
   * The policy; throws {@link IllegalArgumentException} when the application or environment does
   * not exist.
   *
   * @param app the application's name, or {@code tenant/name} when the name is not unique
   */
  public static GatePolicy of(BulwarkSpec spec, String app, String environment, LocalDate today) {
    Application application = application(spec, app);
    String tenant = application.getSpec().getTenant();
    Tenant owner =
        spec.tenant(tenant)
            .orElseThrow(() -> new IllegalArgumentException("unknown tenant `" + tenant + "`"));
    List<String> environments = environments(application, owner);
    if (!environments.contains(environment)) {
      throw new IllegalArgumentException(
          "application "
              + tenant
              + "/"
              + application.getMetadata().getName()
              + " has no environment `"
              + environment
              + "`; expected one of "
              + String.join(", ", environments));
    }
    SecuritySpec security =
        Objects.requireNonNullElseGet(application.getSpec().getSecurity(), SecuritySpec::new);
    Optional<EnvironmentSpec> override =
        security.getEnvironments().stream()
            .filter(e -> e.getName().equals(environment))
            .findFirst();
    String failOn = override.map(EnvironmentSpec::getFailOn).orElse(security.getFailOn());
    Boolean signature =
        override.map(EnvironmentSpec::getRequireSignature).orElse(security.getRequireSignature());
    return new GatePolicy(
        tenant + "/" + application.getMetadata().getName(),
        environment,
        Severity.parse(Objects.requireNonNullElse(failOn, "high")),
        Boolean.TRUE.equals(signature),
        // the first environment is where a release starts: its DAST runs before the next one
        security.requiresDast(environment) && !environment.equals(environments.get(0)),
        LicensePolicy.of(spec.platform().getSpec()).allowed(),
        waivers(security),
        today);
  }

  /** The namespace of the application's environment, where its PolicyReports go. */
  public static String namespace(BulwarkSpec spec, GatePolicy policy) {
    String tenant = policy.application().substring(0, policy.application().indexOf('/'));
    return spec.tenant(tenant).orElseThrow().getSpec().getEnvironments().stream()
        .filter(e -> e.getName().equals(policy.environment()))
        .findFirst()
        .map(e -> e.namespaceIn(tenant))
        .orElseThrow();
  }

  private static Application application(BulwarkSpec spec, String app) {
    List<Application> matches =
        spec.applications().stream()
            .filter(
                a ->
                    a.getMetadata().getName().equals(app)
                        || (a.getSpec().getTenant() + "/" + a.getMetadata().getName()).equals(app))
            .toList();
    if (matches.size() == 1) {
      return matches.get(0);
    }
    List<String> known =
        spec.applications().stream()
            .map(a -> a.getSpec().getTenant() + "/" + a.getMetadata().getName())
            .sorted()
            .toList();
    throw new IllegalArgumentException(
        matches.isEmpty()
            ? "no application `"
                + app
                + "` in the spec; expected one of "
                + (known.isEmpty() ? "(none)" : String.join(", ", known))
            : "application name `" + app + "` is in several tenants; give it as tenant/name");
  }

  private static List<String> environments(Application application, Tenant tenant) {
    List<String> names = new ArrayList<>();
    application.getSpec().getEnvironments().forEach(e -> names.add(e.getName()));
    if (names.isEmpty()) {
      tenant.getSpec().getEnvironments().stream()
          .map(TenantSpec.EnvironmentSpec::getName)
          .forEach(names::add);
    }
    return names;
  }

  private static List<Waiver> waivers(SecuritySpec security) {
    List<Waiver> waivers = new ArrayList<>();
    for (WaiverSpec w : security.getWaivers()) {
      waivers.add(
          new Waiver(
              w.getId(),
              w.getReason(),
              w.getOwner(),
              LocalDate.parse(w.getExpires()),
              w.getComponent()));
    }
    return waivers;
  }
}
