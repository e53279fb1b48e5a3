package dev.bulwark.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.policy.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Pass and fail cases of every platform hardening rule. */
public class PlatformRulesTest {

  static final String GOOD_CONTAINER =
      "{name: app, image: 'registry.bulwark.example/team-a/app:1.2.3', "
          + "resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}, "
          + "readinessProbe: {httpGet: {path: /ready, port: 8080}}, livenessProbe: {httpGet: {path: /live, port: 8080}}}";

  static String deployment(String container, String extraSpec) {
    return "{apiVersion: apps/v1, kind: Deployment, metadata: {name: app, namespace: team-a-dev, labels: {bulwark.dev/tenant: team-a, app.kubernetes.io/name: app}}, "
        + "spec: {template: {spec: {automountServiceAccountToken: false, containers: ["
        + container
        + "]"
        + extraSpec
        + "}}}}";
  }

  public static Stream<Arguments> cases() {
    return Stream.of(
        // registry
        c("platform-image-registry", true, "dev", deployment(GOOD_CONTAINER, "")),
        c(
            "platform-image-registry",
            false,
            "dev",
            deployment(GOOD_CONTAINER.replace("registry.bulwark.example/", "docker.io/"), "")),
        c(
            "platform-image-registry",
            false,
            "dev",
            deployment(
                GOOD_CONTAINER.replace(
                    "registry.bulwark.example/team-a/app", "registry.bulwark.example.evil.io/app"),
                "")),
        c(
            "platform-image-registry",
            false,
            "dev",
            deployment(GOOD_CONTAINER.replace("registry.bulwark.example/team-a/app", "nginx"), "")),
        // tag and digest
        c("platform-image-tag", true, "dev", deployment(GOOD_CONTAINER, "")),
        c(
            "platform-image-tag",
            false,
            "dev",
            deployment(GOOD_CONTAINER.replace(":1.2.3", ":latest"), "")),
        c("platform-image-tag", false, "dev", deployment(GOOD_CONTAINER.replace(":1.2.3", ""), "")),
        c(
            "platform-image-tag",
            true,
            "dev",
            deployment(
                GOOD_CONTAINER.replace(
                    "registry.bulwark.example/", "registry.bulwark.example:5000/"),
                "")),
        c(
            "platform-image-tag",
            false,
            "dev",
            deployment(
                GOOD_CONTAINER.replace(
                    "registry.bulwark.example/team-a/app:1.2.3",
                    "registry.bulwark.example:5000/team-a/app"),
                "")),
        c("platform-image-tag", false, "prod", deployment(GOOD_CONTAINER, "")),
        c(
            "platform-image-tag",
            true,
            "prod",
            deployment(GOOD_CONTAINER.replace(":1.2.3", ":1.2.3@sha256:" + "a".repeat(64)), "")),
        // resources
        c("platform-resources", true, "dev", deployment(GOOD_CONTAINER, "")),
        c(
            "platform-resources",
            false,
            "dev",
            deployment(
                GOOD_CONTAINER.replace("limits: {memory: 256Mi}", "limits: {cpu: '1'}"), "")),
        c(
            "platform-resources",
            false,
            "dev",
            deployment("{name: app, image: 'registry.bulwark.example/a:1'}", "")),
        c(
            "platform-resources",
            false,
            "dev",
            deployment(
                GOOD_CONTAINER,
                ", initContainers: [{name: init, image: 'registry.bulwark.example/a:1'}]")),
        // probes
        c("platform-probes", true, "dev", deployment(GOOD_CONTAINER, "")),
        c(
            "platform-probes",
            false,
            "dev",
            deployment(GOOD_CONTAINER.replace("readinessProbe", "startupProbe"), "")),
        // service type
        c(
            "platform-service-type",
            true,
            "dev",
            "{apiVersion: v1, kind: Service, metadata: {name: s, namespace: team-a-dev}, spec: {type: ClusterIP}}"),
        c(
            "platform-service-type",
            false,
            "dev",
            "{apiVersion: v1, kind: Service, metadata: {name: s, namespace: team-a-dev}, spec: {type: NodePort}}"),
        c(
            "platform-service-type",
            false,
            "dev",
            "{apiVersion: v1, kind: Service, metadata: {name: s, namespace: team-a-dev}, spec: {type: LoadBalancer}}"),
        c(
            "platform-service-type",
            true,
            "dev",
            "{apiVersion: v1, kind: Service, metadata: {name: s, namespace: bulwark-gateway}, spec: {type: LoadBalancer}}"),
        // route hosts
        c("platform-route-hosts", true, "dev", route("shop.team-a.bulwark.example", "https")),
        c("platform-route-hosts", false, "dev", route("shop.team-b.bulwark.example", "https")),
        c("platform-route-hosts", false, "dev", route("evil-team-a.bulwark.example", "https")),
        c("platform-route-hosts", false, "dev", route("shop.team-a.bulwark.example", "http")),
        c(
            "platform-route-hosts",
            true,
            "dev",
            ingress("shop.team-a.bulwark.example", "[shop.team-a.bulwark.example]")),
        c(
            "platform-route-hosts",
            false,
            "dev",
            ingress("shop.team-a.bulwark.example", "[other.team-a.bulwark.example]")),
        c("platform-route-hosts", false, "dev", ingress("shop.example.org", "[shop.example.org]")),
        // service account token
        c("platform-sa-token", true, "dev", deployment(GOOD_CONTAINER, "")),
        c(
            "platform-sa-token",
            false,
            "dev",
            deployment(GOOD_CONTAINER, "").replace("automountServiceAccountToken: false, ", "")),
        c(
            "platform-sa-token",
            false,
            "dev",
            deployment(GOOD_CONTAINER, "")
                .replace(
                    "automountServiceAccountToken: false", "automountServiceAccountToken: true")),
        // roles
        c(
            "platform-rbac-roles",
            true,
            "dev",
            role("{apiGroups: [apps], resources: [deployments], verbs: [get, list, update]}")),
        c(
            "platform-rbac-roles",
            false,
            "dev",
            role("{apiGroups: [apps], resources: [deployments], verbs: ['*']}")),
        c(
            "platform-rbac-roles",
            false,
            "dev",
            role("{apiGroups: ['*'], resources: [pods], verbs: [get]}")),
        c(
            "platform-rbac-roles",
            false,
            "dev",
            role("{apiGroups: [''], resources: ['pods/*'], verbs: [get]}")),
        c(
            "platform-rbac-roles",
            false,
            "dev",
            role(
                "{apiGroups: [rbac.authorization.k8s.io], resources: [roles], verbs: [escalate]}")),
        c(
            "platform-rbac-roles",
            false,
            "dev",
            role(
                "{apiGroups: [rbac.authorization.k8s.io], resources: [rolebindings], verbs: [bind]}")),
        c(
            "platform-rbac-roles",
            false,
            "dev",
            role("{apiGroups: [''], resources: [serviceaccounts], verbs: [impersonate]}")),
        // cluster-admin
        c("platform-rbac-cluster-admin", true, "dev", binding("RoleBinding", "edit")),
        c("platform-rbac-cluster-admin", false, "dev", binding("RoleBinding", "cluster-admin")),
        c(
            "platform-rbac-cluster-admin",
            false,
            "dev",
            binding("ClusterRoleBinding", "cluster-admin")),
        // plaintext credentials
        c(
            "platform-plaintext-credentials",
            true,
            "dev",
            configMap(
                "{LOG_LEVEL: debug, DATABASE_HOST: db.team-a.svc, PASSWORD_FILE: /var/run/secrets/db/password, TOKEN_TTL: 3600s, SECRET_NAME: db-credentials}")),
        c(
            "platform-plaintext-credentials",
            true,
            "dev",
            configMap(
                "{DATABASE_URL: 'postgres://app:${DB_PASSWORD}@db:5432/app', HOMEPAGE: 'https://user@example.com/'}")),
        c(
            "platform-plaintext-credentials",
            false,
            "dev",
            configMap(
                "{key.pem: \"-----BEGIN RSA PRIVATE KEY-----\\nMIIEow...\\n-----END RSA PRIVATE KEY-----\"}")),
        c(
            "platform-plaintext-credentials",
            false,
            "dev",
            configMap("{AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE}")),
        c(
            "platform-plaintext-credentials",
            false,
            "dev",
            configMap("{DATABASE_URL: 'postgres://app:s3cr3tPassw0rd@db:5432/app'}")),
        c(
            "platform-plaintext-credentials",
            false,
            "dev",
            configMap("{api_token: 'f3a9c1e77b2d4a0e9c8b6d5f4e3a2b1c'}")),
        c(
            "platform-plaintext-credentials",
            false,
            "dev",
            configMap("{GITHUB: 'ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8" + "'}")),
        c(
            "platform-plaintext-credentials",
            false,
            "dev",
            deployment(
                GOOD_CONTAINER
                    .replace(
                        "resources:",
                        "env: [{name: DB_PASSWORD, value: 'Xk9#mQ2vL7pR4tW8'}, {name: MODE, value: prod}], resources:")
                    .replace("Xk9#", "Xk9z"),
                "")),
        c(
            "platform-plaintext-credentials",
            true,
            "dev",
            deployment(
                GOOD_CONTAINER.replace(
                    "resources:",
                    "env: [{name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}, {name: MODE, value: prod}], resources:"),
                "")),
        // ownership labels
        c("platform-ownership-labels", true, "dev", deployment(GOOD_CONTAINER, "")),
        c(
            "platform-ownership-labels",
            false,
            "dev",
            deployment(GOOD_CONTAINER, "")
                .replace(
                    "labels: {bulwark.dev/tenant: team-a, app.kubernetes.io/name: app}",
                    "labels: {app.kubernetes.io/name: app}")),
        c(
            "platform-ownership-labels",
            false,
            "dev",
            "{apiVersion: v1, kind: Service, metadata: {name: s, namespace: team-a-dev}, spec: {type: ClusterIP}}"));
  }

