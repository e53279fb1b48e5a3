package dev.bulwark.operator;

import static dev.bulwark.testkit.cluster.HelmChart.only;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.operator.apply.KindRegistry;
import dev.bulwark.operator.apply.ManagedKind;
import dev.bulwark.testkit.cluster.HelmChart;
import dev.bulwark.testkit.schema.Schemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart as {@code helm template} renders it: complete, valid against the real schemas,
 * least privilege.
 */
class HelmChartTest {

  private static List<JsonNode> objects;

  @BeforeAll
  static void render() throws Exception {
    objects = HelmChart.render();
  }

  @Test
  void everyRenderedObjectMatchesItsKubernetesSchema() {
    assertThat(objects)
        .extracting(o -> o.path("kind").asText())
        .contains(
            "CustomResourceDefinition",
            "ServiceAccount",
            "ClusterRole",
            "ClusterRoleBinding",
            "Role",
            "RoleBinding",
            "Deployment",
            "Service",
            "PodDisruptionBudget",
            "ServiceMonitor",
            "ValidatingWebhookConfiguration");
    for (JsonNode object : objects) {
      assertThat(Schemas.validate(object))
          .as(object.path("kind").asText() + " " + object.path("metadata").path("name").asText())
          .isEmpty();
    }
  }

  private static final String EVIDENCE_CRDS = "wgpolicyk8s.io.yaml";

  @Test
  void theChartsCrdsAreExactlyTheGeneratedOnes() throws IOException {
    Path generated = SharedData.repoDir().resolve("deploy/crds");
    Path copied = HelmChart.CHART.resolve("crds");
    java.util.Set<String> expected = new java.util.TreeSet<>(names(generated));
    expected.add(EVIDENCE_CRDS);
    assertThat(names(copied)).containsExactlyElementsOf(expected);
    // the kinds Bulwark keeps its evidence in (ADR 0050): the catalogue's copy of the pinned
    // Kyverno chart's, which Helm installs when absent and the one-shot apply installs too
    assertThat(Files.readString(copied.resolve(EVIDENCE_CRDS)))
        .as(
            "deploy/helm/bulwark/crds/%s equals the catalogue's policy-report-crds.yaml",
            EVIDENCE_CRDS)
        .isEqualTo(dev.bulwark.catalog.charts.PolicyReportCrds.yaml());
    for (String name : names(generated)) {
      assertThat(Files.readString(copied.resolve(name)))
          .as(
              "deploy/helm/bulwark/crds/"
                  + name
                  + " equals deploy/crds/"
                  + name
                  + " (copy it over after regenerating)")
          .isEqualTo(Files.readString(generated.resolve(name)));
    }
  }

  @Test
  void theOperatorRunsTwoLeaderElectedReplicasWithProbesAndARestrictedSecurityContext() {
    JsonNode deployment = only(objects, "Deployment");
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
    JsonNode pod = deployment.at("/spec/template/spec");
    JsonNode container = pod.at("/containers/0");
    assertThat(texts(container.path("args")))
        .contains("operator", "--leader-election-namespace=" + HelmChart.NAMESPACE);
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(texts(container.at("/securityContext/capabilities/drop"))).containsExactly("ALL");
    JsonNode pdb = only(objects, "PodDisruptionBudget");
    assertThat(pdb.at("/spec/selector/matchLabels"))
        .isEqualTo(deployment.at("/spec/template/metadata/labels"));
    assertThat(pdb.at("/spec/minAvailable").asInt()).isEqualTo(1);
  }

  @Test
  void theServiceMonitorAndTheWebhookReachTheOperatorsPorts() {
    JsonNode deployment = only(objects, "Deployment");
    JsonNode service = only(objects, "Service");
    JsonNode containers = deployment.at("/spec/template/spec/containers");
    assertThat(service.at("/spec/selector"))
        .isEqualTo(deployment.at("/spec/template/metadata/labels"));
    Set<String> containerPorts = new HashSet<>();
    containers.forEach(
        c -> c.path("ports").forEach(p -> containerPorts.add(p.path("name").asText())));
    service
        .at("/spec/ports")
        .forEach(p -> assertThat(containerPorts).contains(p.path("targetPort").asText()));

    JsonNode monitor = only(objects, "ServiceMonitor");
    assertThat(monitor.at("/spec/endpoints/0/port").asText()).isIn(portNames(service));
    assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/metrics");

    JsonNode selector =
        only(objects, "ValidatingWebhookConfiguration")
            .at("/webhooks/0/namespaceSelector/matchExpressions");
    assertThat(selector.toString())
        .as("only tenants' namespaces, never the platform's or the chart's own")
        .contains("{\"key\":\"bulwark.dev/tenant\",\"operator\":\"Exists\"}")
        .contains(
            "{\"key\":\"bulwark.dev/tenant\",\"operator\":\"NotIn\",\"values\":[\"platform\"]}")
        .contains("\"" + HelmChart.NAMESPACE + "\"");
    JsonNode webhook =
        only(objects, "ValidatingWebhookConfiguration").at("/webhooks/0/clientConfig/service");
    assertThat(webhook.path("name").asText()).isEqualTo(service.at("/metadata/name").asText());
    assertThat(webhook.path("namespace").asText()).isEqualTo(HelmChart.NAMESPACE);
    assertThat(webhook.path("path").asText()).isEqualTo("/validate");
    JsonNode servicePort = portByNumber(service, webhook.path("port").asInt());
    assertThat(servicePort.path("targetPort").asText()).isEqualTo("webhook");
    JsonNode webhookContainer = containers.get(1);
    assertThat(texts(webhookContainer.path("args"))).contains("webhook", "--port=8443");
    assertThat(webhookContainer.path("ports").findValues("containerPort"))
        .extracting(JsonNode::asInt)
        .contains(8443);
    assertThat(webhookContainer.at("/readinessProbe/httpGet/scheme").asText()).isEqualTo("HTTPS");
    assertThat(webhookContainer.at("/securityContext/allowPrivilegeEscalation").asBoolean(true))
        .isFalse();
  }

