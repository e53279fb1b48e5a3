package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.Manifests;
import dev.bulwark.render.Renderer;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every field of the API types is acted on (ADR 3): for each leaf of the three CRDs' schemas, the
 * field of an examples/acme object is given another valid value, and the whole rendering (every
 * render unit) must change — or the loader must refuse the field as "not supported yet". A field
 * that does neither is accepted and silently ignored, and fails this test unless it is listed in
 * {@link #NOT_EXERCISED} with the reason this walk cannot give it a value.
 */
class EveryFieldIsActedOnTest {

  private static final ObjectMapper JSON = Manifests.mapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Kind → its CRD file. */
  private static final Map<String, String> CRDS =
      Map.of(
          "Platform", "platforms.bulwark.dev.yaml",
          "Tenant", "tenants.bulwark.dev.yaml",
          "Application", "applications.bulwark.dev.yaml");

  /**
   * Fields a one-field change of acme does not reach, each with where it is acted on instead: read
   * by another command than the renderer, or acting only together with another field. A field that
   * matches no entry and does not change the rendering fails the test; an entry that matches no
   * such field fails it too, so the list cannot go stale.
   */
  private static final Map<String, String> ELSEWHERE =
      Map.ofEntries(
          Map.entry(
              "Platform spec\\.components\\.[a-z]+\\.(settings|values)",
              "free-form maps: PlatformSpecCheck checks the settings, ChartValuesTest the values"),
          Map.entry(
              "Platform spec\\.components\\.[a-z]+\\.implementation",
              "names one of the catalogue's implementations; GoldenTest renders the others"),
          Map.entry(
              "Platform spec\\.components\\.gitops\\.enabled",
              "the loader refuses turning GitOps off while other components are on"),
          Map.entry(
              "Platform spec\\.(backup\\.(schedule|retention)"
                  + "|distribution\\.workloadIdentity\\.backup)",
              "act with spec.backup.objectStore (DatabaseBackupTest, DistributionChartsTest)"),
          Map.entry(
              "Platform spec\\.mirror\\.(registry|charts)",
              "a mirror of a stack with Tekton needs both (MirrorPropertyTest)"),
          Map.entry(
              "Platform spec\\.identity\\.issuerURL",
              "acts with identity.provider oidc (the API server's OIDC configuration)"),
          Map.entry(
              "Platform spec\\.kubernetesVersion",
              "read by bulwark upgrade plan and the scorecard"),
          Map.entry(
              "Platform spec\\.upgrade\\..*",
              "read by the operator's upgrade run (UpgradeRunLiveTest, UpgradeRunTest,"
                  + " UpgradeWindowTest) and bulwark upgrade plan, not rendered"),
          Map.entry(
              "Application spec\\.security\\..*",
              "read by bulwark gate (GateCommandTest) and the operator's promotion (DastPromotionTest);"
                  + " rendered only into the gate spec of an application the platform builds"),
          Map.entry(
              "Application spec\\.environments\\.promotion",
              "read by bulwark promote and approve and the operator's promotion (bulwark-delivery)"),
          Map.entry(
              "Application spec\\.(hosts\\.port|observability\\.metricsPort)",
              "names one of the application's ports: another value needs a second port"),
          Map.entry(
              "Application spec\\.observability\\.availabilityObjective",
              "acts with observability.metricsPath (PromtoolRulesTest on the full profile)"),
          Map.entry(
              "Application spec\\.backup\\.schedule", "acts with a database (DatabaseBackupTest)"),
          Map.entry(
              "Application spec\\.source\\.(path|targetRevision)",
              "act with source.repoURL, which excludes an image"));

  /** Candidate strings for a field with a pattern or format: the first that fits is used. */
  private static final List<String> STRINGS =
      List.of(
          "99.5",
          "1.38",
          "5m",
          "2Gi",
          "250m",
          "3",
          "10.20.0.0/16",
          "other.example.org",
          "other",
          "https://other.example.org/x.git",
          "registry.example.org/other/app:2.0.0",
          "ops@example.org",
          "2030-01-01",
          "0 3 * * *");

  /**
   * The specs each field is tried on: acme as written, and acme on the full profile on EKS (so that
   * the cloud's storage, load balancer and workload identity fields have an effect).
   */
  private static List<BulwarkSpec> bases;

  private static List<String> baselines;
  private static Path work;

  @BeforeAll
  static void renderAcme() throws Exception {
    LoadResult loaded =
        SpecLoader.load(List.of(SharedData.repoDir().resolve("examples/acme").toString()));
    assertThat(loaded.errors()).isEmpty();
    BulwarkSpec acme = loaded.spec();
    ObjectNode platform = JSON.valueToTree(acme.platform());
    ObjectNode spec = (ObjectNode) platform.get("spec");
    spec.put("profile", "full").put("provider", "aws");
    spec.putObject("distribution").put("name", "eks");
    BulwarkSpec full =
        new BulwarkSpec(
            JSON.treeToValue(platform, Platform.class), acme.tenants(), acme.applications());
    bases = List.of(acme, full);
    baselines = bases.stream().map(EveryFieldIsActedOnTest::render).toList();
    work = Files.createTempDirectory("every-field");
  }

  @Test
  void everyLeafChangesTheRenderingOrIsRefused() throws Exception {
    List<String> ignored = new ArrayList<>();
    List<String> exercised = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    List<String> notExercised = new ArrayList<>();
    for (Map.Entry<String, String> crd : CRDS.entrySet()) {
      JsonNode schema =
          YAML.readTree(
                  SharedData.repoDir().resolve("deploy/crds").resolve(crd.getValue()).toFile())
              .at("/spec/versions/0/schema/openAPIV3Schema/properties/spec");
      List<String> leaves = new ArrayList<>();
      leaves(schema, "spec", leaves);
      for (String leaf : leaves) {
        String field = crd.getKey() + " " + leaf;
        Outcome outcome = exercise(crd.getKey(), leaf, schema);
        switch (outcome) {
          case CHANGED -> exercised.add(field);
          case REFUSED -> refused.add(field);
          case NO_VALUE -> notExercised.add(field);
          case IGNORED -> ignored.add(field);
        }
      }
    }
    System.out.printf(
        "every field: %d change the rendering, %d refused as not supported yet, %d acted on"
            + " elsewhere or with another field%n",
        exercised.size(), refused.size(), ignored.size() + notExercised.size());
    List<String> unreached = new ArrayList<>(ignored);
    unreached.addAll(notExercised);
    List<String> unexplained =
        unreached.stream().filter(f -> ELSEWHERE.keySet().stream().noneMatch(f::matches)).toList();
    List<String> stale =
        ELSEWHERE.keySet().stream()
            .filter(rule -> unreached.stream().noneMatch(f -> f.matches(rule)))
            .toList();
    assertThat(exercised).as("the walk reaches fields at all").hasSizeGreaterThan(100);
    assertThat(refused).as("fields refused as not supported yet").isNotEmpty();
    assertThat(unexplained).as("accepted and silently ignored").isEmpty();
    assertThat(stale).as("entries of ELSEWHERE that no field needs any more").isEmpty();
  }

  enum Outcome {
    CHANGED,
    REFUSED,
    NO_VALUE,
    IGNORED
  }

  /**
   * Tries the field on every base spec, every object of the kind that can hold it and every
   * candidate value, until the rendering changes.
   */
  private static Outcome exercise(String kind, String leaf, JsonNode specSchema) throws Exception {
    String[] path = leaf.split("\\.");
    JsonNode fieldSchema = schemaAt(specSchema, path);
    BulwarkSpec tried = null;
    for (int b = 0; b < bases.size(); b++) {
      List<ObjectNode> objects = trees(bases.get(b), kind);
      for (int i = 0; i < objects.size(); i++) {
        ObjectNode probe = objects.get(i);
        ObjectNode parent = parentOf(probe, path, specSchema);
        if (parent == null) {
          continue; // a list on the way is empty in this object: try the next one
        }
        String name = path[path.length - 1];
        for (JsonNode value : valuesFor(fieldSchema, parent.get(name))) {
          ObjectNode tree = trees(bases.get(b), kind).get(i);
          parentOf(tree, path, specSchema).set(name, value);
          BulwarkSpec changed = with(bases.get(b), kind, i, tree);
          tried = changed;
          String rendered;
          try {
            rendered = render(changed);
          } catch (RuntimeException e) {
            continue; // a value the renderer cannot take: the loader's checks refuse it
          }
          if (!rendered.equals(baselines.get(b))) {
            return Outcome.CHANGED;
          }
        }
      }
    }
    if (tried == null) {
      return Outcome.NO_VALUE;
    }
    return refusedByLoader(tried) ? Outcome.REFUSED : Outcome.IGNORED;
  }

  /** Whether the loader, given the changed spec as files, refuses it as "not supported yet". */
  private static boolean refusedByLoader(BulwarkSpec spec) throws Exception {
    Path dir = Files.createTempDirectory(work, "spec");
    StringBuilder yaml = new StringBuilder();
    List<HasMetadata> all = new ArrayList<>();
    all.add(spec.platform());
    all.addAll(spec.tenants());
    all.addAll(spec.applications());
    for (HasMetadata object : all) {
      ObjectNode tree = JSON.valueToTree(object);
      tree.remove("status");
      ((ObjectNode) tree.get("metadata")).retain("name", "namespace", "labels");
      yaml.append("---\n").append(YAML.writeValueAsString(tree));
    }
    Files.writeString(dir.resolve("spec.yaml"), yaml);
    LoadResult loaded = SpecLoader.load(List.of(dir.toString()));
    return loaded.errors().stream().anyMatch(e -> e.toString().contains("not supported yet"));
  }

  /** Every leaf path below {@code node}; arrays add nothing to the path (their first item). */
  private static void leaves(JsonNode node, String path, List<String> out) {
    JsonNode items = node.path("items");
    if (node.path("type").asText().equals("array") && items.isObject()) {
      if (items.has("properties")) {
        leaves(items, path, out);
      } else {
        out.add(path);
      }
      return;
    }
    if (node.has("properties")) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.path("properties").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        leaves(field.getValue(), path + "." + field.getKey(), out);
      }
      return;
    }
    out.add(path);
  }

  private static JsonNode schemaAt(JsonNode spec, String[] path) {
    JsonNode node = spec;
    for (int i = 1; i < path.length; i++) {
      while (node.path("type").asText().equals("array")) {
        node = node.path("items");
      }
      node = node.path("properties").path(path[i]);
    }
    return node;
  }

  /**
   * The object that holds the leaf, creating missing objects on the way; through a list, its first
   * item. Null when a list on the way is absent or empty.
   */
  private static ObjectNode parentOf(ObjectNode tree, String[] path, JsonNode specSchema) {
    JsonNode node = tree;
    for (int i = 0; i < path.length - 1; i++) {
      ObjectNode object = (ObjectNode) node;
      JsonNode next = object.get(path[i]);
      boolean list =
          i > 0
              && schemaAt(specSchema, java.util.Arrays.copyOf(path, i + 1))
                  .path("type")
                  .asText()
                  .equals("array");
      if (next == null || next.isNull()) {
        if (list) {
          return null;
        }
        next = object.putObject(path[i]);
      }
      if (next.isArray()) {
        if (next.isEmpty() || !next.get(0).isObject()) {
          return null;
        }
        next = next.get(0);
      }
      if (!next.isObject()) {
        return null;
      }
      node = next;
    }
    return (ObjectNode) node;
  }

  /** Other values than {@code current} the field's schema allows; empty when none is known. */
  private static List<JsonNode> valuesFor(JsonNode schema, JsonNode current) {
    List<JsonNode> values = new ArrayList<>();
    if (schema.has("enum")) {
      schema.path("enum").forEach(o -> values.add(o));
    } else if (schema.path("type").asText().equals("boolean")) {
      // both: a field left out may already behave as either (production by an environment's name)
      values.add(JSON.getNodeFactory().booleanNode(true));
      values.add(JSON.getNodeFactory().booleanNode(false));
    } else {
      JsonNode one = valueFor(schema, current);
      if (one != null) {
        values.add(one);
      }
    }
    values.removeIf(v -> v.equals(current));
    return values;
  }

  private static JsonNode valueFor(JsonNode schema, JsonNode current) {
    String type = schema.path("type").asText();
    switch (type) {
      case "integer":
        {
          long now =
              current != null
                  ? current.asLong()
                  : schema.path("default").asLong(schema.path("minimum").asLong(1));
          long next = now + 1;
          if (schema.has("maximum") && next > schema.get("maximum").asLong()) {
            next = now - 1;
          }
          return JSON.getNodeFactory().numberNode(next);
        }
      case "string":
        return JSON.getNodeFactory().textNode(stringFor(schema, current));
      case "array":
        {
          JsonNode items = schema.path("items");
          if (!items.path("type").asText().equals("string")) {
            return null;
          }
          ArrayNode list =
              current != null && current.isArray()
                  ? current.deepCopy()
                  : JSON.getNodeFactory().arrayNode();
          if (!items.has("enum")) {
            list.add(stringFor(items, null));
            return list;
          }
          // a list of enum values (days of a window) takes one more of them, never another word
          for (JsonNode value : items.path("enum")) {
            if (!contains(list, value)) {
              return list.add(value);
            }
          }
          return null;
        }
      default:
        return null;
    }
  }

  private static boolean contains(ArrayNode list, JsonNode value) {
    for (JsonNode item : list) {
      if (item.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static String stringFor(JsonNode schema, JsonNode current) {
    String now = current == null ? null : current.asText();
    if (schema.has("pattern")) {
      Pattern pattern = Pattern.compile(schema.get("pattern").asText());
      for (String candidate : STRINGS) {
        if (!candidate.equals(now) && pattern.matcher(candidate).find()) {
          return candidate;
        }
      }
    }
    return now == null ? "other-value" : now + "x";
  }

  private static List<ObjectNode> trees(BulwarkSpec base, String kind) {
    List<? extends HasMetadata> objects =
        switch (kind) {
          case "Platform" -> List.of(base.platform());
          case "Tenant" -> base.tenants();
          default -> base.applications();
        };
    return objects.stream().map(o -> (ObjectNode) JSON.valueToTree(o)).toList();
  }

  private static BulwarkSpec with(BulwarkSpec base, String kind, int index, ObjectNode tree)
      throws Exception {
    return switch (kind) {
      case "Platform" ->
          new BulwarkSpec(
              JSON.treeToValue(tree, Platform.class), base.tenants(), base.applications());
      case "Tenant" -> {
        List<Tenant> tenants = new ArrayList<>(base.tenants());
        tenants.set(index, JSON.treeToValue(tree, Tenant.class));
        yield new BulwarkSpec(base.platform(), tenants, base.applications());
      }
      default -> {
        List<Application> apps = new ArrayList<>(base.applications());
        apps.set(index, JSON.treeToValue(tree, Application.class));
        yield new BulwarkSpec(base.platform(), base.tenants(), apps);
      }
    };
  }

  private static String render(BulwarkSpec spec) {
    StringBuilder text = new StringBuilder();
    for (DesiredObject object : Renderer.standard().render(spec).objects()) {
      text.append(Manifests.toYaml(object.object()));
    }
    return text.toString();
  }
}
