package dev.bulwark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.v1alpha1.ComponentSpec;
import dev.bulwark.api.v1alpha1.ComponentsSpec;
import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.platform.dns.DnsProvider;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecError;
import dev.bulwark.spec.SpecLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Combinations the stack cannot serve are load errors naming the file, line, field and fix. */
class PlatformSpecCheckTest {

  private static final String TENANT =
      """
      apiVersion: bulwark.dev/v1alpha1
      kind: Tenant
      metadata:
        name: team
      spec:
        environments:
          - name: prod
        sourceRepos:
          - https://git.example.com/team/*
      """;

  @ParameterizedTest
  @ValueSource(strings = {"minimal", "airgapped", "full"})
  void theExampleProfilesLoad(String profile) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/profiles/" + profile + ".yaml")) {
      LoadResult result =
          SpecLoader.loadStrings(
              Map.of(profile + ".yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      assertThat(result.errors()).isEmpty();
    }
  }

  @Test
  void dns01WithoutADnsProviderNamesBothFields() {
    SpecError error =
        single(
            platform(
                """
          components:
            gitops: {settings: {repoURL: https://git.example.com/gitops.git}}
            dns: {enabled: false}
            certificates:
              settings:
                issuer: acme-dns01
                email: ops@example.com
        """));
    assertThat(error.fieldPath()).isEqualTo("spec.components.certificates.settings.issuer");
    assertThat(error.message()).contains("spec.components.dns", "settings.provider", "acme-http01");
    assertThat(error.source()).isEqualTo("platform.yaml");
    assertThat(error.line()).isEqualTo(13);
  }

  @Test
  void anExistingIssuerMustBeNamed() {
    SpecError error =
        single(
            platform(
                """
          components:
            gitops: {settings: {repoURL: https://git.example.com/gitops.git}}
            certificates: {mode: existing, settings: {issuer: existing}}
        """));
    assertThat(error.fieldPath()).isEqualTo("spec.components.certificates.settings.clusterIssuer");
  }

  @Test
  void anExistingIssuerNeedsAnExistingCertManager() {
    SpecError error =
        single(
            platform(
                """
          components:
            gitops: {settings: {repoURL: https://git.example.com/gitops.git}}
            certificates: {settings: {issuer: existing, clusterIssuer: corp-ca}}
        """));
    assertThat(error.fieldPath()).isEqualTo("spec.components.certificates.mode");
    assertThat(error.message()).contains("set mode: existing", "selfsigned");
  }

