package dev.bulwark.platform.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server-side applies objects with {@code dryRun=All} and reports what the API server said: its
 * refusal, or the {@code Warning} headers of its acceptance (Pod Security levels a workload's pods
 * would violate, deprecated APIs, unknown or duplicate fields). Nothing is stored. Safe to call
 * from several threads.
 */
final class DryRunApplier implements AutoCloseable {

  /**
   * The field manager of every dry-run; each call adds a number, to find its response's warnings.
   */
  private static final String MANAGER = "bulwark-dry-run-";

  private final KubernetesClient client;
  private final Map<String, List<String>> warnings = new ConcurrentHashMap<>();
  private final Map<String, Optional<APIResourceList>> discovery = new ConcurrentHashMap<>();
  private final AtomicLong calls = new AtomicLong();

  /**
   * The API server's answer for one object.
   *
   * @param refusal its error message, or null when it accepted the object
   * @param warnings its warnings, when it accepted the object
   */
  record Verdict(String refusal, List<String> warnings) {}

  DryRunApplier(Config config) {
    this.client =
        new KubernetesClientBuilder()
            .withConfig(config)
            .withHttpClientBuilderConsumer(
                builder -> builder.addOrReplaceInterceptor("dry-run-warnings", new Warnings()))
            .build();
  }

  KubernetesClient client() {
    return client;
  }

  /**
   * The API server's verdict on {@code object}, placed in {@code namespace} when it is namespaced
   * and names none, as helm and Argo CD place it.
   */
  Verdict apply(JsonNode object, String namespace) {
    String apiVersion = object.path("apiVersion").asText();
    String kind = object.path("kind").asText();
    Optional<APIResource> resource = resource(apiVersion, kind);
    if (resource.isEmpty()) {
      return new Verdict("the API server serves no " + kind + " in " + apiVersion, List.of());
    }
    ObjectNode placed = object.deepCopy();
    boolean namespaced = Boolean.TRUE.equals(resource.get().getNamespaced());
    String target = namespaced ? object.at("/metadata/namespace").asText(namespace) : null;
    if (namespaced) {
      placed.withObject("/metadata").put("namespace", target);
    }
    if (object.at("/metadata/name").asText().isEmpty()) {
      // generateName only: Argo CD creates it under a generated name; apply needs one
      placed
          .withObject("/metadata")
          .put("name", object.at("/metadata/generateName").asText() + "dry-run");
    }
    GenericKubernetesResource generic =
        client.getKubernetesSerialization().convertValue(placed, GenericKubernetesResource.class);
    String manager = MANAGER + calls.incrementAndGet();
    var resources = client.genericKubernetesResources(context(apiVersion, kind, resource.get()));
    var operation =
        (namespaced ? resources.inNamespace(target) : resources)
            .resource(generic)
            .dryRun()
            // as Argo CD's apply validates: a field the schema lacks is refused, not dropped
            .fieldValidation(FieldValidateable.Validation.STRICT)
            .fieldManager(manager);
    try {
      operation.forceConflicts().serverSideApply();
      List<String> said = warnings.remove(manager);
      return new Verdict(null, said == null ? List.of() : List.copyOf(said));
    } catch (KubernetesClientException e) {
      warnings.remove(manager);
      return new Verdict(message(e), List.of());
    }
  }

  /** What the API server serves for the kind, from its discovery document (cached). */
  private Optional<APIResource> resource(String apiVersion, String kind) {
    return discovery
        .computeIfAbsent(apiVersion, v -> Optional.ofNullable(client.getApiResources(v)))
        .flatMap(
            list ->
                list.getResources().stream()
                    .filter(r -> r.getKind().equals(kind) && !r.getName().contains("/"))
                    .findFirst());
  }

  /** Forgets what discovery said: after CRDs are installed, their groups are served. */
  void rediscover() {
    discovery.clear();
  }

  private static ResourceDefinitionContext context(
      String apiVersion, String kind, APIResource resource) {
    int slash = apiVersion.indexOf('/');
    return new ResourceDefinitionContext.Builder()
        .withGroup(slash < 0 ? "" : apiVersion.substring(0, slash))
        .withVersion(apiVersion.substring(slash + 1))
        .withKind(kind)
        .withPlural(resource.getName())
        .withNamespaced(Boolean.TRUE.equals(resource.getNamespaced()))
        .build();
  }

  private static String message(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return e.getCode() + " " + e.getStatus().getMessage();
    }
    return e.getMessage();
  }

  /**
   * The text of a Warning header, {@code 299 - "text"} with the text's quotes and backslashes
   * escaped (RFC 7234 section 5.5, as the API server writes it).
   */
  static String text(String header) {
    Matcher m = WARNING.matcher(header);
    return m.matches() ? m.group(1).replaceAll("\\\\(.)", "$1") : header;
  }

  private static final Pattern WARNING = Pattern.compile("\\d{3} \\S+ \"(.*)\"");

  @Override
  public void close() {
    client.close();
  }

  /** Keeps the Warning headers of every dry-run response, under the call's field manager. */
  private final class Warnings implements Interceptor {
    @Override
    public void after(
        HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> body) {
      String query = request.uri().getRawQuery();
      List<String> said = response.headers("Warning");
      if (query == null || said == null || said.isEmpty() || !query.contains("dryRun=All")) {
        return;
      }
      for (String parameter : query.split("&")) {
        if (parameter.startsWith("fieldManager=" + MANAGER)) {
          warnings
              .computeIfAbsent(
                  parameter.substring("fieldManager=".length()),
                  k -> new java.util.concurrent.CopyOnWriteArrayList<>())
              .addAll(said.stream().map(DryRunApplier::text).toList());
        }
      }
    }
  }
}
