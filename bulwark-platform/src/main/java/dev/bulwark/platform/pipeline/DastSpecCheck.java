package dev.bulwark.platform.pipeline;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec.AppEnvironmentSpec;
import dev.bulwark.api.v1alpha1.ApplicationSpec.HostSpec;
import dev.bulwark.api.v1alpha1.BuildSpec;
import dev.bulwark.api.v1alpha1.SecuritySpec;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.api.v1alpha1.TenantSpec.EnvironmentSpec;
import dev.bulwark.platform.stack.TenantCi;
import dev.bulwark.spec.SpecCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * DAST requirements the platform cannot act on (ADR 0050), rejected at load time: one on the first
 * environment, where a release starts and nothing runs yet to scan; one on an application the
 * platform's pipeline does not build, whose promotions would wait for a scan nobody starts; one
 * with nothing to scan; and a {@code dastTarget} that is not an HTTP(S) URL, or that would be used
 * for the scans of several environments.
 */
public final class DastSpecCheck implements SpecCheck {

  private static final String APPLICATION = "Application";

  /** An absolute HTTP(S) URL: scheme, host (a name or an IPv4 address), port and path optional. */
  private static final Pattern HTTP_URL =
      Pattern.compile("^https?://[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?(/\\S*)?$");

  @Override
  public List<Finding> check(BulwarkSpec spec) {
    List<Finding> findings = new ArrayList<>();
    for (Application app : spec.applications()) {
      SecuritySpec security = app.getSpec().getSecurity();
      Optional<Tenant> tenant = spec.tenant(app.getSpec().getTenant());
      if (security == null || tenant.isEmpty()) {
        continue;
      }
      check(app, security, environments(app, tenant.get()), findings);
    }
    return findings;
  }

  private static void check(
      Application app, SecuritySpec security, List<String> environments, List<Finding> findings) {
    String name = app.getMetadata().getName();
    for (int i = 0; i < security.getEnvironments().size(); i++) {
      SecuritySpec.EnvironmentSpec own = security.getEnvironments().get(i);
      if (!environments.isEmpty()
          && environments.get(0).equals(own.getName())
          && Boolean.TRUE.equals(own.getRequireDast())) {
        findings.add(
            new Finding(
                APPLICATION,
                name,
                "spec.security.environments[" + i + "].requireDast",
                "`"
                    + own.getName()
                    + "` is the application's first environment, where a release starts: nothing"
                    + " runs there yet to scan. Require DAST on the environment after it; its scan"
                    + " targets this one"));
      }
    }
    List<String> scanned = new ArrayList<>();
    for (int i = 1; i < environments.size(); i++) {
      if (security.requiresDast(environments.get(i))) {
        scanned.add(environments.get(i - 1));
      }
    }
    if (scanned.isEmpty()) {
      target(security).ifPresent(problem -> findings.add(finding(name, problem)));
      return;
    }
    if (TenantCi.ciOf(app) != BuildSpec.Ci.TEKTON) {
      findings.add(
          new Finding(
              APPLICATION,
              name,
              "spec.security.requireDast",
              "a DAST scan before "
                  + String.join(", ", next(environments, scanned))
                  + " runs in the platform's pipelines: it needs spec.build.ci: tekton (an"
                  + " application built elsewhere runs ZAP in its own CI and gives its report to"
                  + " bulwark gate with --dast)"));
      return;
    }
    if (security.getDastTarget() != null) {
      target(security).ifPresent(problem -> findings.add(finding(name, problem)));
      if (scanned.size() > 1) {
        findings.add(
            finding(
                name,
                "names one URL, but scans run in "
                    + String.join(" and ", scanned)
                    + ": route a host to each of them (spec.hosts) and leave dastTarget unset"));
      }
      return;
    }
    for (String environment : scanned) {
      if (!hasHost(app, environment)) {
        findings.add(
            finding(
                name,
                "a DAST scan of `"
                    + environment
                    + "` needs its URL: route a host to it (spec.hosts) or set"
                    + " spec.security.dastTarget"));
      }
    }
  }

  private static Finding finding(String app, String message) {
    return new Finding(APPLICATION, app, "spec.security.dastTarget", message);
  }

  /** What is wrong with {@code dastTarget}, if anything: it must be an absolute HTTP(S) URL. */
  private static Optional<String> target(SecuritySpec security) {
    String target = security.getDastTarget();
    if (target == null || HTTP_URL.matcher(target).matches()) {
      return Optional.empty();
    }
    return Optional.of(
        "expected an absolute http:// or https:// URL with a host, found `" + target + "`");
  }

  private static boolean hasHost(Application app, String environment) {
    List<HostSpec> hosts = app.getSpec().getHosts();
    return hosts != null && hosts.stream().anyMatch(h -> environment.equals(h.getEnvironment()));
  }

  /** The environments after each scanned one: those whose releases wait for the scans. */
  private static List<String> next(List<String> environments, List<String> scanned) {
    return scanned.stream().map(e -> environments.get(environments.indexOf(e) + 1)).toList();
  }

  /** The application's environments in promotion order: those it names, or its tenant's. */
  static List<String> environments(Application app, Tenant tenant) {
    List<AppEnvironmentSpec> listed = app.getSpec().getEnvironments();
    return listed == null || listed.isEmpty()
        ? tenant.getSpec().getEnvironments().stream().map(EnvironmentSpec::getName).toList()
        : listed.stream().map(AppEnvironmentSpec::getName).toList();
  }
}
