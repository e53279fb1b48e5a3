package dev.bulwark.console;

import dev.bulwark.api.BulwarkLabels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the platform's components report about a tenant: cert-manager Certificates, Velero backups,
 * Tekton PipelineRuns and the gate's PolicyReports. The caller has already decided which namespaces
 * the person may see ({@link ClusterView}); PipelineRuns are read as the person (the CI namespace's
 * viewer Role grants it), the others with the console's identity, because the tenant Roles do not
 * name those kinds and Velero's objects live in the platform's namespace (ADR 0032, addendum). A
 * component that is not installed (its CRD absent) reads as nothing.
 */
final class Operations {

  /** The namespace Velero runs in and keeps its Schedules and Backups (the catalog's). */
  static final String VELERO_NAMESPACE = "velero";

  /** The label Velero puts on a Backup it made for a Schedule. */
  static final String SCHEDULE_LABEL = "velero.io/schedule-name";

  record Certificate(
      String namespace,
      String name,
      String dnsNames,
      String ready,
      String notAfter,
      String renewal) {}

  record Backups(String schedule, String cron, String lastSuccessful, String lastPhase) {}

  record Run(String name, String outcome, String reason, String started, String finished) {}

  record GateDecision(
      String environment, String digest, String result, String message, String decided) {}

  private final KubernetesClient service;

  /** The namespace the tenant's pipelines run in, as bulwark-platform's TenantCi names it. */
  static String ciNamespace(String tenant) {
    return tenant + "-ci";
  }

  Operations(KubernetesClient service) {
    this.service = service;
  }

  List<Certificate> certificates(List<String> namespaces) {
    return namespaces.stream()
        .flatMap(ns -> list(service, "cert-manager.io/v1", "Certificate", ns, Map.of()).stream())
        .map(
            c ->
                new Certificate(
                    c.getMetadata().getNamespace(),
                    c.getMetadata().getName(),
                    String.join(", ", strings(at(c, "spec", "dnsNames"))),
                    condition(c, "Ready").orElse("Unknown"),
                    text(at(c, "status", "notAfter")),
                    text(at(c, "status", "renewalTime"))))
        .toList();
  }

  /** Each of the tenant's Schedules with its last successful Backup and its last Backup's phase. */
  List<Backups> backups(String tenant) {
    List<GenericKubernetesResource> backups =
        list(service, "velero.io/v1", "Backup", VELERO_NAMESPACE, Map.of());
    return list(
            service,
            "velero.io/v1",
            "Schedule",
            VELERO_NAMESPACE,
            Map.of(BulwarkLabels.TENANT, tenant))
        .stream()
        .sorted(Comparator.comparing(s -> s.getMetadata().getName()))
        .map(
            s -> {
              List<GenericKubernetesResource> own =
                  backups.stream()
                      .filter(b -> s.getMetadata().getName().equals(label(b, SCHEDULE_LABEL)))
                      .sorted(Comparator.comparing(Operations::started).reversed())
                      .toList();
              return new Backups(
                  s.getMetadata().getName(),
                  text(at(s, "spec", "schedule")),
                  own.stream()
                      .filter(b -> "Completed".equals(at(b, "status", "phase")))
                      .findFirst()
                      .map(
                          b ->
                              b.getMetadata().getName()
                                  + " at "
                                  + at(b, "status", "completionTimestamp"))
                      .orElse("none"),
                  own.stream().findFirst().map(b -> text(at(b, "status", "phase"))).orElse("-"));
            })
        .toList();
  }

  /** The application's PipelineRuns in the tenant's CI namespace, newest first; as the person. */
  static List<Run> runs(KubernetesClient user, String ciNamespace, String app) {
    return list(
            user,
            "tekton.dev/v1",
            "PipelineRun",
            ciNamespace,
            Map.of(BulwarkLabels.APPLICATION, app))
        .stream()
        .sorted(Comparator.comparing(Operations::runStart).reversed())
        .map(
            r ->
                new Run(
                    r.getMetadata().getName(),
                    condition(r, "Succeeded")
                        .map(
                            s ->
                                switch (s) {
                                  case "True" -> "Succeeded";
                                  case "False" -> "Failed";
                                  default -> "Running";
                                })
                        .orElse("Pending"),
                    conditionReason(r, "Succeeded"),
                    text(at(r, "status", "startTime")),
                    text(at(r, "status", "completionTime"))))
        .toList();
  }

