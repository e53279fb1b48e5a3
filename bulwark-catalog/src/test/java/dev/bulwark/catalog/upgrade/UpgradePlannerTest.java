package dev.bulwark.catalog.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.api.v1alpha1.ComponentSpec;
import dev.bulwark.api.v1alpha1.ComponentsSpec;
import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.catalog.Catalogue;
import dev.bulwark.catalog.ComponentSelection;
import dev.bulwark.catalog.KubernetesVersion;
import dev.bulwark.catalog.Version;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpgradePlannerTest {

  static final Catalogue CATALOGUE = Catalogue.standard();

  static ComponentSelection selection(PlatformSpec.Profile profile, String gateway) {
    PlatformSpec spec = new PlatformSpec();
    spec.setDomain("acme.example.com");
    spec.setProfile(profile);
    if (gateway != null) {
      ComponentSpec c = new ComponentSpec();
      c.setImplementation(gateway);
      ComponentsSpec components = new ComponentsSpec();
      components.setGateway(c);
      spec.setComponents(components);
    }
    return ComponentSelection.of(spec);
  }

  static KubernetesVersion v(String text) {
    return KubernetesVersion.parse(text);
  }

  static UpgradeTarget to(String... values) {
    return UpgradeTarget.parse(List.of(values), CATALOGUE);
  }

  static List<String> summary(UpgradePlan plan) {
    return plan.steps().stream()
        .map(
            s ->
                s.kind().label() + " " + s.subject() + " " + s.from() + "->" + s.to().split(" ")[0])
        .toList();
  }

  @Test
  void kubernetesOnlyPlanStepsOneMinorAtATime() {
    UpgradePlan plan =
        UpgradePlanner.plan(
            selection(PlatformSpec.Profile.STANDARD, null),
            v("1.35"),
            to("1.37"),
            Map.of(),
            List.of());
    assertThat(summary(plan))
        .containsExactly(
            "kubernetes control plane 1.35->1.36", "kubernetes control plane 1.36->1.37");
    assertThat(plan.blockers()).isEmpty();
    assertThat(plan.needsAction()).isFalse();
    assertThat(plan.steps().get(0).notes()).contains("removes no beta or GA API");
  }

  @Test
  void removedApisAreMigratedFirstAndCountedAtTheReleaseThatRemovesThem() {
    List<ScannedObject> objects =
        List.of(
            new ScannedObject(
                "flowcontrol.apiserver.k8s.io/v1beta3",
                "FlowSchema",
                "",
                "tenants",
                "manifests/apf.yaml:1"),
            new ScannedObject("apps/v1", "Deployment", "shop", "web", "manifests/web.yaml:1"));
    List<ApiFinding> findings = RemovedApis.standard().scan(objects, v("1.33"));
    UpgradePlan plan =
        UpgradePlanner.plan(
            selection(PlatformSpec.Profile.MINIMAL, null),
            v("1.30"),
            to("1.33"),
            Map.of(),
            findings);
    assertThat(summary(plan))
        .containsExactly(
            "migrate FlowSchema tenants (manifests/apf.yaml:1) flowcontrol.apiserver.k8s.io/v1beta3->flowcontrol.apiserver.k8s.io/v1",
            "kubernetes control plane 1.30->1.31",
            "kubernetes control plane 1.31->1.32",
            "kubernetes control plane 1.32->1.33");
    assertThat(plan.steps().get(2).notes().get(0))
        .isEqualTo("stops serving 2 API versions; 1 scanned object migrated above");
    assertThat(plan.needsAction()).isTrue();
  }

  @Test
  void aComponentWhoseRangeExcludesTheTargetBlocksAndTheAlternativeIsNamed() {
    UpgradePlan plan =
        UpgradePlanner.plan(
            selection(PlatformSpec.Profile.MINIMAL, "ingress-nginx"),
            v("1.33"),
            to("1.37"),
            Map.of(),
            List.of());
    assertThat(plan.blockers())
        .singleElement()
        .asString()
        .startsWith(
            "ingress-nginx v1.14.1 supports Kubernetes 1.30-1.34, not 1.37; switch to envoy-gateway (spec.components.gateway.implementation: envoy-gateway)")
        .contains("retired upstream");
    assertThat(plan.needsAction()).isTrue();
    UpgradePlan fine =
        UpgradePlanner.plan(
            selection(PlatformSpec.Profile.MINIMAL, null),
            v("1.33"),
            to("1.37"),
            Map.of(),
            List.of());
    assertThat(fine.blockers()).isEmpty();
  }

  @Test
  void releasePlanOrdersComponentsByWaveAndDependencyWithTheirNotes() {
    Map<String, Version> installed =
        Map.of(
            "kube-prometheus-stack", Version.parse("v0.92.1"),
            "cert-manager", Version.parse("v1.21.1"),
            "argo-cd", Version.parse("v3.3.0"));
    UpgradePlan plan =
        UpgradePlanner.plan(
            selection(PlatformSpec.Profile.STANDARD, null),
            v("1.37"),
            to("2026.11"),
            installed,
            List.of());
    List<String> subjects = plan.steps().stream().map(UpgradeStep::subject).toList();
    assertThat(subjects)
        .doesNotContain("cert-manager")
        .contains("argo-cd", "kube-prometheus-stack", "tekton-pipelines", "tekton-triggers");
    assertThat(subjects.indexOf("tekton-pipelines"))
        .isLessThan(subjects.indexOf("tekton-triggers"));
    for (int i = 1; i < plan.steps().size(); i++) {
      assertThat(CATALOGUE.require(plan.steps().get(i).subject()).syncWave())
          .isGreaterThanOrEqualTo(CATALOGUE.require(plan.steps().get(i - 1).subject()).syncWave());
    }
    UpgradeStep kps = plan.steps().get(subjects.indexOf("kube-prometheus-stack"));
    assertThat(kps.from()).isEqualTo("v0.92.1");
    assertThat(kps.to()).isEqualTo("v0.93.0 (chart kube-prometheus-stack 88.2.0)");
    assertThat(kps.breaking()).contains(true);
    assertThat(kps.notes())
        .anyMatch(n -> n.startsWith("v0.92.1 -> v0.93.0 (BREAKING): Chart 87.x to 88.x"));
    UpgradeStep argo = plan.steps().get(subjects.indexOf("argo-cd"));
    assertThat(argo.breaking()).isEmpty();
    assertThat(argo.notes())
        .anyMatch(
            n ->
                n.startsWith(
                    "no reviewed upgrade notes in the catalogue for this step; read https://argo-cd"));
    UpgradeStep unknown = plan.steps().get(subjects.indexOf("harbor"));
    assertThat(unknown.from()).isEmpty();
    assertThat(unknown.notes().get(0))
        .isEqualTo(
            "installed version unknown (pass --installed harbor=VERSION); every recorded note is listed");
  }

  @Test
  void componentsNeedingANewerClusterWaitForTheReleaseThatBringsIt() {
    UpgradePlan plan =
        UpgradePlanner.plan(
            selection(PlatformSpec.Profile.MINIMAL, null),
            v("1.31"),
            to("1.33", "2026.11"),
            Map.of(),
            List.of());
    List<String> order =
        plan.steps().stream()
            .map(s -> s.kind() == UpgradeStep.Kind.UPGRADE_KUBERNETES ? s.to() : s.subject())
            .toList();
    assertThat(CATALOGUE.require("gatekeeper").kubernetes().min()).isEqualTo(v("1.31"));
    assertThat(CATALOGUE.require("cert-manager").kubernetes().min()).isEqualTo(v("1.32"));
    assertThat(CATALOGUE.require("argo-cd").kubernetes().min()).isEqualTo(v("1.33"));
    assertThat(order)
        .containsExactly("gatekeeper", "1.32", "cert-manager", "envoy-gateway", "1.33", "argo-cd");
    assertThat(plan.blockers()).isEmpty();
  }

  @Test
  void targetsParseAndRejectWhatThisBulwarkCannotPlan() {
    assertThat(to("1.37,2026.11").kubernetes()).contains(v("1.37"));
    assertThat(to("2026.11").release()).contains("2026.11");
    assertThatThrownBy(() -> to("2027.02"))
        .hasMessageContaining(
            "'2027.02' is neither a Kubernetes version (like 1.37) nor the catalogue release this bulwark carries (2026.11)");
    assertThatThrownBy(() -> to("1.36", "1.37")).hasMessageContaining("two Kubernetes versions");
    assertThatThrownBy(
            () ->
                UpgradePlanner.plan(
                    selection(PlatformSpec.Profile.MINIMAL, null),
                    v("1.37"),
                    to("1.36"),
                    Map.of(),
                    List.of()))
        .hasMessageContaining("Kubernetes cannot be downgraded");
  }
}