  @Test
  void theImageSignatureChecksBindPodsOfLabelledNamespacesAndReadTheMountedKeys() {
    JsonNode webhooks = only(objects, "ValidatingWebhookConfiguration").path("webhooks");
    Map<String, String> pathByLabel = new TreeMap<>();
    for (JsonNode webhook : webhooks) {
      JsonNode label = webhook.at("/namespaceSelector/matchLabels/bulwark.dev~1require-signature");
      if (label.isMissingNode()) {
        continue;
      }
      pathByLabel.put(label.asText(), webhook.at("/clientConfig/service/path").asText());
      assertThat(webhook.at("/rules/0/resources").toString()).isEqualTo("[\"pods\"]");
      assertThat(webhook.at("/clientConfig/service/port").asInt()).isEqualTo(443);
      assertThat(webhook.path("failurePolicy").asText()).isEqualTo("Fail");
      assertThat(webhook.at("/namespaceSelector/matchExpressions").toString())
          .as("never the chart's own namespace")
          .contains("\"" + HelmChart.NAMESPACE + "\"");
    }
    assertThat(pathByLabel)
        .containsExactly(
            Map.entry("gate", "/verify-images-gated"), Map.entry("signature", "/verify-images"));

    JsonNode pod = only(objects, "Deployment").at("/spec/template/spec");
    JsonNode webhookContainer = pod.at("/containers/1");
    assertThat(texts(webhookContainer.path("args")))
        .contains("--signing-keys=/etc/bulwark/signing-keys", "--image-failure-policy=fail");
    JsonNode mount = named(webhookContainer.path("volumeMounts"), "signing-keys");
    assertThat(mount.path("mountPath").asText()).isEqualTo("/etc/bulwark/signing-keys");
    assertThat(mount.path("readOnly").asBoolean()).isTrue();
    JsonNode volume = named(pod.path("volumes"), "signing-keys");
    // the Secret the platform renders (bulwark-platform SigningPublicKeys.SECRET); optional,
    // because the operator in this very pod renders it
    assertThat(volume.at("/secret/secretName").asText()).isEqualTo("bulwark-signing-public-keys");
    assertThat(volume.at("/secret/optional").asBoolean()).isTrue();
    assertThat(texts(webhookContainer.path("args")))
        .as("anonymous reads unless a pull secret is named")
        .noneMatch(a -> a.startsWith("--registry-config"));
  }

  @Test
  void aNamedPullSecretIsTheLoginOfTheImageChecks() throws Exception {
    List<JsonNode> rendered =
        HelmChart.render("--set", "webhook.imageSignatures.pullSecretName=registry-robot");

    JsonNode pod = only(rendered, "Deployment").at("/spec/template/spec");
    JsonNode webhookContainer = pod.at("/containers/1");
    assertThat(texts(webhookContainer.path("args")))
        .contains("--registry-config=/etc/bulwark/registry-login/.dockerconfigjson");
    JsonNode mount = named(webhookContainer.path("volumeMounts"), "registry-login");
    assertThat(mount.path("mountPath").asText()).isEqualTo("/etc/bulwark/registry-login");
    assertThat(mount.path("readOnly").asBoolean()).isTrue();
    JsonNode volume = named(pod.path("volumes"), "registry-login");
    assertThat(volume.at("/secret/secretName").asText()).isEqualTo("registry-robot");
    assertThat(volume.at("/secret/items/0/key").asText()).isEqualTo(".dockerconfigjson");
    for (JsonNode object : rendered) {
      assertThat(Schemas.validate(object)).as(object.path("kind").asText()).isEmpty();
    }
  }