  static String route(String host, String section) {
    return "{apiVersion: gateway.networking.k8s.io/v1, kind: HTTPRoute, metadata: {name: r, namespace: team-a-dev}, spec: {parentRefs: [{name: bulwark, namespace: bulwark-gateway, sectionName: "
        + section
        + "}], hostnames: ["
        + host
        + "], rules: [{backendRefs: [{name: app, port: 80}]}]}}";
  }

  static String ingress(String host, String tlsHosts) {
    return "{apiVersion: networking.k8s.io/v1, kind: Ingress, metadata: {name: i, namespace: team-a-dev}, spec: {tls: [{hosts: "
        + tlsHosts
        + ", secretName: tls}], rules: [{host: "
        + host
        + ", http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: app, port: {number: 80}}}}]}}]}}";
  }

  static String role(String rule) {
    return "{apiVersion: rbac.authorization.k8s.io/v1, kind: Role, metadata: {name: r, namespace: team-a-dev}, rules: ["
        + rule
        + "]}";
  }

  static String binding(String kind, String role) {
    return "{apiVersion: rbac.authorization.k8s.io/v1, kind: "
        + kind
        + ", metadata: {name: b, namespace: team-a-dev}, roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "
        + role
        + "}, subjects: [{kind: Group, name: g, apiGroup: rbac.authorization.k8s.io}]}";
  }

