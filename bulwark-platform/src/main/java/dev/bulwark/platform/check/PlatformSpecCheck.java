package dev.bulwark.platform.check;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ComponentSpec;
import dev.bulwark.api.v1alpha1.ComponentsSpec;
import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.api.v1alpha1.TenantSpec;
import dev.bulwark.catalog.CapabilityChoice;
import dev.bulwark.catalog.CatalogueException;
import dev.bulwark.catalog.ComponentSelection;
import dev.bulwark.catalog.SelectionException;
import dev.bulwark.platform.certificates.IssuerKind;
import dev.bulwark.platform.dns.DnsProvider;
import dev.bulwark.platform.logs.ElasticLicense;
import dev.bulwark.platform.secrets.OpenBaoServer;
import dev.bulwark.platform.stack.GitOpsRepository;
import dev.bulwark.render.existing.ExistingComponent;
import dev.bulwark.render.model.PlatformModel;
import dev.bulwark.spec.SpecCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Combinations the platform stack cannot serve, rejected at load time with the fields involved and
 * the fix: DNS-01 without a DNS provider, backups without an object store, GitOps without a
 * repository, an application deploying from a repository its tenant does not allow, and so on.
 * Which components are on is the catalogue's {@link ComponentSelection}; a spec it rejects is left
 * to the catalogue's own errors.
 */
public final class PlatformSpecCheck implements SpecCheck {

  private static final String PLATFORM = "Platform";
  private static final Map<String, List<String>> PROVIDER_SETTINGS =
      Map.of(
          "google", List.of("project"),
          "azure", List.of("resourceGroup", "subscriptionID"),
          "rfc2136", List.of("nameserver", "tsigKeyName"));

  @Override
  public List<Finding> check(BulwarkSpec spec) {
    List<Finding> findings = new ArrayList<>();
    PlatformSpec platform = spec.platform().getSpec();
    String name = spec.platform().getMetadata().getName();
    Map<String, String> selected = selection(platform).orElse(null);
    if (selected == null) {
      return findings;
    }
    List<String> needArgoCd =
        selected.keySet().stream().filter(c -> !c.equals("gitops")).sorted().toList();
    if (!selected.containsKey("gitops") && !needArgoCd.isEmpty()) {
      findings.add(
          new Finding(
              PLATFORM,
              name,
              "spec.components.gitops.enabled",
              "every platform component is installed as an Argo CD Application, so GitOps cannot be off while "
                  + String.join(", ", needArgoCd)
                  + (needArgoCd.size() == 1 ? " is" : " are")
                  + " on: turn GitOps on, or turn those components off under spec.components"));
    }
    if (selected.containsKey("gitops")
        && settings(platform, ComponentsSpec::getGitops).get(GitOpsRepository.REPO_URL) == null) {
      findings.add(
          new Finding(
              PLATFORM,
              name,
              "spec.components.gitops.settings.repoURL",
              "GitOps is on, so the root Argo CD Application syncs the rendered tree from Git: set it to the repository that"
                  + " `bulwark plan --out` is pushed to, or turn GitOps off with spec.components.gitops.enabled: false"));
    }
    if (selected.containsKey("certificates")) {
      certificates(platform, name, selected, findings);
    }
    if (selected.containsKey("dns")) {
      dns(platform, name, findings);
    }
    if (selected.containsKey("secrets")) {
      seal(platform, name, findings);
    }
    elasticLicense(platform, name, selected, findings);
    backup(platform, name, selected, findings);
    sourceRepos(spec, findings);
    uniqueScope(
        spec, "logs", TenantSpec::getLogs, "log indices (and the role that reads them)", findings);
    uniqueScope(
        spec, "registry", TenantSpec::getRegistry, "Harbor project and robot account", findings);
    return findings;
  }

