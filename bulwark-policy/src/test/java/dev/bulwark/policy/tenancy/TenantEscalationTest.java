package dev.bulwark.policy.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.controlplane.SharedData;
import dev.bulwark.policy.export.AdmissionWait;
import dev.bulwark.policy.export.FloorGuard;
import dev.bulwark.render.model.PlatformModel;
import dev.bulwark.testkit.Needed;
import dev.bulwark.testkit.cluster.LeftBehind;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A hostile tenant member's attempts to get more than the tenant's roles give, each made on a real
 * API server as that member (impersonation): Kubernetes' RBAC escalation check, the tenant floor's
 * guard and the library's host policy must refuse them, and the legitimate neighbour of each
 * attempt must go through, so that a refusal is known to be about the attempt.
 */
@RealApiServer
class TenantEscalationTest {

  private static final String DEV = "payments-dev";
  private static final String PROD = "payments-prod";

  static PlatformModel platform;

  @BeforeAll
  static void apply(KubernetesClient admin) {
    platform = AcmeTenancy.apply(admin);
  }

  @AfterAll
  static void removeAdmissionPolicies(KubernetesClient admin) {
    LeftBehind.removeBulwarkAdmissionPolicies(admin);
  }

  @Test
  void anOwnerCannotBindClusterAdminNorGrantWhatTheOwnerLacks(Config admin) {
    try (KubernetesClient owner = AcmeTenancy.as(admin, platform, AcmeTenancy.OWNER)) {
      assertForbidden(() -> owner.resource(binding(DEV, "ClusterRole", "cluster-admin")).create());
      // Quotas are the platform's: a Role granting their update is more than an owner holds.
      var quotaRole =
          new RoleBuilder()
              .withNewMetadata()
              .withName("quota-editor")
              .withNamespace(DEV)
              .endMetadata()
              .addNewRule()
              .withApiGroups("")
              .withResources("resourcequotas")
              .withVerbs("update")
              .endRule()
              .build();
      assertForbidden(() -> owner.resource(quotaRole).create());
      // The owner's own role, bound to the tenant's developers, is within the owner's rights.
      RoleBinding own = owner.resource(binding(DEV, "Role", "bulwark-owner")).create();
      assertThat(own.getMetadata().getUid()).isNotBlank();
      owner.resource(own).delete();
    }
  }

  @Test
  void aDeveloperCannotBindAnything(Config admin) {
    try (KubernetesClient developer = AcmeTenancy.as(admin, platform, AcmeTenancy.DEVELOPER)) {
      assertForbidden(() -> developer.resource(binding(DEV, "Role", "bulwark-developer")).create());
    }
  }

  @Test
  void breakGlassIsAnOwnersRecordedBindingThatOpensProductionForADeveloper(
      KubernetesClient adminClient, Config admin) {
    assertThat(mayExec(adminClient, PROD)).isFalse();
    try (KubernetesClient owner = AcmeTenancy.as(admin, platform, AcmeTenancy.OWNER)) {
      RoleBinding glass = binding(PROD, "Role", "bulwark-break-glass");
      glass.getMetadata().setName("break-glass-incident-42");
      glass
          .getMetadata()
          .setAnnotations(
              Map.of(
                  "bulwark.dev/break-glass-reason", "incident 42: payments stuck",
                  "bulwark.dev/break-glass-expires", "2026-12-03T23:00:00Z"));
      RoleBinding created = owner.resource(glass).create();
      assertThat(mayExec(adminClient, PROD)).isTrue();
      owner.resource(created).delete();
    }
    try (KubernetesClient developer = AcmeTenancy.as(admin, platform, AcmeTenancy.DEVELOPER)) {
      assertForbidden(
          () -> developer.resource(binding(PROD, "Role", "bulwark-break-glass")).create());
    }
  }

