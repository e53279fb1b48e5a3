package dev.bulwark.scorecard;

import static dev.bulwark.scorecard.Category.APPLICATION_LIFECYCLE;
import static dev.bulwark.scorecard.Category.INFRASTRUCTURE;
import static dev.bulwark.scorecard.Category.OBSERVABILITY;
import static dev.bulwark.scorecard.Category.SECURITY;

import java.util.List;
import java.util.Set;

/** The essentials Bulwark covers and the judge of each (ADR 0031). */
public final class Essentials {

  private static final Set<String> ANY = Set.of();

  /** Every judge, in the order a scorecard lists its lines. */
  public static final List<Judge> JUDGES =
      List.of(
          carrier(
              "ingress",
              INFRASTRUCTURE,
              "Ingress",
              Set.of("gateway", "routing"),
              Set.of("Gateway", "GatewayClass", "HTTPRoute"),
              "enable components.gateway"),
          carrier("dns", INFRASTRUCTURE, "DNS", Set.of("dns"), ANY, "enable components.dns"),
          carrier(
              "tls",
              INFRASTRUCTURE,
              "TLS",
              Set.of("certificates", "gateway"),
              Set.of("ClusterIssuer", "Certificate"),
              "enable components.certificates",
              Checks.certificateExpiry()),
          carrier(
              "storage",
              INFRASTRUCTURE,
              "Storage",
              Set.of("storage"),
              ANY,
              "enable components.storage"),
          carrier(
              "database",
              INFRASTRUCTURE,
              "Database",
              Set.of("database"),
              ANY,
              "enable components.database"),
          carrier(
              "backups",
              INFRASTRUCTURE,
              "Backups",
              Set.of("backup"),
              ANY,
              "enable components.backup",
              Checks.lastSuccessfulBackup()),
          SpecFactJudges.upgrades(essential("upgrades", INFRASTRUCTURE, "Upgrades")),
          SpecFactJudges.licences(essential("licences", INFRASTRUCTURE, "Licences")),
          carrier(
              "gitops",
              APPLICATION_LIFECYCLE,
              "GitOps",
              Set.of("gitops"),
              ANY,
              "enable components.gitops with its repoURL"),
          carrier(
              "ci-cd",
              APPLICATION_LIFECYCLE,
              "CI/CD",
              Set.of("ci", "pipeline"),
              ANY,
              "enable components.ci and give applications a pipeline"),
          carrier(
              "artifact-repository",
              APPLICATION_LIFECYCLE,
              "Artifact repository",
              Set.of("registry"),
              ANY,
              "enable components.registry"),
          carrier(
              "secrets",
              APPLICATION_LIFECYCLE,
              "Secrets",
              Set.of("secrets"),
              ANY,
              "enable components.secrets"),
          carrier("logs", OBSERVABILITY, "Logs", Set.of("logs"), ANY, "enable components.logs"),
          carrier(
              "metrics",
              OBSERVABILITY,
              "Metrics",
              Set.of("metrics"),
              ANY,
              "enable components.metrics"),
          carrier(
              "traces", OBSERVABILITY, "Traces", Set.of("traces"), ANY, "enable components.traces"),
          carrier(
              "identity",
              SECURITY,
              "Identity",
              Set.of("identity"),
              ANY,
              "set spec.identity and enable components.identity"),
          carrier(
              "rbac",
              SECURITY,
              "RBAC",
              Set.of("tenancy"),
              Set.of("Role", "RoleBinding"),
              "declare tenants: each environment gets its roles"),
          carrier(
              "admission-policies",
              SECURITY,
              "Admission policies",
              Set.of("policy", "admission"),
              ANY,
              "set spec.policy.level",
              Checks.policyResults(Status.PARTIAL, false, ANY)),
          carrier(
              "network-policies",
              SECURITY,
              "Network policies",
              Set.of("tenancy"),
              Set.of("NetworkPolicy"),
              "declare tenants: each environment gets a default deny"),
          carrier(
              "image-scanning",
              SECURITY,
              "Image and SCA scanning",
              Set.of("scanning"),
              ANY,
              "enable components.scanning",
              Checks.policyResults(Status.FAILING, true, Set.of("vulnerability", "licence"))),
          new GateEvidenceJudge(
              essential("sast", SECURITY, "SAST"),
              Set.of("code", "secret"),
              "feed SARIF of a static analyser to bulwark gate in the pipeline"),
          new GateEvidenceJudge(
              essential("dast", SECURITY, "DAST"),
              Set.of("dast"),
              "feed a ZAP report to bulwark gate before promotion"),
          carrier(
              "supply-chain",
              SECURITY,
              "Supply chain",
              Set.of("ci"),
              ANY,
              "enable components.ci: Tekton Chains signs what the pipelines build",
              Checks.policyResults(Status.FAILING, true, Set.of("signature"))));

  private Essentials() {}

  /** Every essential, in line order. */
  public static List<Essential> all() {
    return JUDGES.stream().map(Judge::essential).toList();
  }

  /** The scorecard of an observation: each judge's line. */
  public static Scorecard judge(Observation observation) {
    return new Scorecard(
        observation.source(),
        observation.tenant(),
        JUDGES.stream().map(j -> j.judge(observation)).toList());
  }

  private static Essential essential(String id, Category category, String title) {
    return new Essential(id, category, title);
  }

  private static Judge carrier(
      String id,
      Category category,
      String title,
      Set<String> capabilities,
      Set<String> kinds,
      String enable,
      Check... checks) {
    return new CarrierJudge(
        essential(id, category, title), capabilities, kinds, enable, List.of(checks));
  }
}