  /**
   * A caution for every chosen component the catalogue warns about (ingress-nginx: retired
   * upstream), at the field that chose it, so that validate and plan print it without failing.
   */
  @Override
  public List<Finding> warnings(BulwarkSpec spec) {
    List<Finding> warnings = new ArrayList<>();
    try {
      for (CapabilityChoice choice : ComponentSelection.of(spec.platform().getSpec()).choices()) {
        if (!choice.enabled()) {
          continue;
        }
        choice.components().stream()
            .filter(c -> c.warning().isPresent())
            .forEach(
                c ->
                    warnings.add(
                        new Finding(
                            PLATFORM,
                            spec.platform().getMetadata().getName(),
                            "spec.components." + choice.capability().id() + ".implementation",
                            c.id() + ": " + c.warning().get())));
      }
    } catch (SelectionException | CatalogueException e) {
      // The selection's own errors stop the load before warnings are asked for.
    }
    return warnings;
  }

  /** The enabled capabilities and their implementations; empty when the catalogue rejects them. */
  public static Optional<Map<String, String>> selection(PlatformSpec platform) {
    try {
      Map<String, String> selected = new java.util.TreeMap<>();
      ComponentSelection.of(platform).choices().stream()
          .filter(c -> c.enabled())
          .forEach(c -> selected.put(c.capability().id(), c.implementation().id()));
      return Optional.of(selected);
    } catch (SelectionException | CatalogueException e) {
      return Optional.empty();
    }
  }

  private static void certificates(
      PlatformSpec platform, String name, Map<String, String> selected, List<Finding> findings) {
    Map<String, String> settings = settings(platform, ComponentsSpec::getCertificates);
    String issuer = settings.get(IssuerKind.SETTING);
    String field = "spec.components.certificates.settings.";
    if (issuer != null && !IssuerKind.ids().contains(issuer)) {
      findings.add(
          new Finding(
              PLATFORM,
              name,
              field + "issuer",
              "unknown issuer '"
                  + issuer
                  + "'; expected one of "
                  + String.join(", ", IssuerKind.ids())));
      return;
    }
    boolean airgapped = platform.getProfile() == PlatformSpec.Profile.AIRGAPPED;
    boolean acme = issuer == null ? !airgapped : issuer.startsWith("acme-");
    if (acme && settings.get("email") == null) {
      findings.add(
          new Finding(
              PLATFORM,
              name,
              field + "email",
              "an ACME issuer needs the e-mail address of the ACME account: set it, or use issuer: selfsigned or ca"));
    }
    if (acme && airgapped && settings.get("server") == null) {
      findings.add(
          new Finding(
              PLATFORM,
              name,
              field + "issuer",
              "an air-gapped platform cannot reach a public ACME server: use issuer: selfsigned or ca, or set server to an internal ACME server"));
    }
    if ("acme-dns01".equals(issuer)) {
      String provider = DnsProvider.name(platform).orElse(null);
      if (!selected.containsKey("dns") || provider == null) {
        findings.add(
            new Finding(
                PLATFORM,
                name,
                field + "issuer",
                "DNS-01 challenges need a DNS provider, and spec.components.dns"
                    + (selected.containsKey("dns") ? ".settings.provider is not set" : " is off")
                    + ": enable dns and set spec.components.dns.settings.provider to one of "
                    + String.join(", ", DnsProvider.PROVIDERS)
                    + ", or use issuer: acme-http01"));
      }
    }
    if (IssuerKind.EXISTING.id().equals(issuer)
        && settings.get(PlatformModel.CLUSTER_ISSUER_SETTING) == null) {
      findings.add(
          new Finding(
              PLATFORM,
              name,
              field + PlatformModel.CLUSTER_ISSUER_SETTING,
              "issuer existing uses a ClusterIssuer that already runs in the cluster: name it"));
    }
    if (IssuerKind.EXISTING.id().equals(issuer)
        && !ExistingComponent.adopted(platform.getComponents().getCertificates())) {
      findings.add(
          new Finding(
              PLATFORM,
              name,
              "spec.components.certificates.mode",
              "issuer existing uses the ClusterIssuer of an existing cert-manager: set mode:"
                  + " existing, or let Bulwark make its own issuer (acme-http01, acme-dns01,"
                  + " selfsigned or ca)"));
    }
    if ("ca".equals(issuer) && settings.get("caSecret") == null) {
      findings.add(
          new Finding(
              PLATFORM,
              name,
              field + "caSecret",
              "issuer ca signs with your own CA: name the Secret (tls.crt and tls.key) in the cert-manager namespace that holds it"));
    }
  }

