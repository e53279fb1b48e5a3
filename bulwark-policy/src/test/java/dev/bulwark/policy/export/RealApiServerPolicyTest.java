package dev.bulwark.policy.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.policy.Fixtures;
import dev.bulwark.policy.engine.AdmissionInput;
import dev.bulwark.policy.engine.PodSecurityStandardsTest;
import dev.bulwark.policy.library.Policy;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.testkit.cluster.LeftBehind;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The strongest check of the export: a real kube-apiserver accepts every exported
 * ValidatingAdmissionPolicy and binding, then denies a failing Deployment and admits a passing one
 * in a tenant namespace. Deployments are used because Kubernetes' own Pod Security Admission
 * enforces only on Pods, so a denial here can only come from Bulwark's policies.
 */
@RealApiServer
class RealApiServerPolicyTest {

  static final String NAMESPACE = "policy-test-dev";

  @AfterAll
  static void removeAdmissionPolicies(KubernetesClient admin) {
    LeftBehind.removeBulwarkAdmissionPolicies(admin);
  }

  @BeforeAll
  static void apply(KubernetesClient admin) {
    List<HasMetadata> objects =
        VapExporter.export(
            PolicyLibrary.standard(),
            Map.of("platformRegistry", "registry.bulwark.example"),
            Map.of("app.kubernetes.io/managed-by", "bulwark"));
    for (HasMetadata o : objects) {
      admin.resource(o).serverSideApply();
    }
    admin
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(NAMESPACE)
                .addToLabels("bulwark.dev/tenant", "policy-test")
                .addToLabels("bulwark.dev/environment", "dev")
                .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
                .addToLabels("pod-security.kubernetes.io/enforce-version", "latest")
                .endMetadata()
                .build())
        .serverSideApply();
  }

  static Deployment deployment(String name, String podSpecExtra) throws Exception {
    String yaml =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: %s
          namespace: %s
          labels: {bulwark.dev/tenant: policy-test, app.kubernetes.io/name: %s}
        spec:
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec:
              automountServiceAccountToken: false
              securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
              %s
              containers:
                - name: app
                  image: registry.bulwark.example/policy-test/app:1.0.0
                  resources: {requests: {cpu: 10m, memory: 16Mi}, limits: {memory: 32Mi}}
                  readinessProbe: {httpGet: {path: /, port: 8080}}
                  livenessProbe: {httpGet: {path: /, port: 8080}}
                  securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
        """
            .formatted(name, NAMESPACE, name, name, name, podSpecExtra);
    return Fixtures.YAML.readValue(yaml, Deployment.class);
  }

  @Test
  void everyExportedPolicyIsAcceptedByTheApiServer(KubernetesClient admin) {
    for (Policy p : PolicyLibrary.standard().policies()) {
      ValidatingAdmissionPolicy live =
          admin.resources(ValidatingAdmissionPolicy.class).withName(PolicyObjects.name(p)).get();
      assertThat(live).as(p.id()).isNotNull();
      assertThat(live.getSpec().getValidations()).hasSameSizeAs(p.validations());
      if (live.getStatus() != null && live.getStatus().getTypeChecking() != null) {
        assertThat(live.getStatus().getTypeChecking().getExpressionWarnings())
            .as("type warnings of " + p.id())
            .isEmpty();
      }
    }
  }

  @Test
  void aFailingDeploymentIsDeniedAndAPassingOneAdmitted(KubernetesClient admin) throws Exception {
    Deployment bad = deployment("bad", "hostNetwork: true");
    KubernetesClientException denied = awaitDenied(admin, bad);
    assertThat(denied.getCode()).isIn(403, 422);
    assertThat(denied.getMessage())
        .contains("bulwark-pss-host-namespaces")
        .contains("hostNetwork=true");
    Deployment good = admin.resource(deployment("good", "")).create();
    assertThat(good.getMetadata().getUid()).isNotBlank();
  }

  /**
   * Every PSS fixture, as the pod template of a Deployment, in a namespace at the fixture's level
   * and version: the API server denies it exactly when the engine finds a violation of a control
   * bound at that level, and names a policy the engine names. (The API server reports the first
   * denying policy only.) Fixtures the API server's own validation refuses (422, for example
   * ephemeral containers in a template) are counted and skipped.
   */
  @Test
  void theApiServerAgreesWithTheEngineOnEveryPodSecurityFixture(KubernetesClient admin)
      throws Exception {
    for (Policy p : PolicyLibrary.standard().policies()) {
      if (p.isPss()) {
        var binding = VapExporter.binding(p, Map.of());
        binding.getMetadata().setName(PolicyObjects.name(p) + "-fixtures");
        var selector = PolicyObjects.namespaceSelector(p);
        selector.getMatchExpressions().get(0).setKey("policy.bulwark.dev/fixtures");
        binding.getSpec().getMatchResources().setNamespaceSelector(selector);
        admin.resource(binding).serverSideApply();
      }
    }
    admin
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("fixtures-probe")
                .addToLabels("policy.bulwark.dev/fixtures", "true")
                .addToLabels("pod-security.kubernetes.io/enforce", "baseline")
                .endMetadata()
                .build())
        .serverSideApply();
    Deployment probe = deployment("probe", "hostNetwork: true");
    probe.getMetadata().setNamespace("fixtures-probe");
    awaitDenied(admin, probe);
    int checked = 0;
    int refused = 0;
    Set<String> namespaces = new HashSet<>();
    for (var args : (Iterable<Arguments>) PodSecurityStandardsTest.cases()::iterator) {
      Object[] x = args.get();
      String level = (String) x[1];
      String version = (String) x[2];
      String ns = "fixtures-" + level + "-" + version.replace('.', '-');
      if (namespaces.add(ns)) {
        admin
            .resource(
                new NamespaceBuilder()
                    .withNewMetadata()
                    .withName(ns)
                    .addToLabels("policy.bulwark.dev/fixtures", "true")
                    .addToLabels("pod-security.kubernetes.io/enforce", level)
                    .addToLabels("pod-security.kubernetes.io/enforce-version", version)
                    .endMetadata()
                    .build())
            .serverSideApply();
      }
      ObjectNode pod = Fixtures.yaml(PodSecurityStandardsTest.BASE);
      PodSecurityStandardsTest.merge((ObjectNode) pod.get("spec"), Fixtures.yaml((String) x[4]));
      pod.with("metadata").put("namespace", ns);
      Set<String> expected = new TreeSet<>();
      var namespace =
          AdmissionInput.namespace(
              ns, level, version, Map.of("policy.bulwark.dev/fixtures", "true"));
      for (var f : Fixtures.engine().evaluate(AdmissionInput.create(pod, namespace))) {
        if (f.policy().isPss()
            && AdmissionSimulator.selectorMatches(
                Fixtures.YAML
                    .valueToTree(
                        VapExporter.binding(f.policy(), Map.of())
                            .getSpec()
                            .getMatchResources()
                            .getNamespaceSelector())
                    .deepCopy(),
                relabel(namespace))) {
          expected.add(PolicyObjects.name(f.policy()));
        }
      }
      Deployment deployment =
          Fixtures.YAML.readValue(
              """
          {apiVersion: apps/v1, kind: Deployment, metadata: {name: fixture, namespace: %s},
           spec: {selector: {matchLabels: {app: f}}, template: {metadata: {labels: {app: f}}}}}"""
                  .formatted(ns),
              Deployment.class);
      deployment
          .getSpec()
          .getTemplate()
          .setSpec(Fixtures.YAML.treeToValue(pod.get("spec"), PodSpec.class));
      String description = x[0] + " " + level + "/" + version + " " + x[4];
      try {
        if (!expected.isEmpty()) {
          awaitDeniedDryRun(admin, deployment);
        }
        admin.resource(deployment).dryRun().create();
        assertThat(expected).as("admitted by the API server: " + description).isEmpty();
        checked++;
      } catch (KubernetesClientException e) {
        if (e.getCode() == 422) {
          refused++;
          continue;
        }
        assertThat(e.getCode()).as(description).isEqualTo(403);
        String message = e.getStatus().getMessage();
        assertThat(expected)
            .as("denied by the API server (%s): %s", message, description)
            .isNotEmpty();
        assertThat(expected.stream().anyMatch(name -> message.contains("'" + name + "'")))
            .as(message + " vs " + expected)
            .isTrue();
        checked++;
      }
    }
    assertThat(checked)
        .as("fixtures checked (%d refused by API validation)", refused)
        .isGreaterThan(70);
  }

  /**
   * The fixture namespaces carry the fixtures label where tenant namespaces carry the tenant label.
   */
  private static JsonNode relabel(JsonNode namespace) {
    ObjectNode copy = namespace.deepCopy();
    copy.with("metadata").with("labels").put("bulwark.dev/tenant", "fixtures");
    return copy;
  }

  /**
   * Each binding is loaded by the API server on its own schedule, and the probe above proves only
   * one of them, so a Deployment the engine denies gets a few seconds before an admission counts as
   * disagreement. A lagging binding can only admit too much, never deny too much, so denials are
   * never retried.
   */
  private static void awaitDeniedDryRun(KubernetesClient admin, Deployment deployment)
      throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      admin.resource(deployment).dryRun().create();
      Thread.sleep(200);
    }
  }

  /** Policies take a moment to be loaded by the API server after they are created. */
  private static KubernetesClientException awaitDenied(KubernetesClient admin, Deployment bad)
      throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      try {
        admin.resource(bad).dryRun().create();
      } catch (KubernetesClientException e) {
        if (e.getCode() == 403 || e.getCode() == 422) {
          assertThatThrownBy(() -> admin.resource(bad).create())
              .isInstanceOf(KubernetesClientException.class);
          return e;
        }
        throw e;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the API server still admits a Deployment with hostNetwork after 30s");
      }
      Thread.sleep(250);
    }
  }
}
