package dev.bulwark.platform;

import static dev.bulwark.platform.Distributions.find;
import static dev.bulwark.platform.Distributions.ofKind;
import static dev.bulwark.platform.Distributions.one;
import static dev.bulwark.platform.Distributions.values;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.platform.distribution.OpenShiftSecurity;
import dev.bulwark.platform.storage.StorageUnit;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.model.PlatformModel;
import dev.bulwark.testkit.schema.Schemas;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each distribution must change in the rendered platform, and what it must leave alone. */
class DistributionDifferencesTest {

  private static final String AWS_LB = "service.beta.kubernetes.io/aws-load-balancer-";

  @Test
  void eksGetsEbsGp3AnNlbAndIrsaRoles() {
    JsonNode storageClass = one("eks", "StorageClass", StorageUnit.CLASS);
    assertThat(storageClass.at("/provisioner").asText()).isEqualTo("ebs.csi.aws.com");
    assertThat(storageClass.at("/parameters/type").asText()).isEqualTo("gp3");
    assertThat(one("eks", "VolumeSnapshotClass", StorageUnit.CLASS).at("/driver").asText())
        .isEqualTo("ebs.csi.aws.com");
    JsonNode lb = gatewayAnnotations("eks");
    assertThat(lb.path(AWS_LB + "type").asText()).isEqualTo("external");
    assertThat(lb.path(AWS_LB + "nlb-target-type").asText()).isEqualTo("ip");
    assertThat(lb.path(AWS_LB + "scheme").asText()).isEqualTo("internet-facing");
    String role = "eks.amazonaws.com/role-arn";
    assertThat(values("eks", "external-dns").at("/serviceAccount/annotations").path(role).asText())
        .endsWith(":role/bulwark-external-dns");
    assertThat(values("eks", "cert-manager").at("/serviceAccount/annotations").path(role).asText())
        .endsWith(":role/bulwark-cert-manager");
    assertThat(values("eks", "velero").at("/serviceAccount/server/annotations").path(role).asText())
        .endsWith(":role/bulwark-velero");
    assertThat(values("eks", "external-dns").at("/provider/name").asText()).isEqualTo("aws");
    assertThat(values("eks", "external-dns").has("podLabels")).isFalse();
  }

  @Test
  void gkeGetsPdBalancedAnInternalLoadBalancerAndGoogleServiceAccounts() {
    assertThat(one("gke", "StorageClass", StorageUnit.CLASS).at("/parameters/type").asText())
        .isEqualTo("pd-balanced");
    assertThat(gatewayAnnotations("gke").path("networking.gke.io/load-balancer-type").asText())
        .isEqualTo("Internal");
    assertThat(
            values("gke", "external-dns")
                .at("/serviceAccount/annotations")
                .path("iam.gke.io/gcp-service-account")
                .asText())
        .isEqualTo("bulwark-external-dns@dist-project.iam.gserviceaccount.com");
    assertThat(values("gke", "external-dns").at("/provider/name").asText()).isEqualTo("google");
  }

  @Test
  void aksGetsAzureDiskThePublicLoadBalancerAndLabelledIdentityPods() {
    JsonNode storageClass = one("aks", "StorageClass", StorageUnit.CLASS);
    assertThat(storageClass.at("/provisioner").asText()).isEqualTo("disk.csi.azure.com");
    assertThat(storageClass.at("/parameters/skuName").asText()).isEqualTo("StandardSSD_LRS");
    // External is AKS' default: nothing to annotate.
    assertThat(gateway("aks").at("/spec/infrastructure").isMissingNode()).isTrue();
    for (String chart : List.of("external-dns", "cert-manager", "velero")) {
      assertThat(values("aks", chart).at("/podLabels/azure.workload.identity~1use").asText())
          .as("%s pods opt in to AKS workload identity", chart)
          .isEqualTo("true");
    }
    assertThat(
            values("aks", "cert-manager")
                .at("/serviceAccount/annotations")
                .path("azure.workload.identity/client-id")
                .asText())
        .isEqualTo("1b1c2d3e-4f50-4617-8899-aabbccddeeff");
  }

  @Test
  void k3sGetsLocalPathWithoutSnapshotsOrExpansion() {
    JsonNode storageClass = one("k3s", "StorageClass", StorageUnit.CLASS);
    assertThat(storageClass.at("/provisioner").asText()).isEqualTo("rancher.io/local-path");
    assertThat(storageClass.at("/allowVolumeExpansion").asBoolean()).isFalse();
    assertThat(ofKind("k3s", "VolumeSnapshotClass")).isEmpty();
    assertThat(find("k3s", "Application", "external-dns")).isEmpty();
    assertThat(gateway("k3s").at("/spec/infrastructure").isMissingNode()).isTrue();
  }

  @Test
  void openShiftKeepsItsStorageAndGrantsEachNamespaceTheSccOfItsLevel() {
    assertThat(ofKind("openshift", "StorageClass")).isEmpty();
    assertThat(ofKind("openshift", "VolumeSnapshotClass")).isEmpty();
    List<DesiredObject> namespaces = ofKind("openshift", "Namespace");
    assertThat(namespaces).hasSizeGreaterThan(3);
    for (DesiredObject namespace : namespaces) {
      String name = namespace.object().getMetadata().getName();
      String level =
          namespace.object().getMetadata().getLabels().get("pod-security.kubernetes.io/enforce");
      JsonNode binding =
          ofKind("openshift", "RoleBinding").stream()
              .filter(o -> name.equals(o.object().getMetadata().getNamespace()))
              .filter(o -> o.object().getMetadata().getName().equals(OpenShiftSecurity.BINDING))
              .map(o -> Schemas.toJson(o.object()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no SCC binding in namespace " + name));
      assertThat(binding.at("/roleRef/name").asText())
          .isEqualTo("system:openshift:scc:" + OpenShiftSecurity.SCC_BY_LEVEL.get(level));
      assertThat(binding.at("/subjects/0/name").asText())
          .isEqualTo("system:serviceaccounts:" + name);
    }
    // Velero's node agent reads host paths: its namespace stays privileged and gets that SCC.
    assertThat(
            ofKind("openshift", "RoleBinding").stream()
                .map(o -> Schemas.toJson(o.object()).at("/roleRef/name").asText()))
        .contains("system:openshift:scc:privileged", "system:openshift:scc:nonroot-v2");
    // The DNS provider still follows spec.provider (aws), with no workload identity set.
    assertThat(values("openshift", "external-dns").at("/provider/name").asText()).isEqualTo("aws");
    assertThat(values("openshift", "external-dns").has("serviceAccount")).isFalse();
  }

  @Test
  void genericAddsNothing() {
    assertThat(ofKind("generic", "StorageClass")).isEmpty();
    assertThat(
            ofKind("generic", "RoleBinding").stream()
                .filter(o -> o.object().getMetadata().getName().equals(OpenShiftSecurity.BINDING)))
        .isEmpty();
    assertThat(gateway("generic").at("/spec/infrastructure").isMissingNode()).isTrue();
  }

  private static JsonNode gateway(String distribution) {
    return one(distribution, "Gateway", PlatformModel.GATEWAY_NAME);
  }

  private static JsonNode gatewayAnnotations(String distribution) {
    return gateway(distribution).at("/spec/infrastructure/annotations");
  }
}
