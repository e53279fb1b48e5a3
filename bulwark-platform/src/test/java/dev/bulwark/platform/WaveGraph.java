package dev.bulwark.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.catalog.Catalogue;
import dev.bulwark.catalog.Component;
import dev.bulwark.catalog.CrdRef;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The install-time dependencies between the objects of a rendered tree, read from the objects
 * themselves (not from the units' intentions), so that a sync-wave order can be checked against
 * them.
 *
 * <p>How the tree is applied: {@code bootstrap/} is applied by hand and installs Argo CD; the root
 * Application syncs every other rendered object in one sync, wave by wave, waiting for each wave to
 * be healthy. Whatever a component's chart installs (its CRDs, operator, server) is applied by that
 * component's Application, which the root applies at the Application's own wave; so a dependency on
 * chart content is a dependency on the Application object, and comparing the Application's wave
 * with the dependant's wave orders the two Argo CD Applications.
 */
final class WaveGraph {

  /** A node: one rendered object. */
  record Node(
      String kind, String namespace, String name, int wave, String capability, JsonNode json) {
    @Override
    public String toString() {
      return kind
          + " "
          + (namespace == null ? "" : namespace + "/")
          + name
          + " (wave "
          + wave
          + ")";
    }
  }

  /** {@code from} cannot become healthy before {@code to} is; {@code why} names the reference. */
  record Edge(Node from, Node to, String why, boolean sameWave) {
    @Override
    public String toString() {
      return from + " needs " + to + ": " + why;
    }
  }

  static final String WAVE = "argocd.argoproj.io/sync-wave";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Keys whose {@code {name, key}} value names a Secret the object reads. */
  private static final Pattern SECRET_KEY =
      Pattern.compile(
          "(?i).*(secretkeyref|secretref|usernamesecret|passwordsecret|credential|accesskeyid|secretaccesskey)");

  /** Argo CD's {@code $secret:key} reference in its settings. */
  private static final Pattern ARGO_SECRET =
      Pattern.compile("\\$([a-z0-9][a-z0-9.-]*):[A-Za-z0-9._-]+");

  private static final Pattern SERVICE_URL = Pattern.compile("https?://([a-z0-9.-]+)\\.svc\\b");

  private final List<Node> nodes = new ArrayList<>();
  private final List<Edge> edges = new ArrayList<>();

  /** References resolved only when something else runs: recorded, not ordered. */
  private final List<Edge> lazy = new ArrayList<>();

  /**
   * Secrets someone references that nothing in the tree produces: supplied by the administrators.
   */
  private final Set<String> external = new LinkedHashSet<>();

  private final Map<String, String> crdInstaller = new HashMap<>();
  private final Set<String> bootstrapCrds = new LinkedHashSet<>();

  private WaveGraph() {}

  static WaveGraph of(DesiredState state, Catalogue catalogue) {
    WaveGraph graph = new WaveGraph();
    for (Component component : catalogue.components()) {
      for (CrdRef crd : component.crds()) {
        // Argo CD's own CRDs come with the bootstrap install, before the root Application exists.
        if (component.id().equals("argo-cd")) {
          graph.bootstrapCrds.add(crd.group() + "/" + crd.kind());
        }
        graph.crdInstaller.putIfAbsent(crd.group() + "/" + crd.kind(), Names.label(component.id()));
      }
    }
    for (DesiredObject object : state.objects()) {
      if (object.capability().equals("bootstrap")) {
        continue; // applied by hand before the root Application: it waits for nothing in the tree
      }
      JsonNode json = JSON.valueToTree(object.object());
      JsonNode meta = json.path("metadata");
      String wave = meta.path("annotations").path(WAVE).asText("0");
      graph.nodes.add(
          new Node(
              json.path("kind").asText(),
              meta.path("namespace").asText(null),
              meta.path("name").asText(),
              Integer.parseInt(wave),
              object.capability(),
              json));
    }
    graph.nodes.forEach(graph::link);
    return graph;
  }

  List<Node> nodes() {
    return nodes;
  }

  List<Edge> edges() {
    return edges;
  }

  List<Edge> lazyEdges() {
    return lazy;
  }

  Set<String> externalSecrets() {
    return external;
  }

  /**
   * Every edge whose dependency is not in a strictly earlier wave than its dependant (a namespace
   * may share its objects' wave).
   */
  List<Edge> violations() {
    return edges.stream()
        .filter(
            e -> e.sameWave() ? e.to().wave() > e.from().wave() : e.to().wave() >= e.from().wave())
        .toList();
  }

  private void link(Node node) {
    namespaceOf(node);
    crdOf(node);
    secretsOf(node);
    switch (node.kind()) {
      case "ExternalSecret" -> storeOf(node);
      case "SecretStore", "ClusterSecretStore" -> providerOf(node);
      case "Job" -> loginsOf(node);
      default -> {}
    }
  }

  private void namespaceOf(Node node) {
    if (node.namespace() != null) {
      // Within one wave Argo CD creates Namespaces before the objects in them.
      find("Namespace", null, node.namespace())
          .ifPresent(ns -> edges.add(new Edge(node, ns, "lives in it", true)));
    }
  }

  private void crdOf(Node node) {
    String apiVersion = node.json().path("apiVersion").asText();
    if (!apiVersion.contains("/")
        || apiVersion.contains(".k8s.io/") && !apiVersion.startsWith("gateway.networking")) {
      return; // built into Kubernetes
    }
    String group = apiVersion.substring(0, apiVersion.indexOf('/'));
    if (group.equals("constraints.gatekeeper.sh")) {
      // A Gatekeeper constraint's CRD is made by the ConstraintTemplate of the same kind.
      nodes.stream()
          .filter(
              n ->
                  n.kind().equals("ConstraintTemplate")
                      && n.json().at("/spec/crd/spec/names/kind").asText().equals(node.kind()))
          .findFirst()
          .ifPresentOrElse(
              t -> add(node, t, "its ConstraintTemplate makes its CRD"),
              () -> problem(node, "no ConstraintTemplate serves kind " + node.kind()));
      return;
    }
    String key = group + "/" + node.kind();
    if (bootstrapCrds.contains(key)
        || apiVersion.startsWith("apps/")
        || apiVersion.startsWith("batch/")
        || apiVersion.startsWith("policy/")
        || apiVersion.startsWith("autoscaling/")) {
      return;
    }
    String app = crdInstaller.get(key);
    if (app == null) {
      problem(node, "the catalogue names no component that installs the CRD of " + key);
      return;
    }
    find("Application", "argocd", app)
        .ifPresentOrElse(
            a -> add(node, a, "installs the CRD of " + key),
            () ->
                problem(
                    node, "the CRD of " + key + " comes from " + app + ", which is not rendered"));
  }

  private void secretsOf(Node node) {
    String namespace = secretNamespace(node);
    List<String> names = new ArrayList<>();
    collectSecrets(node.json().path("spec"), names);
    if (node.kind().equals("ServiceAccount")) {
      // A ServiceAccount's pull secrets are copied into Pods created later; the account itself
      // waits for nothing, so it is no install-time need (the render core's pipeline account,
      // at wave 0, names the tenant's registry Secret made at TENANT_SECRETS).
      node.json()
          .path("imagePullSecrets")
          .forEach(
              s ->
                  producers(node.namespace(), s.path("name").asText())
                      .forEach(
                          p ->
                              lazy.add(
                                  new Edge(
                                      node,
                                      p,
                                      "pulls with Secret " + s.path("name").asText(),
                                      false))));
    }
    if (node.kind().equals("Certificate")) {
      names.remove(
          node.json().at("/spec/secretName").asText()); // what it writes, not what it reads
    }
    if (node.kind().equals("Application")) {
      Matcher m = ARGO_SECRET.matcher(node.json().path("spec").toString());
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    for (String secret : new LinkedHashSet<>(names)) {
      List<Node> producers = producers(namespace, secret);
      if (producers.isEmpty()) {
        external.add(namespace + "/" + secret);
      }
      producers.stream()
          .filter(p -> p != node)
          .forEach(p -> add(node, p, "reads Secret " + namespace + "/" + secret));
    }
  }

  /**
   * Where the Secrets an object names live: an Application's destination, a ClusterIssuer's
   * cert-manager.
   */
  private String secretNamespace(Node node) {
    return switch (node.kind()) {
      case "Application" -> node.json().at("/spec/destination/namespace").asText();
      case "ClusterIssuer" ->
          find("Application", "argocd", "cert-manager")
              .map(a -> a.json().at("/spec/destination/namespace").asText())
              .orElse("cert-manager");
      default -> node.namespace();
    };
  }

  private static void collectSecrets(JsonNode json, List<String> names) {
    if (json.isArray()) {
      json.forEach(item -> collectSecrets(item, names));
      return;
    }
    if (!json.isObject()) {
      return;
    }
    if (json.path("kind").asText().equals("Secret") && json.has("name")) {
      names.add(json.path("name").asText()); // Gateway certificateRefs
    }
    if (json.path("type").asText().equals("secret") && json.has("name")) {
      names.add(json.path("name").asText()); // OpenBao chart extraVolumes: the static unseal key
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (key.equals("privateKeySecretRef")) {
        continue; // the ACME account key cert-manager writes
      }
      if (SECRET_KEY.matcher(key).matches() && value.has("name")) {
        names.add(value.path("name").asText());
      } else if (key.equals("secret") && value.has("secretName")
          || key.equals("secretName") && value.isTextual()) {
        names.add(key.equals("secret") ? value.path("secretName").asText() : value.asText());
      } else if (key.equals("secret") && value.has("name")) {
        names.add(value.path("name").asText()); // Keycloak realm placeholders
      } else if (key.startsWith("existingSecret") && !key.endsWith("Key") && value.isTextual()) {
        names.add(value.asText());
      } else if (key.equals("imagePullSecrets")) {
        value.forEach(s -> names.add(s.isTextual() ? s.asText() : s.path("name").asText()));
      }
      collectSecrets(value, names);
    }
  }

  /** What makes Secret {@code name} in {@code namespace}. */
  private List<Node> producers(String namespace, String name) {
    List<Node> found = new ArrayList<>();
    for (Node n : nodes) {
      // A cluster-scoped reader (a fluent ClusterOutput) names no namespace: any producer counts.
      if (namespace != null && !namespace.equals(n.namespace())) {
        continue;
      }
      boolean makes =
          switch (n.kind()) {
            case "Secret" -> n.name().equals(name);
            case "ExternalSecret" -> n.json().at("/spec/target/name").asText(n.name()).equals(name);
            case "Certificate" -> n.json().at("/spec/secretName").asText().equals(name);
            // CloudNativePG writes the application user's credentials as <cluster>-app.
            case "Cluster" ->
                n.json().path("apiVersion").asText().startsWith("postgresql.cnpg.io/")
                    && name.equals(n.name() + "-app");
            default -> false;
          };
      if (makes) {
        found.add(n);
      }
    }
    return found;
  }

  private void storeOf(Node node) {
    JsonNode ref = node.json().at("/spec/secretStoreRef");
    String kind = ref.path("kind").asText("SecretStore");
    find(
            kind,
            kind.equals("ClusterSecretStore") ? null : node.namespace(),
            ref.path("name").asText())
        .ifPresentOrElse(
            s -> add(node, s, "reads through it"),
            () -> problem(node, "its " + kind + " is not rendered"));
  }

  private void providerOf(Node node) {
    JsonNode vault = node.json().at("/spec/provider/vault");
    serviceUrls(node, vault.path("server").asText());
    roleWriter(node, vault.at("/auth/kubernetes/role").asText(null));
  }

  /** A Job depends on every service it calls and on whoever writes the role it logs in with. */
  private void loginsOf(Node node) {
    for (JsonNode container : node.json().at("/spec/template/spec/containers")) {
      for (JsonNode env : container.path("env")) {
        serviceUrls(node, env.path("value").asText());
        if (env.path("name").asText().equals("BAO_ROLE")) {
          roleWriter(node, env.path("value").asText());
        }
      }
    }
  }

  /**
   * The service behind {@code http://<service>.<namespace>.svc}: the component Application that
   * installs into that namespace, and a custom resource there whose operator names the service
   * after it (ECK's {@code <name>-es-http}).
   */
  private void serviceUrls(Node node, String text) {
    Matcher m = SERVICE_URL.matcher(text);
    while (m.find()) {
      String[] labels = m.group(1).split("\\.");
      String namespace = labels[labels.length - 1];
      String service = labels[labels.length - 2];
      nodes.stream()
          .filter(
              n ->
                  n.kind().equals("Application")
                      && !n.name().equals("bulwark-root")
                      && namespace.equals(n.json().at("/spec/destination/namespace").asText()))
          .forEach(a -> add(node, a, "calls " + m.group()));
      nodes.stream()
          .filter(
              n ->
                  namespace.equals(n.namespace())
                      && n.json().path("apiVersion").asText().contains(".k8s.elastic.co/")
                      && service.startsWith(n.name() + "-es-"))
          .forEach(cr -> add(node, cr, "calls " + m.group()));
    }
  }

  /** The configuration Job whose files define OpenBao role {@code role} ({@code role-<role>}). */
  private void roleWriter(Node node, String role) {
    if (role == null) {
      return;
    }
    nodes.stream()
        .filter(n -> n.kind().equals("ConfigMap") && n.json().path("data").has("role-" + role))
        .forEach(
            cm ->
                find("Job", cm.namespace(), cm.name())
                    .ifPresent(job -> add(node, job, "logs in with role " + role)));
  }

  private Optional<Node> find(String kind, String namespace, String name) {
    return nodes.stream()
        .filter(
            n ->
                n.kind().equals(kind)
                    && n.name().equals(name)
                    && (namespace == null
                        ? n.namespace() == null
                        : namespace.equals(n.namespace())))
        .findFirst();
  }

  private void add(Node from, Node to, String why) {
    if (from != to) {
      edges.add(new Edge(from, to, why, false));
    }
  }

  private void problem(Node node, String message) {
    throw new AssertionError(node + ": " + message);
  }
}
