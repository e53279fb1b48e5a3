package dev.bulwark.scorecard;

import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.ObjectKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What was seen of a platform: everything a judge may look at, and nothing it must fetch itself.
 *
 * @param source offline (a rendered spec) or live (a cluster)
 * @param tenant the tenant to judge, or empty for the whole platform
 * @param desired the objects the spec renders: what each essential expects to find
 * @param live the objects found in the cluster by key; empty offline
 * @param policyResults the results of the PolicyReports found (gate evidence, policy audits); empty
 *     offline
 * @param spec facts about the spec itself
 * @param now the clock reading of the observation, so that judging stays pure
 */
public record Observation(
    Source source,
    String tenant,
    List<DesiredObject> desired,
    Map<ObjectKey, Seen> live,
    List<PolicyResult> policyResults,
    SpecFacts spec,
    Instant now) {

  /** Where an observation comes from. */
  public enum Source {
    OFFLINE,
    LIVE;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The tenant's name of platform-wide objects ({@link DesiredObject#tenant()}). */
  static final String PLATFORM = "platform";

  public Observation {
    tenant = tenant == null ? "" : tenant;
    desired = List.copyOf(desired);
    live = Map.copyOf(live);
    policyResults = List.copyOf(policyResults);
  }

  /** The same observation judged for one tenant (or, with an empty name, the whole platform). */
  public Observation withTenant(String name) {
    return new Observation(source, name, desired, live, policyResults, spec, now);
  }

  /** The desired objects in scope: all, or the tenant's and the platform-wide ones. */
  public List<DesiredObject> inScope() {
    return tenant.isEmpty()
        ? desired
        : desired.stream()
            .filter(o -> o.tenant().equals(tenant) || o.tenant().equals(PLATFORM))
            .toList();
  }

  /** The policy results in scope: all, or those labelled with the tenant. */
  public List<PolicyResult> policyResultsInScope() {
    return tenant.isEmpty()
        ? policyResults
        : policyResults.stream().filter(r -> r.tenant().equals(tenant)).toList();
  }

  /**
   * One object found in the cluster.
   *
   * @param key its identity
   * @param ready the status of its Ready condition ({@code True}, {@code False}, {@code Unknown}),
   *     or empty when it has none
   * @param reason the Ready condition's reason and message, or empty
   * @param facts what a judge may read besides: {@code notAfter} of a Certificate, {@code
   *     lastSuccessfulBackup} of a CloudNativePG Cluster
   */
  public record Seen(ObjectKey key, String ready, String reason, Map<String, String> facts) {

    public Seen {
      ready = ready == null ? "" : ready;
      reason = reason == null ? "" : reason;
      facts = Map.copyOf(facts);
    }
  }

  /**
   * One result of a PolicyReport ({@code wgpolicyk8s.io/v1alpha2}).
   *
   * @param report the report, {@code namespace/name}
   * @param tenant the report's {@code bulwark.dev/tenant} label, or empty
   * @param policy the policy that produced it ({@code bulwark-gate} for gate decisions)
   * @param category the finding's category: vulnerability, code, secret, dast, licence, signature,
   *     ...
   * @param result pass, fail, warn, error or skip
   * @param severity the finding's severity, or empty
   * @param message what the result says
   */
  public record PolicyResult(
      String report,
      String tenant,
      String policy,
      String category,
      String result,
      String severity,
      String message) {}

  /**
   * Facts about the spec rather than its objects.
   *
   * @param kubernetesVersion the Kubernetes minor the platform pins, or empty
   * @param licencePolicy where the licence policy comes from (the spec or the default)
   * @param flaggedLicences components whose licence the policy does not accept, {@code name:
   *     expression}
   */
  public record SpecFacts(
      String kubernetesVersion, String licencePolicy, List<String> flaggedLicences) {

    public SpecFacts {
      kubernetesVersion = kubernetesVersion == null ? "" : kubernetesVersion;
      flaggedLicences = List.copyOf(flaggedLicences);
    }
  }
}