  static String configMap(String data) {
    return "{apiVersion: v1, kind: ConfigMap, metadata: {name: c, namespace: team-a-dev}, data: "
        + data
        + "}";
  }

  static Arguments c(String policy, boolean passes, String environment, String yaml) {
    return Arguments.of(policy, passes, environment, yaml);
  }

  @ParameterizedTest(name = "{0} passes={1} in {2}: {3}")
  @MethodSource("cases")
  void ruleAgreesWithItsDefinition(String policy, boolean passes, String environment, String yaml) {
    assertVerdict(
        policy,
        passes,
        yaml,
        Map.of("bulwark.dev/tenant", "team-a", "bulwark.dev/environment", environment));
  }

  /** The policy finds nothing in {@code yaml} exactly when it {@code passes}, without errors. */
  static void assertVerdict(
      String policy, boolean passes, String yaml, Map<String, String> namespaceLabels) {
    JsonNode object = Fixtures.yaml(yaml);
    JsonNode namespace =
        AdmissionInput.namespace(
            object.path("metadata").path("namespace").asText(),
            "restricted",
            "latest",
            namespaceLabels);
    List<Finding> findings = Fixtures.findings(policy, object, namespace);
    assertThat(findings).allSatisfy(f -> assertThat(f.error()).as(f.message()).isFalse());
    assertThat(findings.isEmpty())
        .as("findings: %s", findings.stream().map(Finding::message).toList())
        .isEqualTo(passes);
  }

  @org.junit.jupiter.api.Test
  void credentialMessagesNeverRepeatTheValue() {
    JsonNode cm = Fixtures.yaml(configMap("{AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE}"));
    List<Finding> findings =
        Fixtures.findings("platform-plaintext-credentials", cm, "restricted", "latest");
    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message())
                  .contains("AWS_ACCESS_KEY_ID")
                  .doesNotContain("AKIAIOSFODNN7EXAMPLE");
            });
  }
}
