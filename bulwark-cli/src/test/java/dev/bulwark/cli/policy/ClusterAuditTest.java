package dev.bulwark.cli.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.policy.audit.PolicyReports;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.testkit.cluster.PolicyReportCrds;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cluster audit's PolicyReports on a real API server with the wg-policy CRDs. */
@RealApiServer
class ClusterAuditTest {

  @Test
  void aViolationFailsInItsNamespacesReportAFixPassesAndANamespaceNoLongerAuditedLosesItsReport(
      KubernetesClient client) throws Exception {
    PolicyReportCrds.install(client);
    namespace(client, "auditx-dev", "auditx");
    namespace(client, "auditx-prod", "auditx");
    client.resource(deployment("auditx-dev", "web", true)).serverSideApply();
    client.resource(deployment("auditx-prod", "api", false)).serverSideApply();
    ClusterAudit audit = new ClusterAudit(client, Clock.systemUTC());

    AuditReports.Published first = audit.run();

    assertThat(first.written())
        .contains(
            "PolicyReport auditx-dev/bulwark-audit", "PolicyReport auditx-prod/bulwark-audit");
    GenericKubernetesResource dev = report(client, "auditx-dev");
    assertThat(dev.getMetadata().getLabels()).containsEntry(BulwarkLabels.TENANT, "auditx");
    assertThat(result(dev, "pss-privileged", "web"))
        .containsEntry("result", "fail")
        .containsEntry("severity", librarySeverity("pss-privileged"));
    assertThat(result(report(client, "auditx-prod"), "pss-privileged", "api"))
        .containsEntry("result", "pass");
    assertThat(((Map<?, ?>) dev.get("summary")).get("fail")).isNotEqualTo(0);

    client.resource(deployment("auditx-dev", "web", false)).forceConflicts().serverSideApply();
    // auditx-prod leaves the tenants (its default ServiceAccount and CA ConfigMap would otherwise
    // keep it audited): nothing of it is audited any more
    client
        .namespaces()
        .withName("auditx-prod")
        .edit(
            ns -> {
              ns.getMetadata().getLabels().remove(BulwarkLabels.TENANT);
              return ns;
            });
    AuditReports.Published second = audit.run();

    assertThat(result(report(client, "auditx-dev"), "pss-privileged", "web"))
        .containsEntry("result", "pass");
    // a rerun replaces: still one report in the namespace, with one result per policy and object
    assertThat(
            client
                .genericKubernetesResources(PolicyReports.API_VERSION, "PolicyReport")
                .inNamespace("auditx-dev")
                .list()
                .getItems())
        .hasSize(1);
    assertThat(
            results(report(client, "auditx-dev")).stream()
                .filter(r -> isFor(r, "pss-privileged", "web")))
        .hasSize(1);
    assertThat(second.deleted()).contains("PolicyReport auditx-prod/bulwark-audit");
    assertThat(report(client, "auditx-prod")).isNull();
  }

  private static String librarySeverity(String policy) {
    return PolicyLibrary.standard().select(PolicyLibrary.Selection.ALL).stream()
        .filter(p -> p.id().equals(policy))
        .findFirst()
        .orElseThrow()
        .severity()
        .label();
  }

  private static void namespace(KubernetesClient client, String name, String tenant) {
    client
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels(BulwarkLabels.TENANT, tenant)
                .endMetadata()
                .build())
        .serverSideApply();
  }

  private static Deployment deployment(String namespace, String name, boolean privileged) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata()
        .withNewSpec()
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName(name)
        .withImage("registry.example.test/" + name + ":1")
        .withNewSecurityContext()
        .withPrivileged(privileged)
        .endSecurityContext()
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static GenericKubernetesResource report(KubernetesClient client, String namespace) {
    return client
        .genericKubernetesResources(PolicyReports.API_VERSION, "PolicyReport")
        .inNamespace(namespace)
        .withName(PolicyReports.NAME)
        .get();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> results(GenericKubernetesResource report) {
    return (List<Map<String, Object>>) report.get("results");
  }

  private static Map<String, Object> result(
      GenericKubernetesResource report, String policy, String object) {
    return results(report).stream()
        .filter(r -> isFor(r, policy, object))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + policy + " result for " + object));
  }

  @SuppressWarnings("unchecked")
  private static boolean isFor(Map<String, Object> result, String policy, String object) {
    List<Map<String, Object>> resources = (List<Map<String, Object>>) result.get("resources");
    return policy.equals(result.get("policy")) && object.equals(resources.get(0).get("name"));
  }
}
