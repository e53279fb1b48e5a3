package dev.bulwark.policy.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.policy.Fixtures;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Admission inputs for the differential test: the fixtures of the engine's tests (through their own
 * case lists and helpers), and variations of them that the fixtures never try: each field removed
 * or replaced by a value of another type (string, number, bool, null, empty list, empty map), list
 * elements duplicated or null, and unusual Pod Security labels.
 */
final class EvaluationCorpus {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private EvaluationCorpus() {}

  /** The inputs of the existing tests. */
  static List<AdmissionInput> fixtures() {
    List<AdmissionInput> inputs = new ArrayList<>();
    PodSecurityStandardsTest.cases()
        .map(Arguments::get)
        .forEach(
            a -> {
              ObjectNode pod = Fixtures.yaml(PodSecurityStandardsTest.BASE);
              PodSecurityStandardsTest.merge(
                  (ObjectNode) pod.get("spec"), Fixtures.yaml((String) a[4]));
              inputs.add(
                  AdmissionInput.create(
                      pod,
                      AdmissionInput.namespace(
                          "team-a-dev", (String) a[1], (String) a[2], Map.of())));
            });
    PodSecurityStandardsTest.workloads()
        .map(Arguments::get)
        .forEach(
            a ->
                inputs.add(
                    AdmissionInput.create(
                        Fixtures.yaml((String) a[1]),
                        AdmissionInput.namespace("team-a-dev", "baseline", "latest", Map.of()))));
    PodSecurityStandardsTest.annotationCases()
        .map(Arguments::get)
        .forEach(
            a ->
                inputs.add(
                    AdmissionInput.create(
                        Fixtures.yaml(
                            "{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {template: {metadata: {annotations: "
                                + a[3]
                                + "}, spec: {containers: [{name: a, image: i}]}}}}"),
                        AdmissionInput.namespace(
                            "team-a-dev", "baseline", (String) a[1], Map.of()))));
    PlatformRulesTest.cases()
        .map(Arguments::get)
        .forEach(a -> inputs.add(platformInput((String) a[3], (String) a[2])));
    return inputs;
  }

  private static AdmissionInput platformInput(String yaml, String environment) {
    JsonNode object = Fixtures.yaml(yaml);
    return AdmissionInput.create(
        object,
        AdmissionInput.namespace(
            object.path("metadata").path("namespace").asText(),
            "restricted",
            "latest",
            Map.of("bulwark.dev/tenant", "team-a", "bulwark.dev/environment", environment)));
  }

  /** Variations of a few representative fixtures, field by field, and of the namespace labels. */
  static List<AdmissionInput> variations() {
    List<AdmissionInput> inputs = new ArrayList<>();
    List<String> bases =
        List.of(
            PodSecurityStandardsTest.BASE,
            PlatformRulesTest.deployment(
                PlatformRulesTest.GOOD_CONTAINER,
                ", initContainers: [{name: init, image: 'registry.bulwark.example/a:1'}]"),
            PlatformRulesTest.deployment(
                PlatformRulesTest.GOOD_CONTAINER.replace(
                    "resources:",
                    "env: [{name: DB_PASSWORD, value: 'Xk9zmQ2vL7pR4tW8'}], resources:"),
                ""),
            "{apiVersion: batch/v1, kind: CronJob, metadata: {name: c, namespace: team-a-dev}, spec: {jobTemplate: {spec: {template: {metadata: {annotations: "
                + "{container.apparmor.security.beta.kubernetes.io/a: unconfined}}, spec: {securityContext: {sysctls: [{name: kernel.msgmax, value: '1'}], "
                + "seLinuxOptions: {type: spc_t}}, volumes: [{name: h, hostPath: {path: /}}], containers: [{name: a, image: i, ports: [{hostPort: 80}], "
                + "securityContext: {capabilities: {add: [SYS_ADMIN]}}}]}}}}}}",
            PlatformRulesTest.configMap(
                "{DATABASE_URL: 'postgres://app:s3cr3tPassw0rd@db:5432/app', api_token: 'f3a9c1e77b2d4a0e9c8b6d5f4e3a2b1c'}"),
            PlatformRulesTest.ingress(
                "shop.team-a.bulwark.example", "[shop.team-a.bulwark.example]"),
            PlatformRulesTest.route("shop.team-a.bulwark.example", "https"),
            PlatformRulesTest.role(
                "{apiGroups: [apps], resources: [deployments], verbs: [get, escalate]}"),
            PlatformRulesTest.binding("ClusterRoleBinding", "cluster-admin"),
            "{apiVersion: v1, kind: Service, metadata: {name: s, namespace: team-a-dev}, spec: {type: NodePort}}");
    for (String base : bases) {
      ObjectNode object = Fixtures.yaml(base);
      mutations(
          object,
          copy -> inputs.add(AdmissionInput.create(copy, namespace("restricted", "latest"))));
      for (String[] labels :
          new String[][] {
            {"baseline", "v1.0"},
            {"restricted", "v1.18"},
            {"restricted", "v1.25"},
            {"privileged", "latest"},
            {"restricted", "v1."},
            {"restricted", "v2.3"},
            {"restricted", "garbage"},
            {"", ""},
            {"restricted", "v1.99999999999999999999"}
          }) {
        inputs.add(AdmissionInput.create(object, namespace(labels[0], labels[1])));
      }
      inputs.add(AdmissionInput.create(object, null));
      inputs.add(
          AdmissionInput.create(
              object,
              Fixtures.yaml(
                  "{apiVersion: v1, kind: Namespace, metadata: {name: n, labels: "
                      + "{pod-security.kubernetes.io/enforce-version: 7, bulwark.dev/tenant: 3, bulwark.dev/environment: [prod]}}}")));
    }
    return inputs;
  }

