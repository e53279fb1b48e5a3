package dev.bulwark.policy.engine;

import static dev.bulwark.policy.engine.PlatformRulesTest.GOOD_CONTAINER;
import static dev.bulwark.policy.engine.PlatformRulesTest.binding;
import static dev.bulwark.policy.engine.PlatformRulesTest.configMap;
import static dev.bulwark.policy.engine.PlatformRulesTest.deployment;
import static dev.bulwark.policy.engine.PlatformRulesTest.route;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pass and fail cases of the rules that close what a hostile tenant could do (issue 13, item 8),
 * from the Kubernetes documentation's own examples where it has them.
 */
class HostileTenantRulesTest {

  private static final String DEV = "dev";
  private static final String PROD = "prod";

  static Arguments c(String policy, boolean passes, String environment, String yaml) {
    return Arguments.of(policy, passes, environment, yaml);
  }

  static String roleBinding(String roleKind, String role, String subject) {
    return "{apiVersion: rbac.authorization.k8s.io/v1, kind: RoleBinding, metadata: {name: b, namespace: team-a-dev}, "
        + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: "
        + roleKind
        + ", name: "
        + role
        + "}, subjects: [{"
        + subject
        + "}]}";
  }

  static String role(String name, String resources) {
    return "{apiVersion: rbac.authorization.k8s.io/v1, kind: Role, metadata: {name: "
        + name
        + ", namespace: team-a-prod}, rules: [{apiGroups: [''], resources: "
        + resources
        + ", verbs: [get, create]}]}";
  }

  static String service(String spec) {
    return "{apiVersion: v1, kind: Service, metadata: {name: my-service, namespace: team-a-dev}, spec: "
        + spec
        + "}";
  }

  static String pdb(String spec) {
    return "{apiVersion: policy/v1, kind: PodDisruptionBudget, metadata: {name: zk-pdb, namespace: team-a-dev}, spec: "
        + spec
        + "}";
  }

  static String env(String name, String value) {
    return deployment(
        GOOD_CONTAINER.replace(
            "resources:", "env: [{name: " + name + ", value: '" + value + "'}], resources:"),
        "");
  }

  static String grpcRoute(String host, String section) {
    return route(host, section).replace("kind: HTTPRoute", "kind: GRPCRoute");
  }

  static final String GROUP = "kind: Group, apiGroup: rbac.authorization.k8s.io, name: ";