  @Test
  void ownersAddNetworkPoliciesButCannotTouchTheFloor(KubernetesClient adminClient, Config admin)
      throws InterruptedException {
    try (KubernetesClient owner = AcmeTenancy.as(admin, platform, AcmeTenancy.OWNER)) {
      var floor =
          owner.network().v1().networkPolicies().inNamespace(PROD).withName("bulwark-default-deny");
      KubernetesClientException denied =
          AdmissionWait.awaitDenied(() -> floor.dryRun().delete(), "deleting the floor");
      assertThat(denied.getMessage()).contains(FloorGuard.NAME);
      assertForbidden(() -> floor.delete());
      assertForbidden(
          () ->
              floor.edit(
                  p ->
                      new NetworkPolicyBuilder(p)
                          .editMetadata()
                          .removeFromLabels("bulwark.dev/floor")
                          .endMetadata()
                          .build()));
      NetworkPolicy own =
          new NetworkPolicyBuilder()
              .withNewMetadata()
              .withName("allow-batch")
              .withNamespace(PROD)
              .endMetadata()
              .withNewSpec()
              .withPodSelector(new LabelSelector())
              .withPolicyTypes("Ingress")
              .endSpec()
              .build();
      owner.resource(own).create();
      owner.resource(own).delete();
      NetworkPolicy fake =
          new NetworkPolicyBuilder(own)
              .editMetadata()
              .withName("fake-floor")
              .addToLabels("bulwark.dev/floor", "true")
              .endMetadata()
              .build();
      assertForbidden(() -> owner.resource(fake).create());
    }
    assertThat(
            adminClient
                .network()
                .v1()
                .networkPolicies()
                .inNamespace(PROD)
                .withName("bulwark-default-deny")
                .get())
        .isNotNull();
  }

  @Test
  void aDeveloperCannotRouteAnotherTenantsHost(KubernetesClient adminClient, Config admin)
      throws Exception {
    Optional<Path> crd =
        SharedData.resolve("crds/gateway-api/gateway.networking.k8s.io_httproutes.yaml");
    Needed.require(
        crd.isPresent(),
        "Gateway API's HTTPRoute CRD under ../shared/crds/gateway-api (the shared upstream CRDs)");
    try (InputStream in = Files.newInputStream(crd.get())) {
      for (HasMetadata o : adminClient.load(in).items()) {
        adminClient.resource(o).serverSideApply();
      }
    }
    adminClient
        .resources(CustomResourceDefinition.class)
        .withName("httproutes.gateway.networking.k8s.io")
        .waitUntilCondition(
            c ->
                c != null
                    && c.getStatus() != null
                    && c.getStatus().getConditions() != null
                    && c.getStatus().getConditions().stream()
                        .anyMatch(
                            x -> x.getType().equals("Established") && x.getStatus().equals("True")),
            60,
            TimeUnit.SECONDS);
    try (KubernetesClient developer = AcmeTenancy.as(admin, platform, AcmeTenancy.DEVELOPER)) {
      KubernetesClientException denied =
          AdmissionWait.awaitDenied(
              () ->
                  developer
                      .resource(route("steal", "shop.web." + platform.domain()))
                      .dryRun()
                      .create(),
              "a route for another tenant's host");
      assertThat(denied.getMessage()).contains("bulwark-platform-route-hosts");
      GenericKubernetesResource own =
          developer.resource(route("own", "shop.payments." + platform.domain())).create();
      assertThat(own.getMetadata().getUid()).isNotBlank();
    }
  }

  private static GenericKubernetesResource route(String name, String host) {
    GenericKubernetesResource route = new GenericKubernetesResource();
    route.setApiVersion("gateway.networking.k8s.io/v1");
    route.setKind("HTTPRoute");
    route.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName(name)
            .withNamespace(DEV)
            .build());
    route.setAdditionalProperties(
        Map.of(
            "spec",
            Map.of(
                "parentRefs",
                java.util.List.of(
                    Map.of(
                        "name",
                        "bulwark",
                        "namespace",
                        platform.gatewayNamespace(),
                        "sectionName",
                        "https")),
                "hostnames",
                java.util.List.of(host))));
    return route;
  }

  private static boolean mayExec(KubernetesClient admin, String ns) {
    var review =
        new SubjectAccessReviewBuilder()
            .withNewSpec()
            .withUser("member-of-" + AcmeTenancy.DEVELOPER)
            .withGroups(platform.groupPrefix() + AcmeTenancy.DEVELOPER)
            .withNewResourceAttributes()
            .withNamespace(ns)
            .withResource("pods")
            .withSubresource("exec")
            .withVerb("create")
            .endResourceAttributes()
            .endSpec()
            .build();
    return admin.authorization().v1().subjectAccessReview().create(review).getStatus().getAllowed();
  }

  /** A binding of {@code role} to the tenant's developers. */
  private static RoleBinding binding(String ns, String kind, String role) {
    return new RoleBindingBuilder()
        .withNewMetadata()
        .withName("attempt-" + role)
        .withNamespace(ns)
        .endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", kind, role)
        .addNewSubject()
        .withKind("Group")
        .withApiGroup("rbac.authorization.k8s.io")
        .withName(platform.groupPrefix() + AcmeTenancy.DEVELOPER)
        .endSubject()
        .build();
  }

  private static void assertForbidden(Runnable attempt) {
    assertThatThrownBy(attempt::run)
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
  }
}