  private static void dns(PlatformSpec platform, String name, List<Finding> findings) {
    Map<String, String> settings = settings(platform, ComponentsSpec::getDns);
    String provider = DnsProvider.name(platform).orElse(null);
    String field = "spec.components.dns.settings.";
    if (provider == null || !DnsProvider.PROVIDERS.contains(provider)) {
      findings.add(
          new Finding(
              PLATFORM,
              name,
              field + "provider",
              (provider == null
                      ? "external-dns needs the DNS provider, and spec.provider "
                          + platform.getProvider().name().toLowerCase(java.util.Locale.ROOT)
                          + " implies none (only aws, gcp and azure do)"
                      : "unknown DNS provider '" + provider + "'")
                  + ": set it to one of "
                  + String.join(", ", DnsProvider.PROVIDERS)
                  + ", or turn dns off with spec.components.dns.enabled: false"));
      return;
    }
    for (String required : PROVIDER_SETTINGS.getOrDefault(provider, List.of())) {
      if (settings.get(required) == null) {
        findings.add(
            new Finding(
                PLATFORM,
                name,
                field + required,
                "the " + provider + " DNS provider needs " + required));
      }
    }
  }

  /** OpenBao unseals itself: with its static key, or a cloud KMS given its parameters. */
  private static void seal(PlatformSpec platform, String name, List<Finding> findings) {
    Map<String, String> settings = settings(platform, ComponentsSpec::getSecrets);
    String seal = settings.getOrDefault(OpenBaoServer.SEAL_SETTING, "static");
    String field = "spec.components.secrets.settings." + OpenBaoServer.SEAL_SETTING;
    if (!OpenBaoServer.SEALS.contains(seal)) {
      findings.add(
          new Finding(
              PLATFORM,
              name,
              field,
              "unknown OpenBao seal '"
                  + seal
                  + "'; expected one of "
                  + String.join(", ", OpenBaoServer.SEALS)));
    } else if (!seal.equals("static")
        && settings.keySet().stream()
            .noneMatch(k -> k.startsWith(OpenBaoServer.SEAL_SETTING + "."))) {
      findings.add(
          new Finding(
              PLATFORM,
              name,
              field,
              "the "
                  + seal
                  + " seal needs its parameters as settings named seal.<parameter> (for awskms: seal.kms_key_id and"
                  + " seal.region), or use seal: static with the Secret "
                  + OpenBaoServer.UNSEAL_KEY_SECRET));
    }
  }

  /** The Elastic licence is basic or enterprise, and only the ECK logs cluster has one. */
  private static void elasticLicense(
      PlatformSpec platform, String name, Map<String, String> selected, List<Finding> findings) {
    String license = settings(platform, ComponentsSpec::getLogs).get(ElasticLicense.SETTING);
    if (license == null) {
      return;
    }
    String field = "spec.components.logs.settings." + ElasticLicense.SETTING;
    if (!ElasticLicense.names().contains(license)) {
      findings.add(
          new Finding(
              PLATFORM,
              name,
              field,
              "unknown Elastic licence '"
                  + license
                  + "'; expected one of "
                  + String.join(", ", ElasticLicense.names())));
    } else if (!"eck".equals(selected.get("logs"))) {
      findings.add(
          new Finding(
              PLATFORM,
              name,
              field,
              "the Elastic licence applies to the eck logs implementation, but logs are "
                  + (selected.containsKey("logs") ? "on " + selected.get("logs") : "off")
                  + ": remove the setting, or choose implementation: eck"));
    }
  }

