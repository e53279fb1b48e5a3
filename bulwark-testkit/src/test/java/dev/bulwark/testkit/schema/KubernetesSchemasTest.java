package dev.bulwark.testkit.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spec.schema.SchemaError;
import dev.bulwark.testkit.Needed;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Built-in kinds against Kubernetes' swagger: known-good objects pass, known-bad ones fail
 * precisely.
 */
class KubernetesSchemasTest {

  private static KubernetesSchemas schemas;

  @BeforeAll
  static void load() {
    Needed.require(
        KubernetesSchemas.shared().isPresent(), "shared/k8s-openapi/swagger.json is absent");
    schemas = KubernetesSchemas.shared().orElseThrow();
  }

  private static List<String> errors(String yaml) {
    return schemas.validate(Yaml.of(yaml)).stream().map(SchemaError::toString).toList();
  }

  @Test
  void findsDefinitionsByGroupVersionKind() {
    assertThat(schemas.definitionName(GroupVersionKind.of("apps/v1", "Deployment")))
        .contains("io.k8s.api.apps.v1.Deployment");
    assertThat(schemas.definitionName(GroupVersionKind.of("v1", "ConfigMap")))
        .contains("io.k8s.api.core.v1.ConfigMap");
    assertThat(schemas.isBuiltIn("networking.k8s.io/v1", "NetworkPolicy")).isTrue();
    assertThat(schemas.isBuiltIn("gateway.networking.k8s.io/v1", "HTTPRoute"))
        .as("a CRD, not built in")
        .isFalse();
    assertThat(schemas.isBuiltIn("apps/v1beta1", "Deployment")).as("long removed").isFalse();
  }

  @Test
  void knowsWhichKindsAreNamespaced() {
    assertThat(schemas.isNamespaced(GroupVersionKind.of("v1", "ConfigMap"))).isTrue();
    assertThat(
            schemas.isNamespaced(
                GroupVersionKind.of("rbac.authorization.k8s.io/v1", "RoleBinding")))
        .isTrue();
    assertThat(schemas.isNamespaced(GroupVersionKind.of("v1", "Namespace"))).isFalse();
    assertThat(
            schemas.isNamespaced(
                GroupVersionKind.of("rbac.authorization.k8s.io/v1", "ClusterRole")))
        .isFalse();
  }

  @Test
  void typedFabric8ObjectsPass() {
    var deployment =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("web")
            .withNamespace("shop")
            .addToLabels("app", "web")
            .endMetadata()
            .withNewSpec()
            .withReplicas(2)
            .withNewSelector()
            .addToMatchLabels("app", "web")
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .addToLabels("app", "web")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("web")
            .withImage("nginx:1.27")
            .addNewPort()
            .withName("http")
            .withContainerPort(8080)
            .endPort()
            .withNewResources()
            .addToLimits("memory", new Quantity("512Mi"))
            .addToRequests("cpu", new Quantity("250m"))
            .endResources()
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    assertThat(schemas.validate(deployment)).isEmpty();
    var service =
        new ServiceBuilder()
            .withNewMetadata()
            .withName("web")
            .withNamespace("shop")
            .endMetadata()
            .withNewSpec()
            .addNewPort()
            .withName("http")
            .withPort(80)
            .withTargetPort(new IntOrString(8080))
            .endPort()
            .addNewPort()
            .withName("admin")
            .withPort(81)
            .withTargetPort(new IntOrString("admin"))
            .endPort()
            .endSpec()
            .build();
    assertThat(schemas.validate(service)).isEmpty();
  }

  @Test
  void unknownFieldsAreErrorsWithSuggestions() {
    assertThat(
            errors(
                """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop, lables: {a: b}}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
                - name: web
                  image: nginx
                  imagePullPolicyy: Always
        """))
        .containsExactly(
            "metadata.lables: unknown field `lables`, did you mean `labels`?",
            "spec.template.spec.containers[0].imagePullPolicyy: unknown field `imagePullPolicyy`, did you mean"
                + " `imagePullPolicy`?");
  }

  @Test
  void typesFormatsAndRequiredFields() {
    assertThat(
            errors(
                """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop, creationTimestamp: yesterday}
        spec:
          ports:
            - port: "80"
              targetPort: 8080
            - targetPort: http
        """))
        .containsExactly(
            "metadata.creationTimestamp: expected an RFC 3339 date-time such as 2026-01-31T12:00:00Z, found string"
                + " \"yesterday\"",
            "spec.ports[0].port: expected integer, found string \"80\"",
            "spec.ports[1].port: required field is missing; expected integer");
  }

  @Test
  void quantitiesMayBeNumbersButMustParse() {
    String pod =
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: n}
        spec:
          containers:
            - name: c
              image: busybox
              resources: {limits: {cpu: %s, memory: 1Gi}}
        """;
    assertThat(errors(pod.formatted("2"))).isEmpty();
    assertThat(errors(pod.formatted("0.5"))).isEmpty();
    assertThat(errors(pod.formatted("'1 core'")))
        .containsExactly(
            "spec.containers[0].resources.limits.cpu: expected a quantity such as 500m, 2 or 1.5Gi, found string \"1 core\"");
  }

  @Test
  void secretDataIsBase64AndConfigMapDataIsStrings() {
    assertThat(
            errors(
                "{apiVersion: v1, kind: Secret, metadata: {name: s, namespace: n}, data: {a: 'aGk=', b: 'not base64!'}}"))
        .containsExactly("data.b: expected base64-encoded bytes, found string \"not base64!\"");
    assertThat(
            errors(
                "{apiVersion: v1, kind: ConfigMap, metadata: {name: c, namespace: n}, data: {port: 8080}}"))
        .containsExactly(
            "data.port: expected string, found integer 8080 (quote the value to make it a string)");
  }

  @Test
  void unknownKindsAndRemovedVersionsAreErrors() {
    assertThat(errors("{apiVersion: v1, kind: Frobnicator, metadata: {name: x}}"))
        .containsExactly("kind: expected a kind Kubernetes serves, found v1 Frobnicator");
    assertThat(errors("{apiVersion: apps/v1beta1, kind: Deployment, metadata: {name: x}}"))
        .containsExactly(
            "kind: expected a version Kubernetes serves (v1), found apps/v1beta1 Deployment");
  }
}
