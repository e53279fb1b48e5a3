package dev.bulwark.operator.runtime;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the mutating requests (POST, PUT, PATCH, DELETE) a client sends, by method. Installed on
 * the operator's client, it is how "a reconcile with nothing to change sends no writes" is
 * measured, and it is exported as {@code bulwark_api_writes_total}.
 */
public final class WriteCounter implements Interceptor {

  public static final String NAME = "bulwark-write-counter";

  private final Map<String, LongAdder> byMethod = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> byResource = new ConcurrentHashMap<>();
  private final MeterRegistry registry;

  public WriteCounter(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    String method = request.method().toUpperCase(Locale.ROOT);
    if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
      return;
    }
    byMethod.computeIfAbsent(method, m -> new LongAdder()).increment();
    if (registry != null) {
      registry.counter("bulwark.api.writes", "method", method).increment();
    }
    byResource
        .computeIfAbsent(method + " " + resourceOf(request.uri().getPath()), r -> new LongAdder())
        .increment();
  }

  /** All mutating requests sent so far. */
  public long total() {
    return byMethod.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /**
   * Mutating requests so far by method and resource type, for reports: {@code PATCH namespaces ->
   * 3}.
   */
  public Map<String, Long> byResource() {
    Map<String, Long> copy = new java.util.TreeMap<>();
    byResource.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }

  /**
   * The resource type of an API path: the segment after {@code namespaces/<ns>/} or after the
   * version.
   */
  static String resourceOf(String path) {
    String[] parts = path.split("/");
    int i = parts.length > 1 && parts[1].equals("api") ? 3 : 4; // /api/v1/... or /apis/g/v/...
    if (parts.length > i + 2 && parts[i].equals("namespaces")) {
      i += 2;
    }
    return parts.length > i ? parts[i] : path;
  }
}
