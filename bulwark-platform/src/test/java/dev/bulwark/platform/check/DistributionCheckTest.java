package dev.bulwark.platform.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The loader's checks of spec.distribution, through the real loader and its schema pass. */
class DistributionCheckTest {

  private static LoadResult load(String provider, String distribution) {
    return SpecLoader.loadStrings(
        Map.of(
            "platform.yaml",
            """
            apiVersion: bulwark.dev/v1alpha1
            kind: Platform
            metadata:
              name: p
            spec:
              domain: p.example.com
              provider: %s
              profile: minimal
              distribution:
            %s
              components:
                gitops:
                  settings:
                    repoURL: https://git.example.com/p/gitops.git
                certificates:
                  settings:
                    email: ops@p.example.com
            """
                .formatted(provider, distribution.indent(4).stripTrailing())));
  }

  @Test
  void managedDistributionsOnTheirCloudWithTheirIdentitiesLoad() {
    assertThat(
            load("aws", "name: eks\nworkloadIdentity:\n  dns: arn:aws:iam::123456789012:role/dns")
                .report())
        .isEmpty();
    assertThat(
            load(
                    "gcp",
                    "name: gke\nloadBalancer: internal\nworkloadIdentity:\n  backup: velero-sa@my-project.iam.gserviceaccount.com")
                .ok())
        .isTrue();
    assertThat(
            load(
                    "azure",
                    "name: aks\nworkloadIdentity:\n  certificates: 0b1c2d3e-4f50-4617-8899-aabbccddeeff")
                .ok())
        .isTrue();
    assertThat(load("baremetal", "name: k3s").ok()).isTrue();
    assertThat(load("aws", "name: openshift").ok()).isTrue();
  }

  @Test
  void aManagedDistributionOnAnotherCloudIsRejectedAtTheProvider() {
    LoadResult result = load("gcp", "name: eks");
    assertThat(result.ok()).isFalse();
    assertThat(result.report())
        .contains("platform.yaml:")
        .contains("spec.provider")
        .contains("distribution eks runs on aws: set spec.provider: aws (it is gcp)");
  }

  @Test
  void anIdentityOfTheWrongShapeNamesTheFieldAndTheExpectedForm() {
    LoadResult result =
        load("aws", "name: eks\nworkloadIdentity:\n  dns: velero@p.iam.gserviceaccount.com");
    assertThat(result.report())
        .contains("spec.distribution.workloadIdentity.dns")
        .contains("is not an IAM role ARN");
    assertThat(load("azure", "name: aks\nworkloadIdentity:\n  backup: not-a-uuid").report())
        .contains("spec.distribution.workloadIdentity.backup")
        .contains("client ID");
  }

  @Test
  void identityAndInternalLoadBalancersAreRejectedWhereNoCloudServesThem() {
    assertThat(load("baremetal", "name: k3s\nworkloadIdentity:\n  dns: x").report())
        .contains("spec.distribution.workloadIdentity.dns")
        .contains("workload identity is a feature of eks, gke and aks");
    assertThat(load("aws", "name: openshift\nloadBalancer: internal").report())
        .contains("spec.distribution.loadBalancer");
  }

  @Test
  void anUnknownDistributionFailsTheSchemaPass() {
    assertThat(load("aws", "name: rke2").report()).contains("spec.distribution.name");
  }
}
