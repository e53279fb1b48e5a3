package dev.bulwark.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.api.v1alpha1.TenantSpec;
import dev.bulwark.spec.SpecCheck.Finding;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The location-free tenant checks the loader and the operator share: every reason, by field path.
 */
class TenantRulesTest {

  @Test
  void reportsEveryReasonWithItsFieldPath() {
    Tenant tenant = tenant("web", "dev", "dev", "ops", "sys");
    tenant.getSpec().getEnvironments().get(2).setNamespace("kube-system");
    tenant.getSpec().getEnvironments().get(3).setNamespace("platform-system");
    tenant.getSpec().getNetwork().setEgressCIDRs(List.of("10.0.0.0/8", "10.0.0.1/8", "nope"));

    assertThat(TenantRules.check(tenant, platform("platform-system")))
        .extracting(Finding::fieldPath)
        .containsExactly(
            "spec.environments[1].name",
            "spec.environments[2].namespace",
            "spec.environments[3].namespace",
            "spec.network.egressCIDRs[1]",
            "spec.network.egressCIDRs[2]");
    assertThat(TenantRules.check(tenant, platform("platform-system")))
        .allSatisfy(
            f -> {
              assertThat(f.kind()).isEqualTo("Tenant");
              assertThat(f.name()).isEqualTo("web");
              assertThat(f.message()).doesNotContain(".yaml");
            });
  }

  @Test
  void aValidTenantHasNoFindings() {
    assertThat(TenantRules.check(tenant("web", "dev", "prod"), platform("platform-system")))
        .isEmpty();
    assertThat(TenantRules.check(tenant("web", "dev"), null))
        .as("without a platform yet")
        .isEmpty();
  }

  @Test
  void reservedNamespaces() {
    Platform platform = platform("bulwark-system");
    assertThat(TenantRules.reservedReason("kube-public", platform)).contains("Kubernetes");
    assertThat(TenantRules.reservedReason("default", platform)).contains("default namespace");
    assertThat(TenantRules.reservedReason("bulwark-system", platform)).contains("spec.namespace");
    assertThat(TenantRules.reservedReason("bulwark-x", platform))
        .contains("reserved for the platform");
    assertThat(TenantRules.reservedReason("web-dev", platform)).isNull();
  }

  private static Tenant tenant(String name, String... environments) {
    Tenant tenant = new Tenant();
    tenant.setMetadata(new ObjectMetaBuilder().withName(name).build());
    TenantSpec spec = new TenantSpec();
    for (String env : environments) {
      TenantSpec.EnvironmentSpec e = new TenantSpec.EnvironmentSpec();
      e.setName(env);
      spec.getEnvironments().add(e);
    }
    tenant.setSpec(spec);
    return tenant;
  }

  private static Platform platform(String namespace) {
    Platform platform = new Platform();
    platform.setMetadata(new ObjectMetaBuilder().withName("acme").build());
    PlatformSpec spec = new PlatformSpec();
    spec.setNamespace(namespace);
    platform.setSpec(spec);
    return platform;
  }
}
