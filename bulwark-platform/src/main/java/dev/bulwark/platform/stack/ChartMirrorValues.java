package dev.bulwark.platform.stack;

import java.util.Map;
import java.util.function.Function;

/**
 * The values that point an upstream chart's own images at the mirror (ADR 0033), per catalogue
 * component: each chart names its registry differently. A chart missing here still pulls from its
 * public registries with a mirror set; ADR 0033's table lists those, and MirroredChartImagesTest
 * (real helm) keeps the table true.
 */
final class ChartMirrorValues {

  private static final String EXTERNAL_SECRETS = "ghcr.io/external-secrets/external-secrets";

  /** The chart's values for a mirror, by catalogue component. */
  private static final Map<String, Function<Mirror, Map<String, Object>>> BY_COMPONENT =
      Map.ofEntries(
          // imageRegistry + imageNamespace (jetstack) + image name.
          Map.entry("cert-manager", m -> Values.map("imageRegistry", m.registry())),
          // The global registry replaces the host of every image; the path is kept.
          Map.entry(
              "envoy-gateway",
              m -> Values.map("global", Values.map("imageRegistry", m.registry()))),
          Map.entry(
              "kube-prometheus-stack",
              m -> Values.map("global", Values.map("imageRegistry", m.registry()))),
          Map.entry("jaeger", m -> Values.map("global", Values.map("imageRegistry", m.registry()))),
          Map.entry("ingress-nginx", m -> Values.map("global", registry(m, "image"))),
          // The global registry, but the hooks' images name their own.
          Map.entry(
              "kyverno",
              m ->
                  Values.map(
                      "global", registry(m, "image"),
                      "test", registry(m, "image"),
                      "webhooksCleanup", registry(m, "image"))),
          Map.entry("loki", ChartMirrorValues::loki),
          // Full repositories, the chart's defaults moved under the mirror.
          Map.entry(
              "argo-cd",
              m ->
                  Values.map(
                      "global", image(m, "quay.io/argoproj/argocd"),
                      "redis", image(m, "ecr-public.aws.com/docker/library/redis"))),
          Map.entry("cloudnative-pg", m -> image(m, "ghcr.io/cloudnative-pg/cloudnative-pg")),
          // Bulwark uses only in-tree providers, so the webhook provider's image is never named.
          Map.entry("external-dns", m -> image(m, "registry.k8s.io/external-dns/external-dns")),
          // ECK pulls Elasticsearch and Kibana from containerRegistry + their path below it.
          Map.entry(
              "eck-operator",
              m ->
                  Values.merge(
                      image(m, "docker.elastic.co/eck/eck-operator"),
                      Values.map("config", Values.map("containerRegistry", m.registry())))),
          Map.entry(
              "velero",
              m ->
                  Values.merge(
                      image(m, "docker.io/velero/velero"),
                      Values.map("kubectl", image(m, "docker.io/bitnamilegacy/kubectl")))),
          Map.entry("opentelemetry-operator", ChartMirrorValues::openTelemetryOperator),
          Map.entry("gatekeeper", ChartMirrorValues::gatekeeper),
          Map.entry("harbor", ChartMirrorValues::harbor),
          // A registry per image; each repository is already the path below its host.
          Map.entry(
              "fluent-bit",
              m ->
                  Values.map(
                      "operator", registry(m, "image"),
                      "fluentbit", registry(m, "image"),
                      "fluentd", registry(m, "image"))),
          Map.entry(
              "openbao",
              m ->
                  Values.map(
                      "server", registry(m, "image"),
                      "injector", Values.merge(registry(m, "image"), registry(m, "agentImage")),
                      "csi", registry(m, "image"))),
          Map.entry(
              "external-secrets",
              m ->
                  Values.merge(
                      image(m, EXTERNAL_SECRETS),
                      Values.map(
                          "webhook", image(m, EXTERNAL_SECRETS),
                          "certController", image(m, EXTERNAL_SECRETS)))));

  /** The global registry moves Loki's own images; memcached and the sidecar name theirs whole. */
  private static Map<String, Object> loki(Mirror m) {
    return Values.map(
        "global", registry(m, "image"),
        "memcached", image(m, "memcached"),
        "memcachedExporter", image(m, "prom/memcached-exporter"),
        "sidecar", image(m, "docker.io/kiwigrid/k8s-sidecar"));
  }

  /** The manager, the collectors it creates, and the chart's test Pod. */
  private static Map<String, Object> openTelemetryOperator(Mirror m) {
    String releases = "ghcr.io/open-telemetry/opentelemetry-collector-releases/";
    return Values.map(
        "manager",
            Values.merge(
                image(m, "ghcr.io/open-telemetry/opentelemetry-operator/opentelemetry-operator"),
                Values.map(
                    "collectorImage",
                    Values.map(
                        "repository", m.repository(releases + "opentelemetry-collector-k8s")))),
        "testFramework", image(m, "busybox"));
  }

  /** Gatekeeper's own image, its CRD image and the images of its hooks. */
  private static Map<String, Object> gatekeeper(Mirror m) {
    String crds = m.repository("openpolicyagent/gatekeeper-crds");
    Map<String, Object> labelNamespace =
        Values.map("labelNamespace", image(m, "openpolicyagent/gatekeeper-crds"));
    return Values.map(
        "image",
            Values.map(
                "repository", m.repository("openpolicyagent/gatekeeper"), "crdRepository", crds),
        "postInstall",
            Values.merge(labelNamespace, Values.map("probeWebhook", image(m, "curlimages/curl"))),
        "postUpgrade", labelNamespace,
        "preUninstall",
            Values.map("deleteWebhookConfigurations", image(m, "openpolicyagent/gatekeeper-crds")));
  }

  /** Harbor: every component names its full repository. */
  private static Map<String, Object> harbor(Mirror m) {
    String goharbor = "docker.io/goharbor/";
    return Values.map(
        "nginx", image(m, goharbor + "nginx-photon"),
        "portal", image(m, goharbor + "harbor-portal"),
        "core", image(m, goharbor + "harbor-core"),
        "jobservice", image(m, goharbor + "harbor-jobservice"),
        "registry",
            Values.map(
                "registry", image(m, goharbor + "registry-photon"),
                "controller", image(m, goharbor + "harbor-registryctl")),
        "trivy", image(m, goharbor + "trivy-adapter-photon"),
        "database", Values.map("internal", image(m, goharbor + "harbor-db")),
        "redis", Values.map("internal", image(m, goharbor + "redis-photon")),
        "exporter", image(m, goharbor + "harbor-exporter"));
  }

  private ChartMirrorValues() {}

  /** {@code <key>.registry}: the mirror's registry, for charts that keep the path apart. */
  private static Map<String, Object> registry(Mirror mirror, String key) {
    return Values.map(key, Values.map("registry", mirror.registry()));
  }

  /** {@code image.repository}: the chart's default repository, under the mirror. */
  private static Map<String, Object> image(Mirror mirror, String upstreamRepository) {
    return Values.map("image", Values.map("repository", mirror.repository(upstreamRepository)));
  }

  /** The values for {@code install}'s chart, or none when there is no mirror or no such value. */
  static Map<String, Object> of(Stack stack, Install install) {
    Function<Mirror, Map<String, Object>> values = BY_COMPONENT.get(install.component());
    return values == null ? Map.of() : stack.mirror().map(values).orElse(Map.of());
  }
}
