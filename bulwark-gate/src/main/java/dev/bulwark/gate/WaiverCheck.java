package dev.bulwark.gate;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.SecuritySpec;
import dev.bulwark.api.v1alpha1.SecuritySpec.EnvironmentSpec;
import dev.bulwark.spec.SpecCheck;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The loader's check of {@code spec.security}: every waiver's expiry is a real date and not in the
 * past (an expired waiver must be renewed with a new reason or removed, not left to rot), and
 * per-environment overrides name the application's environments once each. The schema already
 * requires id, reason, owner and expires.
 */
public final class WaiverCheck implements SpecCheck {

  private final Clock clock;

  /** The check on today's date (UTC), as the loader finds it through ServiceLoader. */
  public WaiverCheck() {
    this(Clock.systemUTC());
  }

  public WaiverCheck(Clock clock) {
    this.clock = clock;
  }

  @Override
  public List<Finding> check(BulwarkSpec spec) {
    LocalDate today = LocalDate.now(clock);
    List<Finding> findings = new ArrayList<>();
    for (Application app : spec.applications()) {
      SecuritySpec security = app.getSpec().getSecurity();
      if (security != null) {
        waivers(app, security, today, findings);
        overrides(app, security, findings);
      }
    }
    return findings;
  }

  private static void waivers(
      Application app, SecuritySpec security, LocalDate today, List<Finding> findings) {
    String name = app.getMetadata().getName();
    for (int i = 0; i < security.getWaivers().size(); i++) {
      String at = "spec.security.waivers[" + i + "].expires";
      String expires = security.getWaivers().get(i).getExpires();
      try {
        LocalDate day = LocalDate.parse(expires);
        if (day.isBefore(today)) {
          findings.add(
              new Finding(
                  "Application",
                  name,
                  at,
                  "waiver "
                      + security.getWaivers().get(i).getId()
                      + " expired on "
                      + expires
                      + "; renew it with a new expiry and reason, or remove it and fix the finding"));
        }
      } catch (DateTimeException e) {
        findings.add(
            new Finding(
                "Application", name, at, "expected a date (YYYY-MM-DD), found `" + expires + "`"));
      }
    }
  }

  private static void overrides(Application app, SecuritySpec security, List<Finding> findings) {
    Set<String> seen = new HashSet<>();
    List<String> environments =
        app.getSpec().getEnvironments().stream().map(e -> e.getName()).toList();
    for (int i = 0; i < security.getEnvironments().size(); i++) {
      EnvironmentSpec env = security.getEnvironments().get(i);
      String at = "spec.security.environments[" + i + "].name";
      if (!seen.add(env.getName())) {
        findings.add(
            new Finding(
                "Application",
                app.getMetadata().getName(),
                at,
                "duplicate environment `" + env.getName() + "`"));
      } else if (!environments.isEmpty() && !environments.contains(env.getName())) {
        findings.add(
            new Finding(
                "Application",
                app.getMetadata().getName(),
                at,
                "the application does not run in environment `"
                    + env.getName()
                    + "`; expected one of its spec.environments: "
                    + String.join(", ", environments)));
      }
    }
  }
}
