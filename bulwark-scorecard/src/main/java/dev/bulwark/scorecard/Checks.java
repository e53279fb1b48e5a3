package dev.bulwark.scorecard;

import dev.bulwark.render.DesiredObject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The checks carrier judges read besides presence. */
final class Checks {

  /** A certificate closer to its expiry than this is worth a look: cert-manager renews at 30. */
  static final Duration EXPIRY_WARNING = Duration.ofDays(14);

  private Checks() {}

  /** Each Certificate's {@code status.notAfter}: not issued, expired or near expiry is partial. */
  static Check certificateExpiry() {
    return new Check(
        Status.PARTIAL,
        (observation, carriers) -> {
          List<Evidence> evidence = new ArrayList<>();
          for (DesiredObject carrier : carriers) {
            if (!carrier.key().kind().equals("Certificate")) {
              continue;
            }
            String ref = CarrierJudge.ref(carrier.key());
            String notAfter = observation.live().get(carrier.key()).facts().get("notAfter");
            evidence.add(expiry(ref, notAfter, observation.now()));
          }
          return evidence;
        });
  }

  private static Evidence expiry(String ref, String notAfter, Instant now) {
    if (notAfter == null) {
      return Evidence.notOk(ref, "not issued yet (no status.notAfter)");
    }
    try {
      Instant end = Instant.parse(notAfter);
      if (end.isBefore(now)) {
        return Evidence.notOk(ref, "expired at " + notAfter);
      }
      long days = Duration.between(now, end).toDays();
      return days < EXPIRY_WARNING.toDays()
          ? Evidence.notOk(ref, "expires in " + days + " days (" + notAfter + ")")
          : Evidence.ok(ref, "valid until " + notAfter);
    } catch (DateTimeParseException e) {
      return Evidence.notOk(ref, "unreadable status.notAfter: " + notAfter);
    }
  }

  /** Each CloudNativePG Cluster in scope: its last successful backup, or that it has none. */
  static Check lastSuccessfulBackup() {
    return new Check(
        Status.PARTIAL,
        (observation, carriers) -> {
          List<Evidence> evidence = new ArrayList<>();
          for (DesiredObject object : observation.inScope()) {
            if (!object.key().kind().equals("Cluster")
                || !object.key().group().equals("postgresql.cnpg.io")) {
              continue;
            }
            Observation.Seen seen = observation.live().get(object.key());
            String last = seen == null ? null : seen.facts().get("lastSuccessfulBackup");
            String ref = CarrierJudge.ref(object.key());
            evidence.add(
                last == null
                    ? Evidence.notOk(ref, "no successful backup recorded")
                    : Evidence.ok(ref, "last successful backup " + last));
          }
          return evidence;
        });
  }

  /**
   * The PolicyReport results in scope of the given categories (any when empty) and policy filter:
   * each failed one is evidence against, the passes are counted.
   */
  static Check policyResults(Status whenNotOk, boolean gate, Set<String> categories) {
    return new Check(whenNotOk, (observation, carriers) -> results(observation, gate, categories));
  }

  static List<Evidence> results(Observation observation, boolean gate, Set<String> categories) {
    List<Evidence> evidence = new ArrayList<>();
    long passed = 0;
    for (Observation.PolicyResult r : observation.policyResultsInScope()) {
      boolean fromGate = r.policy().equals(GateEvidenceJudge.GATE_POLICY);
      if (fromGate != gate || !(categories.isEmpty() || categories.contains(r.category()))) {
        continue;
      }
      if (r.result().equals("fail") || r.result().equals("error")) {
        evidence.add(
            Evidence.notOk(
                "PolicyReport " + r.report(),
                r.result()
                    + (r.severity().isEmpty() ? "" : " (" + r.severity() + ")")
                    + ": "
                    + r.message()));
      } else {
        passed++;
      }
    }
    if (passed > 0) {
      evidence.add(Evidence.ok("PolicyReports", passed + " results pass, warn or skip"));
    }
    return evidence;
  }
}