  private static void backup(
      PlatformSpec platform, String name, Map<String, String> selected, List<Finding> findings) {
    boolean noStore = platform.getBackup() == null || platform.getBackup().getObjectStore() == null;
    ComponentSpec backup =
        platform.getComponents() == null ? null : platform.getComponents().getBackup();
    boolean asked =
        backup != null
            && (Boolean.TRUE.equals(backup.getEnabled()) || backup.getImplementation() != null);
    if (noStore && (asked || selected.containsKey("backup"))) {
      findings.add(
          new Finding(
              PLATFORM,
              name,
              "spec.backup.objectStore",
              "backups are on (spec.components.backup) but there is no object store to write them to: set spec.backup.objectStore"
                  + " (bucket, credentialsSecret, and region or endpoint), or turn backups off with spec.components.backup.enabled: false"));
    }
  }

  /** Every application deploys only from a repository its tenant allows. */
  /**
   * A tenant's log indices and Harbor project are named by {@code spec.<scope>.name}, else by the
   * tenant's name. Two tenants with one scope would share the other's logs or images, so the tenant
   * whose explicit name takes another's is refused.
   */
  private static void uniqueScope(
      BulwarkSpec spec,
      String scope,
      java.util.function.Function<TenantSpec, TenantSpec.ScopeSpec> getter,
      String what,
      List<Finding> findings) {
    Map<String, Tenant> owners = new java.util.HashMap<>();
    for (Tenant tenant : spec.tenants()) {
      String name = tenant.getMetadata().getName();
      String key =
          TenantSpec.ScopeSpec.nameIn(
              tenant.getSpec() == null ? null : getter.apply(tenant.getSpec()), name);
      Tenant other = owners.putIfAbsent(key, tenant);
      if (other == null) {
        continue;
      }
      // Two tenants' own names never collide: the one whose scope is not its own name took it.
      Tenant blamed = key.equals(name) ? other : tenant;
      Tenant kept = blamed == tenant ? other : tenant;
      findings.add(
          new Finding(
              "Tenant",
              blamed.getMetadata().getName(),
              "spec." + scope + ".name",
              "the "
                  + scope
                  + " scope '"
                  + key
                  + "' is already tenant "
                  + kept.getMetadata().getName()
                  + "'s: the two tenants would share one "
                  + what
                  + "; choose a name no other tenant has"));
    }
  }

  private static void sourceRepos(BulwarkSpec spec, List<Finding> findings) {
    for (Application app : spec.applications()) {
      if (app.getSpec().getSource() == null || app.getSpec().getSource().getRepoURL() == null) {
        continue;
      }
      String repo = app.getSpec().getSource().getRepoURL();
      Tenant tenant = spec.tenant(app.getSpec().getTenant()).orElse(null);
      if (tenant == null) {
        continue;
      }
      List<String> allowed =
          tenant.getSpec().getSourceRepos() == null ? List.of() : tenant.getSpec().getSourceRepos();
      if (allowed.stream().noneMatch(pattern -> matches(pattern, repo))) {
        findings.add(
            new Finding(
                "Application",
                app.getMetadata().getName(),
                "spec.source.repoURL",
                "tenant "
                    + tenant.getMetadata().getName()
                    + " does not allow deploying from "
                    + repo
                    + (allowed.isEmpty()
                        ? "; add it to the tenant's spec.sourceRepos"
                        : "; its spec.sourceRepos allows " + allowed)));
      }
    }
  }

  /**
   * Argo CD's glob semantics for source repositories: {@code *} matches within a path segment,
   * {@code **} across.
   */
  static boolean matches(String pattern, String repo) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
        regex.append(".*");
        i++;
      } else if (c == '*') {
        regex.append(pattern.length() == 1 ? ".*" : "[^/]*");
      } else if (c == '?') {
        regex.append("[^/]");
      } else {
        regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
      }
    }
    return repo.matches(regex.toString());
  }

  private static Map<String, String> settings(
      PlatformSpec platform, java.util.function.Function<ComponentsSpec, ComponentSpec> getter) {
    if (platform.getComponents() == null) {
      return Map.of();
    }
    ComponentSpec component = getter.apply(platform.getComponents());
    return component == null || component.getSettings() == null
        ? Map.of()
        : component.getSettings();
  }
}