  /** The gate's decisions about the application in {@code namespaces}, newest first. */
  List<GateDecision> gateDecisions(String tenant, String app, List<String> namespaces) {
    return namespaces.stream()
        .flatMap(
            ns ->
                list(
                    service,
                    "wgpolicyk8s.io/v1alpha2",
                    "PolicyReport",
                    ns,
                    Map.of(BulwarkLabels.TENANT, tenant, BulwarkLabels.APPLICATION, app))
                    .stream())
        .flatMap(report -> decision(report).stream())
        .sorted(Comparator.comparing(GateDecision::decided).reversed())
        .toList();
  }

  private static Optional<GateDecision> decision(GenericKubernetesResource report) {
    Object results = report.getAdditionalProperties().get("results");
    if (!(results instanceof List<?> list)) {
      return Optional.empty();
    }
    return list.stream()
        .filter(r -> r instanceof Map<?, ?> m && "decision".equals(m.get("rule")))
        .<Map<?, ?>>map(r -> (Map<?, ?>) r)
        .findFirst()
        .map(
            d ->
                new GateDecision(
                    label(report, BulwarkLabels.ENVIRONMENT),
                    Objects.toString(
                        report.getMetadata().getAnnotations() == null
                            ? null
                            : report.getMetadata().getAnnotations().get("bulwark.dev/image-digest"),
                        "-"),
                    text(d.get("result")),
                    text(d.get("message")),
                    d.get("timestamp") instanceof Map<?, ?> t
                            && t.get("seconds") instanceof Number s
                        ? Instant.ofEpochSecond(s.longValue()).toString()
                        : "-"));
  }

  /** The objects, or none when the kind or the namespace does not exist. */
  private static List<GenericKubernetesResource> list(
      KubernetesClient client,
      String apiVersion,
      String kind,
      String namespace,
      Map<String, String> labels) {
    Supplier<List<GenericKubernetesResource>> read =
        () ->
            client
                .genericKubernetesResources(apiVersion, kind)
                .inNamespace(namespace)
                .withLabels(labels)
                .list()
                .getItems();
    try {
      return read.get();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return List.of();
      }
      throw e;
    }
  }

  static Object at(GenericKubernetesResource object, String... path) {
    Object value = object.getAdditionalProperties();
    for (String key : path) {
      value = value instanceof Map<?, ?> map ? map.get(key) : null;
    }
    return value;
  }

  private static Optional<Map<?, ?>> conditionOf(GenericKubernetesResource object, String type) {
    return at(object, "status", "conditions") instanceof List<?> conditions
        ? conditions.stream()
            .filter(c -> c instanceof Map<?, ?> m && type.equals(m.get("type")))
            .<Map<?, ?>>map(c -> (Map<?, ?>) c)
            .findFirst()
        : Optional.empty();
  }

  private static Optional<String> condition(GenericKubernetesResource object, String type) {
    return conditionOf(object, type).map(c -> text(c.get("status")));
  }

  private static String conditionReason(GenericKubernetesResource object, String type) {
    return conditionOf(object, type).map(c -> text(c.get("reason"))).orElse("-");
  }

  private static String started(GenericKubernetesResource backup) {
    return Objects.toString(at(backup, "status", "startTimestamp"), "");
  }

  private static String runStart(GenericKubernetesResource run) {
    return Objects.toString(at(run, "status", "startTime"), "");
  }

  private static String label(GenericKubernetesResource object, String key) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels == null ? null : labels.get(key);
  }

  private static List<String> strings(Object value) {
    return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
  }

  private static String text(Object value) {
    return value == null ? "-" : value.toString();
  }
}