  public static Stream<Arguments> cases() {
    return Stream.of(
        // bindings to ClusterRoles: only the allow-list
        c("platform-rbac-cluster-roles", true, DEV, roleBinding("Role", "pod-reader", GROUP + "g")),
        c("platform-rbac-cluster-roles", true, DEV, binding("RoleBinding", "view")),
        c("platform-rbac-cluster-roles", false, DEV, binding("RoleBinding", "edit")),
        c("platform-rbac-cluster-roles", false, DEV, binding("RoleBinding", "cluster-admin")),
        c(
            "platform-rbac-cluster-roles",
            false,
            DEV,
            binding("RoleBinding", "system:controller:namespace-controller")),
        // bindings to everyone
        c(
            "platform-rbac-public-subjects",
            true,
            DEV,
            roleBinding("Role", "r", GROUP + "oidc:team-a-developers")),
        c(
            "platform-rbac-public-subjects",
            false,
            DEV,
            roleBinding("Role", "r", GROUP + "system:authenticated")),
        c(
            "platform-rbac-public-subjects",
            false,
            DEV,
            roleBinding("Role", "r", GROUP + "system:unauthenticated")),
        c(
            "platform-rbac-public-subjects",
            false,
            DEV,
            roleBinding("Role", "r", GROUP + "system:serviceaccounts")),
        c(
            "platform-rbac-public-subjects",
            false,
            DEV,
            roleBinding(
                "Role",
                "r",
                "kind: User, apiGroup: rbac.authorization.k8s.io, name: system:anonymous")),
        c(
            "platform-rbac-public-subjects",
            true,
            DEV,
            roleBinding("Role", "r", "kind: ServiceAccount, name: default, namespace: team-a-dev")),
        // exec and attach in production
        c("platform-rbac-exec", false, PROD, role("debugger", "[pods, pods/exec]")),
        c("platform-rbac-exec", false, PROD, role("debugger", "[pods/attach]")),
        c("platform-rbac-exec", true, PROD, role("reader", "[pods, pods/log]")),
        c("platform-rbac-exec", true, PROD, role("bulwark-break-glass", "[pods/exec]")),
        c("platform-rbac-exec", true, DEV, role("debugger", "[pods/exec]")),
        // externalIPs (CVE-2020-8554): the documentation's example Service
        c(
            "platform-service-external-ips",
            false,
            DEV,
            service(
                "{selector: {app.kubernetes.io/name: MyApp}, ports: [{name: http, protocol: TCP, port: 80, targetPort: 49152}], externalIPs: [198.51.100.32]}")),
        c(
            "platform-service-external-ips",
            true,
            DEV,
            service(
                "{selector: {app.kubernetes.io/name: MyApp}, ports: [{name: http, protocol: TCP, port: 80, targetPort: 49152}]}")),
        // disruption budgets: the documentation's zk-pdb examples, and the ones that block drains
        c(
            "platform-pdb-drain",
            true,
            DEV,
            pdb("{minAvailable: 2, selector: {matchLabels: {app: zookeeper}}}")),
        c(
            "platform-pdb-drain",
            true,
            DEV,
            pdb("{maxUnavailable: 1, selector: {matchLabels: {app: zookeeper}}}")),
        c(
            "platform-pdb-drain",
            false,
            DEV,
            pdb("{maxUnavailable: 0, selector: {matchLabels: {app: zookeeper}}}")),
        c(
            "platform-pdb-drain",
            false,
            DEV,
            pdb("{maxUnavailable: '0%', selector: {matchLabels: {app: zookeeper}}}")),
        c(
            "platform-pdb-drain",
            false,
            DEV,
            pdb("{minAvailable: '100%', selector: {matchLabels: {app: zookeeper}}}")),
        c(
            "platform-pdb-drain",
            true,
            DEV,
            pdb("{minAvailable: '50%', selector: {matchLabels: {app: zookeeper}}}")),
        // GRPCRoute: the same host rule as HTTPRoute
        c("platform-route-hosts", true, DEV, grpcRoute("grpc.team-a.bulwark.example", "https")),
        c("platform-route-hosts", false, DEV, grpcRoute("grpc.team-b.bulwark.example", "https")),
        c("platform-route-hosts", false, DEV, grpcRoute("'*.bulwark.example'", "https")),
        c("platform-route-hosts", false, DEV, grpcRoute("grpc.team-a.bulwark.example", "http")),
        // human-style credentials under credential names
        c("platform-plaintext-credentials", false, DEV, env("DB_PASSWORD", "Summer2024!")),
        c("platform-plaintext-credentials", false, DEV, env("STRIPE_KEY", "hunter2-prod")),
        c("platform-plaintext-credentials", false, DEV, configMap("{SMTP_PASSWORD: 'p@ssw0rd'}")),
        c("platform-plaintext-credentials", true, DEV, env("DB_PASSWORD", "${DB_PASSWORD}")),
        c("platform-plaintext-credentials", true, DEV, env("TLS_KEY", "/etc/tls/tls.key")),
        c("platform-plaintext-credentials", true, DEV, env("PARTITION_KEY", "tenant")),
        c(
            "platform-plaintext-credentials",
            true,
            DEV,
            configMap("{SECRET_NAME: db, PASSWORD_MIN_LENGTH: '12'}")),
        // read-only root filesystem and image pull policy
        c("platform-read-only-root", false, DEV, deployment(GOOD_CONTAINER, "")),
        c(
            "platform-read-only-root",
            true,
            DEV,
            deployment(
                GOOD_CONTAINER.replace(
                    "resources:", "securityContext: {readOnlyRootFilesystem: true}, resources:"),
                "")),
        c("platform-image-pull-always", false, DEV, deployment(GOOD_CONTAINER, "")),
        c(
            "platform-image-pull-always",
            true,
            DEV,
            deployment(
                GOOD_CONTAINER.replace("resources:", "imagePullPolicy: Always, resources:"), "")));
  }

  @ParameterizedTest(name = "{0} passes={1} in {2}: {3}")
  @MethodSource("cases")
  void ruleAgreesWithItsDefinition(String policy, boolean passes, String environment, String yaml) {
    Map<String, String> labels = new TreeMap<>();
    labels.put("bulwark.dev/tenant", "team-a");
    labels.put("bulwark.dev/environment", environment);
    if (environment.equals(PROD)) {
      labels.put("bulwark.dev/production", "true");
    }
    PlatformRulesTest.assertVerdict(policy, passes, yaml, labels);
  }
}
