package dev.bulwark.platform.stack;

import dev.bulwark.render.Ownership;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.Map;

/**
 * A stable Service that Bulwark renders in front of a backend the charts or operators run
 * (Prometheus, Elasticsearch, Loki, Jaeger), so that what points at a backend (Grafana's
 * datasources, collectors, log shippers) names a Service Bulwark controls rather than a name a
 * chart derives from its release.
 *
 * @param name the Service's name
 * @param namespace its namespace
 * @param port the port it serves and forwards to
 * @param selector the labels of the backend's pods
 */
public record Backend(String name, String namespace, int port, Map<String, String> selector) {

  public Backend {
    selector = Map.copyOf(selector);
  }

  /** The in-cluster URL of the backend. */
  public String url(String scheme) {
    return scheme + "://" + name + "." + namespace + ".svc:" + port;
  }

  public Service service() {
    return CustomResource.withWave(
        new ServiceBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(Ownership.platform())
            .endMetadata()
            .withNewSpec()
            .withType("ClusterIP")
            .withSelector(new java.util.TreeMap<>(selector))
            .addNewPort()
            .withName("http")
            .withProtocol("TCP")
            .withPort(port)
            .withTargetPort(new IntOrString(port))
            .endPort()
            .endSpec()
            .build(),
        SyncWave.RESOURCES);
  }

  /** Prometheus of kube-prometheus-stack, by the operator's label for the release's Prometheus. */
  public static Backend prometheus(Stack stack) {
    return new Backend(
        "bulwark-prometheus",
        stack.require("metrics").namespace(),
        9090,
        Map.of(
            "app.kubernetes.io/name",
            "prometheus",
            "operator.prometheus.io/name",
            "kube-prometheus-stack-prometheus"));
  }

  /** Where Bulwark runs the Elasticsearch cluster and Kibana that the ECK operator manages. */
  public static final String ELASTIC_NAMESPACE = "bulwark-logging";

  /** The Elasticsearch cluster {@code logs} of the ECK implementation. */
  public static Backend elasticsearch(Stack stack) {
    return new Backend(
        "bulwark-elasticsearch",
        ELASTIC_NAMESPACE,
        9200,
        Map.of("elasticsearch.k8s.elastic.co/cluster-name", "logs"));
  }

  /** Loki's gateway, the one entry for pushes and queries. */
  public static Backend loki(Stack stack) {
    return new Backend(
        "bulwark-loki",
        stack.require("logs").install("loki").namespace(),
        8080,
        Map.of("app.kubernetes.io/name", "loki", "app.kubernetes.io/component", "gateway"));
  }

  /** Jaeger's query API and UI. */
  public static Backend jaegerQuery(Stack stack) {
    return new Backend(
        "bulwark-jaeger-query",
        stack.require("traces").install("jaeger").namespace(),
        16686,
        Map.of("app.kubernetes.io/name", "jaeger"));
  }

  /** Jaeger's OTLP gRPC receiver, where the collector sends traces. */
  public static Backend jaegerOtlp(Stack stack) {
    return new Backend(
        "bulwark-jaeger-otlp",
        stack.require("traces").install("jaeger").namespace(),
        4317,
        Map.of("app.kubernetes.io/name", "jaeger"));
  }
}