  private static ObjectNode namespace(String level, String version) {
    return AdmissionInput.namespace(
        "team-a-dev",
        level,
        version,
        Map.of("bulwark.dev/tenant", "team-a", "bulwark.dev/environment", "prod"));
  }

  /** Every single-field variation of the object, handed to the consumer as a fresh copy. */
  static void mutations(ObjectNode root, Consumer<ObjectNode> out) {
    List<JsonNode> replacements =
        List.of(
            JSON.textNode("x"),
            JSON.numberNode(0),
            JSON.numberNode(0.0),
            JSON.numberNode(1.5),
            JSON.booleanNode(false),
            JSON.arrayNode(),
            JSON.objectNode(),
            JSON.nullNode());
    for (List<Object> path : paths(root, new ArrayList<>())) {
      out.accept(edit(root, path, null));
      for (JsonNode replacement : replacements) {
        out.accept(edit(root, path, replacement));
      }
      JsonNode target = at(root, path);
      if (target instanceof ArrayNode array && !array.isEmpty()) {
        ObjectNode copy = root.deepCopy();
        ArrayNode copied = (ArrayNode) at(copy, path);
        JsonNode twin = copied.get(0).deepCopy();
        if (twin instanceof ObjectNode o && o.has("name")) {
          o.put("name", "twin");
        }
        copied.add(twin);
        out.accept(copy);
      }
    }
  }

  private static List<List<Object>> paths(JsonNode node, List<Object> prefix) {
    List<List<Object>> paths = new ArrayList<>();
    if (node instanceof ObjectNode object) {
      for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (prefix.isEmpty() && (name.equals("kind") || name.equals("apiVersion"))) {
          continue; // the engine needs them to pick the policies
        }
        List<Object> path = new ArrayList<>(prefix);
        path.add(name);
        paths.add(path);
        paths.addAll(paths(object.get(name), path));
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        List<Object> path = new ArrayList<>(prefix);
        path.add(i);
        paths.add(path);
        paths.addAll(paths(array.get(i), path));
      }
    }
    return paths;
  }

  private static JsonNode at(JsonNode root, List<Object> path) {
    JsonNode node = root;
    for (Object step : path) {
      node = step instanceof String s ? node.get(s) : node.get((Integer) step);
    }
    return node;
  }

  /** A copy with the node at the path replaced, or removed when {@code replacement} is null. */
  private static ObjectNode edit(ObjectNode root, List<Object> path, JsonNode replacement) {
    ObjectNode copy = root.deepCopy();
    JsonNode parent = at(copy, path.subList(0, path.size() - 1));
    Object last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode o) {
      if (replacement == null) {
        o.remove((String) last);
      } else {
        o.set((String) last, replacement);
      }
    } else if (parent instanceof ArrayNode a) {
      if (replacement == null) {
        a.remove((Integer) last);
      } else {
        a.set((Integer) last, replacement);
      }
    }
    return copy;
  }
}
