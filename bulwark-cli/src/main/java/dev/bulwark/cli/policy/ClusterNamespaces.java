package dev.bulwark.cli.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.policy.webhook.NamespaceLookup;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The webhook's namespaces from the API server, cached for a short while: an AdmissionReview names
 * the namespace, and its labels carry the Pod Security level and version, tenant and environment
 * the policies read. A namespace that cannot be read falls back to the fixed level.
 */
final class ClusterNamespaces implements NamespaceLookup {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;
  private final NamespaceLookup fallback;
  private final Duration ttl;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  ClusterNamespaces(KubernetesClient client, NamespaceLookup fallback, Duration ttl, Clock clock) {
    this.client = client;
    this.fallback = fallback;
    this.ttl = ttl;
    this.clock = clock;
  }

  private record Cached(JsonNode namespace, Instant until) {}

  @Override
  public JsonNode namespace(String name) {
    if (name == null || name.isEmpty()) {
      return null;
    }
    Instant now = clock.instant();
    Cached cached = cache.get(name);
    if (cached != null && now.isBefore(cached.until())) {
      return cached.namespace();
    }
    JsonNode namespace;
    try {
      Namespace live = client.namespaces().withName(name).get();
      namespace = live == null ? fallback.namespace(name) : JSON.valueToTree(live);
    } catch (RuntimeException e) {
      namespace = fallback.namespace(name);
    }
    cache.put(name, new Cached(namespace, now.plus(ttl)));
    return namespace;
  }
}
