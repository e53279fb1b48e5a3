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
      Map.of(
          // imageRegistry + imageNamespace (jetstack) + image name.
          "cert-manager", m -> Values.map("imageRegistry", m.registry()),
          // The global registry replaces the host of every image; the path is kept.
          "envoy-gateway", m -> Values.map("global", Values.map("imageRegistry", m.registry())),
          "kube-prometheus-stack",
              m -> Values.map("global", Values.map("imageRegistry", m.registry())),
          "ingress-nginx", m -> Values.map("global", registry(m, "image")),
          "kyverno", m -> Values.map("global", registry(m, "image")),
          // Full repositories, the chart's defaults moved under the mirror.
          "argo-cd",
              m ->
                  Values.map(
                      "global", image(m, "quay.io/argoproj/argocd"),
                      "redis", image(m, "ecr-public.aws.com/docker/library/redis")),
          "cloudnative-pg", m -> image(m, "ghcr.io/cloudnative-pg/cloudnative-pg"),
          // A registry per image; each repository is already the path below its host.
          "openbao",
              m ->
                  Values.map(
                      "server", registry(m, "image"),
                      "injector", Values.merge(registry(m, "image"), registry(m, "agentImage")),
                      "csi", registry(m, "image")),
          "external-secrets",
              m ->
                  Values.merge(
                      image(m, EXTERNAL_SECRETS),
                      Values.map(
                          "webhook", image(m, EXTERNAL_SECRETS),
                          "certController", image(m, EXTERNAL_SECRETS))));

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