  @Test
  void anUnknownElasticLicenceNamesTheOnesThereAre() {
    SpecError error =
        single(
            platform(
                """
          components:
            gitops: {settings: {repoURL: https://git.example.com/gitops.git}}
            certificates: {settings: {email: ops@example.com}}
            logs:
              enabled: true
              settings: {license: platinum}
        """));
    assertThat(error.fieldPath()).isEqualTo("spec.components.logs.settings.license");
    assertThat(error.message()).contains("'platinum'", "basic, enterprise");
    assertThat(error.line()).isEqualTo(13);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{implementation: loki", "{enabled: false"})
  void anElasticLicenceWithoutTheEckLogsClusterIsRefused(String logs) {
    SpecError error =
        single(
            platform(
                """
          components:
            gitops: {settings: {repoURL: https://git.example.com/gitops.git}}
            certificates: {settings: {email: ops@example.com}}
            logs: %s, settings: {license: enterprise}}
        """
                    .formatted(logs)));
    assertThat(error.fieldPath()).isEqualTo("spec.components.logs.settings.license");
    assertThat(error.message())
        .contains("applies to the eck logs implementation", "remove the setting");
  }

  @ParameterizedTest
  @ValueSource(strings = {"logs", "registry"})
  void aTenantCannotNameItsScopeAfterAnotherTenant(String scope) {
    Map<String, String> files = validPlatform();
    files.put(
        "intruder.yaml",
        """
        apiVersion: bulwark.dev/v1alpha1
        kind: Tenant
        metadata:
          name: intruder
        spec:
          environments:
            - name: prod
          sourceRepos:
            - https://git.example.com/intruder/*
          %s:
            name: team
        """
            .formatted(scope));
    SpecError error = single(files);
    assertThat(error.source()).isEqualTo("intruder.yaml");
    assertThat(error.fieldPath()).isEqualTo("spec." + scope + ".name");
    assertThat(error.line()).isEqualTo(11);
    assertThat(error.message()).contains("'team'", "tenant team's");
  }

  @Test
  void backupsWithoutAnObjectStoreSayWhatToSet() {
    SpecError error =
        single(
            platform(
                """
          components:
            gitops: {settings: {repoURL: https://git.example.com/gitops.git}}
            certificates: {settings: {email: ops@example.com}}
            backup: {enabled: true}
        """));
    assertThat(error.fieldPath()).isEqualTo("spec.backup.objectStore");
    assertThat(error.message())
        .contains("bucket", "credentialsSecret", "spec.components.backup.enabled: false");
  }

  @Test
  void gitOpsWithoutARepository() {
    SpecError error =
        single(
            platform(
                """
          components:
            certificates: {settings: {email: ops@example.com}}
        """));
    assertThat(error.fieldPath()).isEqualTo("spec.components.gitops.settings.repoURL");
  }

  @Test
  void gitOpsOffWhileOtherComponentsAreOn() {
    SpecError error =
        single(
            platform(
                """
          components:
            gitops: {enabled: false}
            certificates: {settings: {email: ops@example.com}}
        """));
    assertThat(error.fieldPath()).isEqualTo("spec.components.gitops.enabled");
    assertThat(error.message()).contains("Argo CD Application", "certificates", "turn GitOps on");
  }

  @Test
  void acmeWithoutAnEmail() {
    SpecError error =
        single(
            platform(
                """
          components:
            gitops: {settings: {repoURL: https://git.example.com/gitops.git}}
        """));
    assertThat(error.fieldPath()).isEqualTo("spec.components.certificates.settings.email");
  }

  @Test
  void anApplicationFromARepositoryItsTenantDoesNotAllow() {
    Map<String, String> files = validPlatform();
    files.put(
        "app.yaml",
        """
        apiVersion: bulwark.dev/v1alpha1
        kind: Application
        metadata:
          name: api
          namespace: team-prod
        spec:
          tenant: team
          source:
            repoURL: https://git.example.com/other/api.git
        """);
    SpecError error = single(files);
    assertThat(error.source()).isEqualTo("app.yaml");
    assertThat(error.fieldPath()).isEqualTo("spec.source.repoURL");
    assertThat(error.message()).contains("tenant team", "https://git.example.com/team/*");
  }

  @Test
  void sourceRepoGlobsFollowArgoCd() {
    assertThat(
            dev.bulwark.platform.check.PlatformSpecCheckAccess.matches(
                "https://git.example.com/team/*", "https://git.example.com/team/api.git"))
        .isTrue();
    assertThat(
            dev.bulwark.platform.check.PlatformSpecCheckAccess.matches(
                "https://git.example.com/team/*", "https://git.example.com/team/x/api.git"))
        .isFalse();
    assertThat(
            dev.bulwark.platform.check.PlatformSpecCheckAccess.matches(
                "https://git.example.com/**", "https://git.example.com/team/x/api.git"))
        .isTrue();
    assertThat(dev.bulwark.platform.check.PlatformSpecCheckAccess.matches("*", "anything"))
        .isTrue();
  }

  @Test
  void theCloudImpliesItsDnsProvider() {
    Map<String, String> files = cloud("aws", "");
    LoadResult result = SpecLoader.loadStrings(files);
    assertThat(result.errors()).as(result.report()).isEmpty();
    assertThat(DnsProvider.name(result.spec().platform().getSpec())).contains("aws");
    assertThat(DnsProvider.name(platformSpec(PlatformSpec.Provider.GCP, null))).contains("google");
    assertThat(DnsProvider.name(platformSpec(PlatformSpec.Provider.AZURE, null))).contains("azure");
    assertThat(DnsProvider.name(platformSpec(PlatformSpec.Provider.AWS, "cloudflare")))
        .contains("cloudflare");
    assertThat(DnsProvider.name(platformSpec(PlatformSpec.Provider.OPENSTACK, null))).isEmpty();
  }

  @Test
  void theImpliedProviderStillNeedsItsSettings() {
    SpecError error = single(cloud("gcp", ""));
    assertThat(error.fieldPath()).isEqualTo("spec.components.dns.settings.project");
    assertThat(error.message()).contains("google");
  }

  @Test
  void openStackNamesItsDnsProvider() {
    SpecError error = single(cloud("openstack", ""));
    assertThat(error.fieldPath()).isEqualTo("spec.components.dns.settings.provider");
    assertThat(error.message())
        .contains("spec.provider openstack implies none", "rfc2136", "dns.enabled: false");
    assertThat(
            SpecLoader.loadStrings(
                    cloud(
                        "openstack",
                        """
            dns: {settings: {provider: rfc2136, nameserver: 10.0.0.53, tsigKeyName: bulwark}}
        """))
                .errors())
        .isEmpty();
  }

  /** A standard-profile platform on {@code provider}, which turns dns on by default. */
  private static Map<String, String> cloud(String provider, String moreComponents) {
    Map<String, String> files =
        platform(
            """
          components:
            gitops: {settings: {repoURL: https://git.example.com/gitops.git}}
            certificates: {settings: {email: ops@example.com}}
        """
                + moreComponents);
    files.put(
        "platform.yaml",
        files
            .get("platform.yaml")
            .replace("profile: minimal", "profile: standard\n  provider: " + provider));
    return files;
  }

  private static PlatformSpec platformSpec(PlatformSpec.Provider provider, String dns) {
    PlatformSpec spec = new PlatformSpec();
    spec.setProvider(provider);
    if (dns != null) {
      ComponentsSpec components = new ComponentsSpec();
      ComponentSpec component = new ComponentSpec();
      component.setSettings(Map.of(DnsProvider.PROVIDER, dns));
      components.setDns(component);
      spec.setComponents(components);
    }
    return spec;
  }

  private static Map<String, String> platform(String components) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "platform.yaml",
        """
        apiVersion: bulwark.dev/v1alpha1
        kind: Platform
        metadata:
          name: p
        spec:
          domain: p.example.com
          profile: minimal
        """
            + components);
    files.put("tenant.yaml", TENANT);
    return files;
  }

  /** A platform without findings of its own, and the tenant {@code team}. */
  private static Map<String, String> validPlatform() {
    return platform(
        """
          components:
            gitops: {settings: {repoURL: https://git.example.com/gitops.git}}
            certificates: {settings: {email: ops@example.com}}
        """);
  }

  private static SpecError single(Map<String, String> files) {
    LoadResult result = SpecLoader.loadStrings(files);
    assertThat(result.errors()).as(result.ok() ? "no errors" : result.report()).hasSize(1);
    return result.errors().get(0);
  }
}