  private static JsonNode named(JsonNode list, String name) {
    for (JsonNode item : list) {
      if (item.path("name").asText().equals(name)) {
        return item;
      }
    }
    throw new AssertionError("no item named " + name + " in " + list);
  }

  @Test
  void theClusterRoleIsLeastPrivilegeAndCoversEveryKindTheOperatorApplies() {
    JsonNode role =
        objects.stream()
            .filter(o -> o.path("kind").asText().equals("ClusterRole"))
            .findFirst()
            .orElseThrow();
    List<String> granted = new ArrayList<>();
    for (JsonNode rule : role.path("rules")) {
      assertThat(texts(rule.path("verbs"))).as("verbs").doesNotContain("*");
      assertThat(texts(rule.path("resources")))
          .as("resources")
          .doesNotContain("*")
          .doesNotContain("secrets");
      assertThat(texts(rule.path("apiGroups"))).as("apiGroups").doesNotContain("*");
      for (String group : texts(rule.path("apiGroups"))) {
        for (String resource : texts(rule.path("resources"))) {
          texts(rule.path("verbs"))
              .forEach(verb -> granted.add(group + "/" + resource + ":" + verb));
        }
      }
    }
    for (ManagedKind kind : KindRegistry.WATCHED) {
      for (String verb : List.of("get", "list", "watch", "create", "patch", "delete")) {
        assertThat(granted).contains(kind.group() + "/" + kind.plural() + ":" + verb);
      }
    }
    for (String crd : List.of("platforms", "tenants", "applications")) {
      assertThat(granted)
          .contains(
              "bulwark.dev/" + crd + ":watch",
              "bulwark.dev/" + crd + "/status:patch",
              "bulwark.dev/" + crd + "/finalizers:update");
    }
    assertThat(granted)
        .contains(
            "/events:create",
            "rbac.authorization.k8s.io/roles:escalate",
            "rbac.authorization.k8s.io/roles:bind");
    // the platform stack's Roles are named too; OperatorChartRoleTest (bulwark-cli) holds the
    // list to exactly the Roles of every render unit, and cluster RBAC to its resourceNames
    assertThat(escalatableRoles(role))
        .as("escalate and bind only on the Roles Bulwark renders")
        .containsAll(renderedRoleNames());
    JsonNode lease =
        objects.stream()
            .filter(o -> o.path("kind").asText().equals("Role"))
            .findFirst()
            .orElseThrow();
    assertThat(lease.at("/metadata/namespace").asText()).isEqualTo(HelmChart.NAMESPACE);
    assertThat(texts(lease.at("/rules/0/resources"))).containsExactly("leases");
  }

  /** The resourceNames of the rule that grants escalate and bind on Roles; fails if it has none. */
  private static List<String> escalatableRoles(JsonNode clusterRole) {
    for (JsonNode rule : clusterRole.path("rules")) {
      if (texts(rule.path("verbs")).contains("escalate")
          && texts(rule.path("resources")).equals(List.of("roles"))) {
        assertThat(texts(rule.path("verbs"))).containsExactlyInAnyOrder("escalate", "bind");
        return texts(rule.path("resourceNames"));
      }
    }
    throw new AssertionError("no rule grants escalate");
  }

  /**
   * Every Role name the renderer produces, and every Role a rendered RoleBinding refers to, for
   * examples/acme and the platform profiles' full spec: a new Role elsewhere fails this test until
   * the chart names it.
   */
  private static Set<String> renderedRoleNames() {
    var loaded =
        dev.bulwark.spec.SpecLoader.load(
            List.of(
                dev.bulwark.controlplane.SharedData.repoDir().resolve("examples/acme").toString()));
    assertThat(loaded.errors()).isEmpty();
    Set<String> names = new java.util.TreeSet<>();
    for (var desired : dev.bulwark.render.Renderer.standard().render(loaded.spec()).objects()) {
      if (desired.object() instanceof io.fabric8.kubernetes.api.model.rbac.Role r) {
        names.add(r.getMetadata().getName());
      } else if (desired.object() instanceof io.fabric8.kubernetes.api.model.rbac.RoleBinding b
          && b.getRoleRef().getKind().equals("Role")) {
        names.add(b.getRoleRef().getName());
      }
    }
    assertThat(names).as("the acme spec renders tenant Roles").isNotEmpty();
    return names;
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static Set<String> portNames(JsonNode service) {
    Set<String> names = new HashSet<>();
    service.at("/spec/ports").forEach(p -> names.add(p.path("name").asText()));
    return names;
  }

  private static JsonNode portByNumber(JsonNode service, int port) {
    for (JsonNode p : service.at("/spec/ports")) {
      if (p.path("port").asInt() == port) {
        return p;
      }
    }
    throw new AssertionError("the Service has no port " + port);
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".yaml"))
          .sorted()
          .toList();
    }
  }
}
