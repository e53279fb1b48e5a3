package dev.bulwark.console;

import dev.bulwark.controlplane.SharedData;
import dev.bulwark.testkit.Needed;
import dev.bulwark.testkit.cluster.Crds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the platform's components would report for the console's two tenants, on the real API server
 * with the components' published CRDs (../shared): a cert-manager Certificate, a Velero Schedule
 * with a failed and a completed Backup, a Tekton PipelineRun in the tenant's CI namespace (with the
 * CI viewer Role bulwark-platform gives the tenant's groups) and a gate PolicyReport, for acme and
 * for beta. Beta's objects carry names that must never appear on acme's pages.
 */
final class OperationsCluster {

  static final String POLICY_REPORT_CRD =
      "charts/kyverno/3.9.0/charts/crds/templates/wgpolicyk8s.io/wgpolicyk8s.io_policyreports.yaml";

  private OperationsCluster() {}

  static void apply(KubernetesClient admin) throws Exception {
    for (String crd :
        List.of(
            "crds/cert-manager/cert-manager.io_certificates.yaml",
            "crds/velero/velero.io_schedules.yaml",
            "crds/velero/velero.io_backups.yaml",
            "crds/tekton-pipeline/300-pipelinerun.yaml",
            POLICY_REPORT_CRD)) {
      install(admin, crd);
    }
    admin
        .resource(new NamespaceBuilder().withNewMetadata().withName("velero").endMetadata().build())
        .serverSideApply();
    for (String tenant : List.of("acme", "beta")) {
      String dev = tenant + "-dev";
      String app = tenant.equals("acme") ? "api" : "billing";
      create(
          admin,
          object("cert-manager.io/v1", "Certificate", dev, tenant + "-tls", Map.of())
              .addToAdditionalProperties(
                  "spec",
                  Map.of(
                      "secretName",
                      tenant + "-tls",
                      "dnsNames",
                      List.of(tenant + ".console.example.test"),
                      "issuerRef",
                      Map.of("name", "letsencrypt", "kind", "ClusterIssuer")))
              .build(),
          Map.of(
              "conditions",
              List.of(Map.of("type", "Ready", "status", "True", "reason", "Ready")),
              "notAfter",
              "2027-03-01T00:00:00Z",
              "renewalTime",
              "2027-01-30T00:00:00Z"));
      schedule(admin, tenant);
      ciNamespace(admin, tenant);
      create(
          admin,
          object(
                  "tekton.dev/v1",
                  "PipelineRun",
                  tenant + "-ci",
                  app + "-run-1",
                  Map.of("bulwark.dev/application", app))
              .addToAdditionalProperties("spec", Map.of("pipelineRef", Map.of("name", app)))
              .build(),
          Map.of(
              "startTime",
              "2026-12-04T01:00:00Z",
              "completionTime",
              "2026-12-04T01:05:00Z",
              "conditions",
              List.of(Map.of("type", "Succeeded", "status", "True", "reason", "Succeeded"))));
      create(admin, gateReport(tenant, app, dev), Map.of());
    }
  }

  private static void schedule(KubernetesClient admin, String tenant) {
    String name = "tenant-" + tenant;
    create(
        admin,
        object("velero.io/v1", "Schedule", "velero", name, Map.of("bulwark.dev/tenant", tenant))
            .addToAdditionalProperties(
                "spec",
                Map.of(
                    "schedule",
                    "0 2 * * *",
                    "template",
                    Map.of("includedNamespaces", List.of(tenant + "-dev"))))
            .build(),
        Map.of());
    int day = 1;
    for (String phase : List.of("Completed", "Failed")) {
      create(
          admin,
          object(
                  "velero.io/v1",
                  "Backup",
                  "velero",
                  name + "-2026120" + day,
                  Map.of(Operations.SCHEDULE_LABEL, name))
              .addToAdditionalProperties(
                  "spec", Map.of("includedNamespaces", List.of(tenant + "-dev")))
              .build(),
          Map.of(
              "phase",
              phase,
              "startTimestamp",
              "2026-12-0" + day + "T02:00:00Z",
              "completionTimestamp",
              "2026-12-0" + day + "T02:10:00Z"));
      day++;
    }
  }

