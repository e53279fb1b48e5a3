package dev.bulwark.policy.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.policy.Fixtures;
import dev.bulwark.policy.engine.AdmissionInput;
import dev.bulwark.policy.engine.Finding;
import dev.bulwark.render.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The policy library's own test objects (the PSS and platform fixtures of {@link SideBySideTest}),
 * grouped by the namespace they are admitted into, with the in-process engine's verdict on each: a
 * real engine then reviews a whole group in one run, and its verdicts are compared per object ×
 * policy. Objects are renamed {@code fx-<n>} so that a verdict can be traced back to its fixture.
 */
final class EngineVerdicts {

  /** The labels {@code bulwark policies export} puts on what it exports. */
  static final Map<String, String> LABELS = Map.of("app.kubernetes.io/managed-by", "bulwark");

  /** One fixture: its description, the renamed object and the policies that deny it in-process. */
  record Case(String object, String description, ObjectNode manifest, TreeSet<String> failed) {}

  /** Fixtures sharing one namespace object (name and labels). */
  record Group(JsonNode namespace, List<Case> cases) {}

  private EngineVerdicts() {}

  /**
   * The fixtures with their verdicts; where the engine under test gives CEL no {@code
   * namespaceObject} ({@code namespaceObjectVisible} false: gator), the in-process verdict is taken
   * with a namespace object without labels, while the policy still binds by the namespace's labels.
   */
  static List<Group> groups(boolean namespaceObjectVisible) {
    Map<String, Group> groups = new LinkedHashMap<>();
    int n = 0;
    for (Arguments arguments : SideBySideTest.fixtures().toList()) {
      Object[] a = arguments.get();
      ObjectNode manifest = ((JsonNode) a[1]).deepCopy();
      JsonNode namespace = (JsonNode) a[2];
      String name = "fx-" + n++;
      ObjectNode metadata = (ObjectNode) manifest.get("metadata");
      metadata.put("name", name);
      metadata.put("namespace", namespace.path("metadata").path("name").asText());
      groups
          .computeIfAbsent(namespace.toString(), k -> new Group(namespace, new ArrayList<>()))
          .cases()
          .add(
              new Case(
                  name,
                  (String) a[0],
                  manifest,
                  inProcess(manifest, namespace, namespaceObjectVisible)));
    }
    return List.copyOf(groups.values());
  }

  /** Policy ids the engine denies the object for, where the policy binds to the namespace. */
  static TreeSet<String> inProcess(
      JsonNode object, JsonNode namespace, boolean namespaceObjectVisible) {
    TreeSet<String> failed = new TreeSet<>();
    JsonNode seen = namespace;
    if (!namespaceObjectVisible) {
      seen = namespace.deepCopy();
      ((ObjectNode) seen.get("metadata")).remove("labels");
    }
    for (Finding f : Fixtures.engine().evaluate(AdmissionInput.create(object, seen))) {
      if (f.error()) {
        throw new IllegalStateException(f.policyId() + " failed to evaluate: " + f.message());
      }
      boolean bound =
          AdmissionSimulator.selectorMatches(
              Fixtures.YAML.valueToTree(PolicyObjects.namespaceSelector(f.policy())), namespace);
      if (f.counts() && bound) {
        failed.add(f.policyId());
      }
    }
    return failed;
  }

  /** A multi-document YAML stream of the given objects. */
  static String yaml(List<HasMetadata> exported, JsonNode namespace, List<Case> cases)
      throws Exception {
    StringBuilder out = new StringBuilder();
    for (HasMetadata o : exported) {
      out.append("---\n").append(Manifests.toYaml(o));
    }
    out.append("---\n")
        .append(Fixtures.YAML.writeValueAsString(namespace).replaceFirst("^---\n", ""));
    for (Case c : cases) {
      out.append("---\n")
          .append(Fixtures.YAML.writeValueAsString(c.manifest()).replaceFirst("^---\n", ""));
    }
    return out.toString();
  }

  /**
   * Compares an engine's verdicts with the in-process ones; prints a table of every object × policy
   * where either side denies, and returns the disagreements.
   */
  static List<String> compare(
      String engine, List<Case> cases, Map<String, TreeSet<String>> external) {
    List<String> disagreements = new ArrayList<>();
    StringBuilder table =
        new StringBuilder(
            String.format(
                "%-6s %-28s %-9s %-9s %s%n", "object", "policy", "in-proc", engine, "fixture"));
    int pairs = 0;
    for (Case c : cases) {
      TreeSet<String> theirs = external.getOrDefault(c.object(), new TreeSet<>());
      TreeSet<String> policies = new TreeSet<>(c.failed());
      policies.addAll(theirs);
      for (String policy : policies) {
        boolean ours = c.failed().contains(policy);
        boolean their = theirs.contains(policy);
        table.append(
            String.format(
                "%-6s %-28s %-9s %-9s %s%s%n",
                c.object(),
                policy,
                ours ? "deny" : "allow",
                their ? "deny" : "allow",
                abbreviate(c.description()),
                ours == their ? "" : "   <-- DISAGREE"));
        if (ours != their) {
          disagreements.add(
              c.object()
                  + " "
                  + policy
                  + ": in-process "
                  + (ours ? "deny" : "allow")
                  + ", "
                  + engine
                  + " "
                  + (their ? "deny" : "allow")
                  + " ("
                  + c.description()
                  + ")");
        }
        pairs++;
      }
    }
    System.out.printf(
        "[%s] %d objects, %d object x policy denials compared, %d disagreements%n%s",
        engine, cases.size(), pairs, disagreements.size(), table);
    return disagreements;
  }

  private static String abbreviate(String text) {
    String line = text.replaceAll("\\s+", " ");
    return line.length() > 90 ? line.substring(0, 87) + "..." : line;
  }

  /** Object name → denying policy ids, from a map of results. */
  static Map<String, TreeSet<String>> byObject(List<String[]> objectAndPolicy) {
    Map<String, TreeSet<String>> out = new TreeMap<>();
    objectAndPolicy.forEach(p -> out.computeIfAbsent(p[0], k -> new TreeSet<>()).add(p[1]));
    return out;
  }
}
