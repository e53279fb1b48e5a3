package dev.bulwark.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.api.v1alpha1.ComponentSpec;
import dev.bulwark.api.v1alpha1.ComponentsSpec;
import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.api.v1alpha1.PlatformSpec.Profile;
import dev.bulwark.api.v1alpha1.PlatformSpec.Provider;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ComponentSelectionTest {

  static PlatformSpec platform(Profile profile, Provider provider) {
    PlatformSpec spec = new PlatformSpec();
    spec.setDomain("acme.example.com");
    spec.setProfile(profile);
    spec.setProvider(provider);
    return spec;
  }

  static ComponentSpec component(Boolean enabled, String implementation) {
    ComponentSpec c = new ComponentSpec();
    c.setEnabled(enabled);
    c.setImplementation(implementation);
    return c;
  }

  static PlatformSpec with(PlatformSpec spec, Consumer<ComponentsSpec> choices) {
    ComponentsSpec components =
        spec.getComponents() == null ? new ComponentsSpec() : spec.getComponents();
    choices.accept(components);
    spec.setComponents(components);
    return spec;
  }

  static List<String> ids(ComponentSelection selection) {
    return selection.components().stream().map(Component::id).toList();
  }

  @Test
  void minimalProfileRunsTheSmallCore() {
    ComponentSelection s = ComponentSelection.of(platform(Profile.MINIMAL, Provider.GENERIC));
    assertThat(ids(s))
        .containsExactlyInAnyOrder("envoy-gateway", "cert-manager", "argo-cd", "gatekeeper");
    assertThat(s.isEnabled(Capability.STORAGE)).isTrue();
    assertThat(s.choice(Capability.LOGS).reason()).isEqualTo("profile minimal leaves it off");
  }

  @Test
  void standardProfileOnAGenericClusterDropsWhatLacksAPrerequisite() {
    ComponentSelection s = ComponentSelection.of(platform(Profile.STANDARD, Provider.GENERIC));
    assertThat(s.isEnabled(Capability.DNS)).isFalse();
    assertThat(s.choice(Capability.DNS).reason()).contains("provider generic has no DNS API");
    assertThat(s.isEnabled(Capability.BACKUP)).isFalse();
    assertThat(s.choice(Capability.BACKUP).reason()).contains("spec.backup.objectStore is not set");
    assertThat(ids(s))
        .contains(
            "tekton-pipelines",
            "tekton-triggers",
            "tekton-chains",
            "harbor",
            "openbao",
            "external-secrets",
            "kube-prometheus-stack",
            "keycloak",
            "trivy-operator",
            "cloudnative-pg")
        .doesNotContain("eck-operator", "jaeger", "velero", "external-dns");
  }

  @Test
  void standardOnAwsWithAnObjectStoreRunsDnsAndBackup() {
    PlatformSpec spec = platform(Profile.STANDARD, Provider.AWS);
    PlatformSpec.BackupSpec backup = new PlatformSpec.BackupSpec();
    PlatformSpec.ObjectStoreSpec store = new PlatformSpec.ObjectStoreSpec();
    store.setBucket("backups");
    store.setCredentialsSecret("s3-credentials");
    backup.setObjectStore(store);
    spec.setBackup(backup);
    ComponentSelection s = ComponentSelection.of(spec);
    assertThat(ids(s)).contains("external-dns", "velero");
  }

  @Test
  void fullProfileRunsLogsAndTracesWithDefaults() {
    ComponentSelection s = ComponentSelection.of(platform(Profile.FULL, Provider.GCP));
    assertThat(ids(s))
        .contains("eck-operator", "fluent-bit", "opentelemetry-operator", "jaeger", "external-dns")
        .doesNotContain("loki", "kyverno", "ingress-nginx");
    assertThat(s.implementation(Capability.LOGS)).map(Implementation::id).contains("eck");
  }

  @Test
  void airgappedIsFullWithoutDns() {
    ComponentSelection s = ComponentSelection.of(platform(Profile.AIRGAPPED, Provider.AWS));
    assertThat(s.isEnabled(Capability.DNS)).isFalse();
    assertThat(s.isEnabled(Capability.LOGS)).isTrue();
    assertThat(s.isEnabled(Capability.TRACES)).isTrue();
  }

  @Test
  void explicitChoicesWin() {
    PlatformSpec spec =
        with(
            platform(Profile.MINIMAL, Provider.GENERIC),
            c -> {
              c.setLogs(component(null, "loki"));
              c.setPolicy(component(null, "kyverno"));
              c.setGitops(component(false, null));
              c.setDns(component(true, null));
            });
    ComponentSelection s = ComponentSelection.of(spec);
    assertThat(ids(s))
        .contains("loki", "fluent-bit", "kyverno", "external-dns")
        .doesNotContain("eck-operator", "gatekeeper", "argo-cd");
    assertThat(s.choice(Capability.LOGS).reason())
        .isEqualTo("spec.components.logs.implementation: loki");
    assertThat(s.choice(Capability.GITOPS).reason())
        .isEqualTo("spec.components.gitops.enabled: false");
    PlatformSpec noStorage =
        with(platform(Profile.FULL, Provider.GENERIC), c -> c.setStorage(component(false, null)));
    assertThat(ComponentSelection.of(noStorage).isEnabled(Capability.STORAGE)).isFalse();
  }

  @Test
  void sharedComponentAppearsOnce() {
    PlatformSpec spec =
        with(platform(Profile.FULL, Provider.GENERIC), c -> c.setLogs(component(true, "loki")));
    assertThat(ids(ComponentSelection.of(spec)).stream().filter("fluent-bit"::equals)).hasSize(1);
  }

  @Test
  void componentsComeInInstallOrder() {
    List<Component> order =
        ComponentSelection.of(platform(Profile.FULL, Provider.AWS)).components();
    for (int i = 0; i < order.size(); i++) {
      Component c = order.get(i);
      List<String> before = order.subList(0, i).stream().map(Component::id).toList();
      assertThat(before).as("dependencies of %s come first", c.id()).containsAll(c.dependsOn());
      if (i > 0) {
        assertThat(c.syncWave()).isGreaterThanOrEqualTo(order.get(i - 1).syncWave());
      }
    }
  }

  @Test
  void unknownImplementationNamesTheFieldAndTheChoices() {
    PlatformSpec spec =
        with(
            platform(Profile.STANDARD, Provider.GENERIC),
            c -> c.setLogs(component(true, "splunk")));
    assertThatThrownBy(() -> ComponentSelection.of(spec))
        .isInstanceOf(SelectionException.class)
        .hasMessage(
            "spec.components.logs.implementation: 'splunk' is not an implementation of logs; expected one of: eck, loki");
  }

  @Test
  void aComponentWhoseDependencyIsOffIsRejected() {
    PlatformSpec spec =
        with(
            platform(Profile.FULL, Provider.GENERIC),
            c -> c.setCertificates(component(false, null)));
    assertThatThrownBy(() -> ComponentSelection.of(spec))
        .hasMessageContaining(
            "spec.components.traces: opentelemetry-operator needs cert-manager (capability certificates), which is off");
  }

  @Test
  void keycloakWithAnExternalOidcProviderIsAContradiction() {
    PlatformSpec spec = platform(Profile.STANDARD, Provider.GENERIC);
    spec.getIdentity().setProvider(PlatformSpec.IdentitySpec.Provider.OIDC);
    assertThat(ComponentSelection.of(spec).isEnabled(Capability.IDENTITY)).isFalse();
    with(spec, c -> c.setIdentity(component(true, null)));
    assertThatThrownBy(() -> ComponentSelection.of(spec))
        .hasMessageContaining("spec.components.identity: Keycloak is installed only when");
  }

  @Test
  void retiredAlternativeCarriesItsWarning() {
    PlatformSpec spec =
        with(
            platform(Profile.MINIMAL, Provider.GENERIC),
            c -> c.setGateway(component(null, "ingress-nginx")));
    ComponentSelection s = ComponentSelection.of(spec);
    assertThat(s.warnings())
        .singleElement()
        .asString()
        .startsWith("ingress-nginx: Ingress NGINX is retired upstream");
    assertThat(ComponentSelection.of(platform(Profile.MINIMAL, Provider.GENERIC)).warnings())
        .isEmpty();
  }
}
