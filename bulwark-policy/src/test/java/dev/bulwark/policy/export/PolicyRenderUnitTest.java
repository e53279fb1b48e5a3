package dev.bulwark.policy.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.policy.Fixtures;
import dev.bulwark.policy.engine.AdmissionInput;
import dev.bulwark.policy.engine.Finding;
import dev.bulwark.policy.engine.PolicyEngine;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Manifests;
import dev.bulwark.render.RenderUnit;
import dev.bulwark.render.Renderer;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The policy capability, discovered by the render core, over the example spec. */
class PolicyRenderUnitTest {

  static LoadResult loaded;
  static DesiredState state;

  @BeforeAll
  static void render() {
    loaded = SpecLoader.load(List.of(SharedData.repoDir().resolve("examples/acme").toString()));
    assertThat(loaded.errors()).as(loaded.report()).isEmpty();
    state = Renderer.standard().render(loaded.spec());
  }

  List<DesiredObject> policyObjects() {
    return state.objects().stream()
        .filter(o -> o.capability().equals(PolicyRenderUnit.CAPABILITY))
        .toList();
  }

  @Test
  void theRenderCoreDiscoversTheUnit() {
    assertThat(Renderer.standard().units())
        .extracting(RenderUnit::capability)
        .contains(PolicyRenderUnit.CAPABILITY);
  }

  @Test
  void everyPolicyIsRenderedPlatformWideWithItsBinding() {
    List<DesiredObject> objects = policyObjects();
    // Every library policy, and the tenant floor's guard (ADR 0029).
    int policies = PolicyLibrary.standard().policies().size() + 1;
    assertThat(objects).hasSize(2 * policies);
    assertThat(objects)
        .allSatisfy(
            o -> {
              assertThat(o.tenant()).isEqualTo(BulwarkLabels.PLATFORM_TENANT);
              assertThat(o.object().getMetadata().getNamespace()).isNull();
            });
    assertThat(objects.stream().filter(o -> o.object() instanceof ValidatingAdmissionPolicy))
        .hasSize(policies);
    assertThat(objects.stream().filter(o -> o.object() instanceof ValidatingAdmissionPolicyBinding))
        .hasSize(policies);
  }

  @Test
  void parametersComeFromTheSpec() {
    ValidatingAdmissionPolicy registry =
        (ValidatingAdmissionPolicy)
            policyObjects().stream()
                .map(DesiredObject::object)
                .filter(o -> o.getMetadata().getName().equals("bulwark-platform-image-registry"))
                .filter(ValidatingAdmissionPolicy.class::isInstance)
                .findFirst()
                .orElseThrow();
    assertThat(registry.getSpec().getVariables().get(0).getExpression())
        .contains("'platformRegistry': dyn('harbor.acme.example.com')");
  }

  @Test
  void eachTenantNamespaceIsBoundAtItsOwnLevel() {
    Map<String, JsonNode> bindings = new HashMap<>();
    policyObjects().stream()
        .filter(o -> o.object() instanceof ValidatingAdmissionPolicyBinding)
        .forEach(
            o ->
                bindings.put(
                    o.object().getMetadata().getName(),
                    json(o).path("spec").path("matchResources").path("namespaceSelector")));
    List<DesiredObject> namespaces =
        state.objects().stream()
            .filter(
                o ->
                    o.object().getKind().equals("Namespace")
                        && o.object().getMetadata().getLabels().containsKey(BulwarkLabels.TENANT))
            .toList();
    assertThat(namespaces).isNotEmpty();
    for (DesiredObject ns : namespaces) {
      JsonNode namespace = json(ns);
      String level =
          namespace
              .path("metadata")
              .path("labels")
              .path("pod-security.kubernetes.io/enforce")
              .asText();
      assertThat(
              AdmissionSimulator.selectorMatches(bindings.get("bulwark-pss-privileged"), namespace))
          .isTrue();
      assertThat(
              AdmissionSimulator.selectorMatches(
                  bindings.get("bulwark-pss-run-as-non-root"), namespace))
          .as(ns.object().getMetadata().getName())
          .isEqualTo(level.equals("restricted"));
      assertThat(
              AdmissionSimulator.selectorMatches(
                  bindings.get("bulwark-platform-service-type"), namespace))
          .isTrue();
    }
  }

  @Test
  void platformNamespacesAreBoundToPodSecurityOnly() {
    JsonNode platformNamespace =
        Fixtures.yaml(
            """
        {apiVersion: v1, kind: Namespace, metadata: {name: cert-manager,
         labels: {bulwark.dev/tenant: platform, pod-security.kubernetes.io/enforce: restricted}}}""");
    List<String> bound =
        policyObjects().stream()
            .filter(o -> o.object() instanceof ValidatingAdmissionPolicyBinding)
            .filter(
                o ->
                    AdmissionSimulator.selectorMatches(
                        json(o).path("spec").path("matchResources").path("namespaceSelector"),
                        platformNamespace))
            .map(o -> o.object().getMetadata().getName())
            .toList();
    assertThat(bound).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith("bulwark-pss-"));
    assertThat(bound).contains("bulwark-pss-run-as-non-root");
  }

  @Test
  void whatTheOtherUnitsRenderForTenantsPassesThePlatformPolicies() {
    PolicyEngine engine =
        PolicyEngine.create(
            PolicyLibrary.standard(),
            PolicyLibrary.Selection.PLATFORM,
            PolicyRenderUnit.params(dev.bulwark.render.RenderContext.of(loaded.spec())));
    Map<String, JsonNode> namespaces = new HashMap<>();
    state.objects().stream()
        .filter(o -> o.object().getKind().equals("Namespace"))
        .forEach(o -> namespaces.put(o.object().getMetadata().getName(), json(o)));
    for (DesiredObject o : state.objects()) {
      if (!o.tenant().equals(BulwarkLabels.PLATFORM_TENANT)) {
        JsonNode object = json(o);
        List<Finding> findings =
            engine
                .evaluate(
                    AdmissionInput.create(
                        object, namespaces.get(o.object().getMetadata().getNamespace())))
                .stream()
                .toList();
        assertThat(findings)
            .as(o.key() + ": " + findings.stream().map(Finding::message).toList())
            .isEmpty();
      }
    }
  }

  static JsonNode json(DesiredObject o) {
    try {
      return Fixtures.YAML.readTree(Manifests.toYaml(o.object()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
