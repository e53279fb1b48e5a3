package dev.bulwark.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.operator.runtime.BulwarkOperator;
import dev.bulwark.operator.runtime.OperatorSettings;
import dev.bulwark.testkit.cluster.HelmChart;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chart's RBAC, installed on a real API server and used through impersonation of the chart's
 * service account: enough for everything the operator does (leader election included), and not
 * enough for cluster-admin-like actions.
 */
@RealApiServer
class ChartRbacTest {

  @Test
  void theChartsRoleIsEnoughForTheOperatorAndDeniesClusterAdminActions(
      KubernetesClient admin, Config adminConfig) throws Exception {
    LiveFixture.installCrds(admin);
    LiveFixture.ensurePlatform(admin);
    HelmChart.installRbac(admin);
    Config impersonated = HelmChart.asServiceAccount(adminConfig);

    OperatorSettings settings =
        OperatorSettings.local("rbac-test")
            .withLeaderElection(HelmChart.NAMESPACE, "bulwark-operator", false)
            .withHttpPort(0);
    try (BulwarkOperator operator = BulwarkOperator.start(impersonated, settings)) {
      Tenant tenant =
          LiveFixture.awaitReady(
              admin,
              admin.resource(LiveFixture.tenant("rbac", "dev", "prod")).create(),
              Duration.ofSeconds(60));
      String host = LiveFixture.gatewayApi() ? "shop.example.test" : null;
      Application app =
          LiveFixture.awaitReady(
              admin,
              admin
                  .resource(LiveFixture.application("rbac-dev", "shop", "rbac", 8080, host, "prod"))
                  .create(),
              Duration.ofSeconds(30));
      assertThat(
              admin
                  .resources(io.fabric8.kubernetes.api.model.coordination.v1.Lease.class)
                  .inNamespace(HelmChart.NAMESPACE)
                  .withName("bulwark-operator")
                  .get())
          .as("leader election")
          .isNotNull();
      assertThat(
              admin
                  .v1()
                  .events()
                  .inAnyNamespace()
                  .withField("involvedObject.name", "rbac")
                  .list()
                  .getItems())
          .as("events")
          .isNotEmpty();

      int port = operator.httpPort().orElseThrow();
      assertThat(get(port, "/healthz")).startsWith("200 ok");
      assertThat(get(port, "/readyz")).startsWith("200 ok");
      assertThat(get(port, "/metrics"))
          .startsWith("200")
          .contains("bulwark_api_writes_total", "bulwark_objects_total");

      admin.resource(app).delete();
      admin.resource(tenant).delete();
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> admin.resources(Tenant.class).withName("rbac").get() == null);
    }

    try (KubernetesClient operatorIdentity =
        new KubernetesClientBuilder().withConfig(impersonated).build()) {
      assertThat(allowed(operatorIdentity, "get", "", "secrets", "kube-system"))
          .as("read Secrets")
          .isFalse();
      assertThat(allowed(operatorIdentity, "list", "", "secrets", ""))
          .as("list Secrets cluster-wide")
          .isFalse();
      assertThat(
              allowed(
                  operatorIdentity,
                  "create",
                  "rbac.authorization.k8s.io",
                  "clusterrolebindings",
                  ""))
          .as("bind cluster roles")
          .isFalse();
      assertThat(
              allowed(
                  operatorIdentity, "escalate", "rbac.authorization.k8s.io", "clusterroles", ""))
          .as("escalate cluster roles")
          .isFalse();
      // the one exception (ADR 0030): the pipeline listeners' ClusterRole and its one binding
      for (String verb : List.of("create", "patch", "escalate", "bind")) {
        assertThat(
                allowed(
                    operatorIdentity,
                    verb,
                    "rbac.authorization.k8s.io",
                    "clusterroles",
                    "",
                    "bulwark-pipeline-listener"))
            .as(verb + " the pipeline listeners' ClusterRole")
            .isTrue();
        assertThat(
                allowed(
                    operatorIdentity,
                    verb,
                    "rbac.authorization.k8s.io",
                    "clusterroles",
                    "",
                    "cluster-admin"))
            .as(verb + " cluster-admin")
            .isFalse();
      }
      assertThat(
              allowed(
                  operatorIdentity,
                  "create",
                  "rbac.authorization.k8s.io",
                  "clusterrolebindings",
                  "",
                  "bulwark-pipeline-listener"))
          .as("create the pipeline listeners' ClusterRoleBinding")
          .isTrue();
      assertThat(allowed(operatorIdentity, "create", "", "pods", "kube-system"))
          .as("run pods")
          .isFalse();
      // Deployments it may apply, for applications' workloads (ADR 0022); other controllers not.
      assertThat(allowed(operatorIdentity, "create", "apps", "daemonsets", "default"))
          .as("run workloads on every node")
          .isFalse();
      assertThat(allowed(operatorIdentity, "create", "apps", "statefulsets", "default"))
          .as("run stateful workloads")
          .isFalse();
      assertThat(allowed(operatorIdentity, "patch", "", "nodes", "")).as("touch nodes").isFalse();
      assertThat(
              allowed(
                  operatorIdentity,
                  "create",
                  "apiextensions.k8s.io",
                  "customresourcedefinitions",
                  ""))
          .as("install CRDs")
          .isFalse();
      assertThat(
              allowed(
                  operatorIdentity,
                  "create",
                  "admissionregistration.k8s.io",
                  "validatingwebhookconfigurations",
                  ""))
          .as("webhooks")
          .isFalse();
      assertThat(allowed(operatorIdentity, "impersonate", "", "users", ""))
          .as("impersonate")
          .isFalse();
      assertThat(allowed(operatorIdentity, "patch", "", "namespaces", ""))
          .as("sanity: what it needs is allowed")
          .isTrue();
      assertThat(
              allowed(
                  operatorIdentity,
                  "escalate",
                  "rbac.authorization.k8s.io",
                  "roles",
                  "rbac-dev",
                  "bulwark-owner"))
          .as("escalate the tenant owner Role")
          .isTrue();
      assertThat(
              allowed(
                  operatorIdentity,
                  "escalate",
                  "rbac.authorization.k8s.io",
                  "roles",
                  "rbac-dev",
                  "anything-else"))
          .as("escalate any other Role")
          .isFalse();
      assertThat(
              allowed(
                  operatorIdentity,
                  "bind",
                  "rbac.authorization.k8s.io",
                  "roles",
                  "rbac-dev",
                  "anything-else"))
          .as("bind any other Role")
          .isFalse();
    }
  }

  /** {@code "<status> <body>"} of a GET on the operator's health and metrics port. */
  private static String get(int port, String path) throws Exception {
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + path))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body();
  }

  private static boolean allowed(
      KubernetesClient client, String verb, String group, String resource, String namespace) {
    return allowed(client, verb, group, resource, namespace, null);
  }

  private static boolean allowed(
      KubernetesClient client,
      String verb,
      String group,
      String resource,
      String namespace,
      String name) {
    SelfSubjectAccessReview review =
        new SelfSubjectAccessReviewBuilder()
            .withNewSpec()
            .withNewResourceAttributes()
            .withVerb(verb)
            .withGroup(group)
            .withResource(resource)
            .withNamespace(namespace)
            .withName(name)
            .endResourceAttributes()
            .endSpec()
            .build();
    return client
        .authorization()
        .v1()
        .selfSubjectAccessReview()
        .create(review)
        .getStatus()
        .getAllowed();
  }
}