  /** The CI namespace with the viewer Role bulwark-platform binds to the tenant's groups. */
  private static void ciNamespace(KubernetesClient admin, String tenant) {
    String ns = tenant + "-ci";
    admin
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .serverSideApply();
    admin
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName("pipeline-viewer")
                .withNamespace(ns)
                .endMetadata()
                .addNewRule()
                .withApiGroups("tekton.dev")
                .withResources("pipelineruns")
                .withVerbs("get", "list", "watch")
                .endRule()
                .build())
        .serverSideApply();
    var binding =
        new RoleBindingBuilder()
            .withNewMetadata()
            .withName("pipeline-viewer")
            .withNamespace(ns)
            .endMetadata()
            .withNewRoleRef("rbac.authorization.k8s.io", "Role", "pipeline-viewer");
    for (String role : List.of("owners", "developers", "viewers")) {
      binding
          .addNewSubject()
          .withKind("Group")
          .withApiGroup("rbac.authorization.k8s.io")
          .withName("oidc:" + tenant + "-" + role)
          .endSubject();
    }
    admin.resource(binding.build()).serverSideApply();
  }

  /** A PolicyReport as bulwark-gate's PolicyReportWriter writes it, reduced to its decision. */
  private static GenericKubernetesResource gateReport(String tenant, String app, String ns) {
    String digest = "sha256:" + (tenant.equals("acme") ? "a" : "b").repeat(64);
    GenericKubernetesResource report =
        object(
                "wgpolicyk8s.io/v1alpha2",
                "PolicyReport",
                ns,
                "gate-" + app + "-dev",
                Map.of(
                    "bulwark.dev/tenant",
                    tenant,
                    "bulwark.dev/application",
                    app,
                    "bulwark.dev/environment",
                    "dev"))
            .addToAdditionalProperties(
                "results",
                List.of(
                    Map.of(
                        "source",
                        "bulwark",
                        "policy",
                        "bulwark-gate",
                        "rule",
                        "decision",
                        "result",
                        tenant.equals("acme") ? "fail" : "pass",
                        "category",
                        "decision",
                        "message",
                        "gate " + (tenant.equals("acme") ? "BLOCKED" : "PASSED") + ": " + tenant,
                        "timestamp",
                        Map.of("seconds", 1796000000, "nanos", 0))))
            .addToAdditionalProperties("summary", Map.of("pass", 0, "fail", 1))
            .build();
    report.getMetadata().setAnnotations(Map.of("bulwark.dev/image-digest", digest));
    return report;
  }

  private static GenericKubernetesResourceBuilder object(
      String apiVersion, String kind, String ns, String name, Map<String, String> labels) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(apiVersion)
        .withKind(kind)
        .withNewMetadata()
        .withName(name)
        .withNamespace(ns)
        .withLabels(labels)
        .endMetadata();
  }

  /** Creates the object with its status, as the component's controller would have written it. */
  private static void create(
      KubernetesClient admin, GenericKubernetesResource object, Map<String, Object> status) {
    var client =
        admin
            .genericKubernetesResources(object.getApiVersion(), object.getKind())
            .inNamespace(object.getMetadata().getNamespace());
    if (!status.isEmpty()) {
      object.setAdditionalProperty("status", status);
    }
    GenericKubernetesResource created = client.resource(object).create();
    // with a status subresource the API server dropped the status: write it there
    if (!status.isEmpty() && created.getAdditionalProperties().get("status") == null) {
      created.setAdditionalProperty("status", status);
      client.resource(created).updateStatus();
    }
  }

  /** A CRD from the shared folder; Helm template lines ({{ ... }}) only add labels, and go. */
  private static void install(KubernetesClient admin, String relative) throws Exception {
    Optional<Path> file = SharedData.resolve(relative);
    Needed.require(
        file.isPresent() && Files.isRegularFile(file.get()),
        "the shared folder with " + relative + "; set -Dbulwark.shared.dir");
    String yaml =
        Files.readAllLines(file.get()).stream()
            .filter(line -> !line.strip().startsWith("{{"))
            .collect(Collectors.joining("\n"));
    CustomResourceDefinition crd =
        admin
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
            .item();
    Crds.applyAndAwait(admin, crd);
  }
}
