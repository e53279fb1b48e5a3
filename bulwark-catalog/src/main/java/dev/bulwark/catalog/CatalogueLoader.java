package dev.bulwark.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads the catalogue YAML and checks it as a whole: unknown capabilities, duplicate ids, missing
 * fields, unparsable versions and licences, dangling references, dependency cycles, sync waves that
 * contradict dependencies, and capabilities without exactly one default. Every problem is
 * collected, so one run reports them all.
 */
final class CatalogueLoader {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final String source;
  private final List<String> problems = new ArrayList<>();

  private CatalogueLoader(String source) {
    this.source = source;
  }

  static Catalogue load(String source, InputStream in) {
    JsonNode root;
    try {
      root = YAML.readTree(in);
    } catch (IOException e) {
      throw new CatalogueException(source, List.of("not readable as YAML: " + e.getMessage()));
    }
    return new CatalogueLoader(source).build(root);
  }

  private Catalogue build(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new CatalogueException(
          source, List.of("expected a mapping with release, capabilities and components"));
    }
    String release = text(root, "release", "release");
    List<RawImplementation> rawImplementations = readCapabilities(root.path("capabilities"));
    Map<String, RawComponent> rawComponents = readComponents(root.path("components"));
    Map<Capability, List<Implementation>> implementations =
        checkImplementations(rawImplementations, rawComponents);
    checkDependencies(rawComponents);
    List<Component> components = new ArrayList<>();
    for (RawComponent raw : rawComponents.values()) {
      components.add(raw.toComponent(choiceOf(raw, implementations)));
    }
    if (!problems.isEmpty()) {
      throw new CatalogueException(source, problems);
    }
    return new Catalogue(release, components, implementations);
  }

  // ---- capabilities and implementations ----

  private record RawImplementation(
      String path, Capability capability, String id, boolean isDefault, List<String> components) {}

  private List<RawImplementation> readCapabilities(JsonNode list) {
    List<RawImplementation> result = new ArrayList<>();
    if (!list.isArray()) {
      problems.add("capabilities: expected a list of capabilities");
      return result;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode node = list.get(i);
      String path = "capabilities[" + i + "]";
      String id = text(node, "id", path + ".id");
      if (id == null) {
        continue;
      }
      path = path + " (" + id + ")";
      Optional<Capability> capability = Capability.fromId(id);
      if (capability.isEmpty()) {
        problems.add(
            path + ": unknown capability '" + id + "'; known capabilities: " + Capability.ids());
        continue;
      }
      if (!seen.add(id)) {
        problems.add(path + ": duplicate capability '" + id + "'");
        continue;
      }
      JsonNode impls = node.path("implementations");
      for (int j = 0; j < impls.size(); j++) {
        JsonNode impl = impls.get(j);
        String implPath = path + ".implementations[" + j + "]";
        String implId = text(impl, "id", implPath + ".id");
        result.add(
            new RawImplementation(
                implPath,
                capability.get(),
                implId,
                impl.path("default").asBoolean(false),
                strings(impl.path("components"))));
      }
    }
    for (Capability c : Capability.values()) {
      if (!seen.contains(c.id())) {
        problems.add(
            "capabilities: capability '"
                + c.id()
                + "' is missing; every capability needs a default implementation");
      }
    }
    return result;
  }

  private Map<Capability, List<Implementation>> checkImplementations(
      List<RawImplementation> raw, Map<String, RawComponent> components) {
    Map<Capability, List<Implementation>> byCapability = new EnumMap<>(Capability.class);
    Set<String> used = new HashSet<>();
    for (RawImplementation impl : raw) {
      if (impl.id() == null) {
        continue;
      }
      List<Implementation> existing =
          byCapability.computeIfAbsent(impl.capability(), k -> new ArrayList<>());
      if (existing.stream().anyMatch(e -> e.id().equals(impl.id()))) {
        problems.add(
            impl.path()
                + ": duplicate implementation '"
                + impl.id()
                + "' of capability "
                + impl.capability().id());
        continue;
      }
      checkComponentsOf(impl, components);
      used.addAll(impl.components());
      existing.add(
          new Implementation(impl.id(), impl.capability(), impl.isDefault(), impl.components()));
    }
    byCapability.replaceAll(
        (capability, list) -> {
          long defaults = list.stream().filter(Implementation::isDefault).count();
          if (defaults != 1) {
            problems.add(
                "capabilities ("
                    + capability.id()
                    + "): expected exactly one default implementation, found "
                    + defaults);
          }
          return list.stream()
              .sorted((a, b) -> Boolean.compare(b.isDefault(), a.isDefault()))
              .toList();
        });
    components.values().stream()
        .filter(c -> !used.contains(c.id))
        .forEach(
            c ->
                problems.add(
                    c.path
                        + ": component '"
                        + c.id
                        + "' belongs to no implementation of its capability"));
    checkLicenseAlternatives(components, byCapability);
    return byCapability;
  }

  /** Every component an implementation names exists and serves the implementation's capability. */
  private void checkComponentsOf(RawImplementation impl, Map<String, RawComponent> components) {
    for (String componentId : impl.components()) {
      RawComponent component = components.get(componentId);
      if (component == null) {
        problems.add(
            impl.path()
                + ": implementation '"
                + impl.id()
                + "' names unknown component '"
                + componentId
                + "'");
      } else if (component.capability != null && component.capability != impl.capability()) {
        problems.add(
            impl.path()
                + ": component '"
                + componentId
                + "' serves capability "
                + component.capability.id()
                + ", not "
                + impl.capability().id());
      }
    }
  }

  /**
   * A component's licence alternative names an implementation of the component's own capability.
   */
  private void checkLicenseAlternatives(
      Map<String, RawComponent> components, Map<Capability, List<Implementation>> byCapability) {
    components
        .values()
        .forEach(
            c ->
                c.licenseAlternative.ifPresent(
                    alt -> {
                      boolean known =
                          c.capability != null
                              && byCapability.getOrDefault(c.capability, List.of()).stream()
                                  .anyMatch(i -> i.id().equals(alt));
                      if (!known) {
                        problems.add(
                            c.path
                                + ".licenseAlternative: '"
                                + alt
                                + "' is not an implementation of capability "
                                + (c.capability == null ? "?" : c.capability.id()));
                      }
                    }));
  }

  private static Component.Choice choiceOf(
      RawComponent raw, Map<Capability, List<Implementation>> implementations) {
    boolean inDefault =
        implementations.getOrDefault(raw.capability, List.of()).stream()
            .anyMatch(i -> i.isDefault() && i.components().contains(raw.id));
    return inDefault ? Component.Choice.DEFAULT : Component.Choice.ALTERNATIVE;
  }

  // ---- components ----

  private Map<String, RawComponent> readComponents(JsonNode list) {
    Map<String, RawComponent> result = new LinkedHashMap<>();
    if (!list.isArray()) {
      problems.add("components: expected a list of components");
      return result;
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode node = list.get(i);
      String id = text(node, "id", "components[" + i + "].id");
      if (id == null) {
        continue;
      }
      String path = "components[" + i + "] (" + id + ")";
      if (result.containsKey(id)) {
        problems.add(path + ": duplicate component id '" + id + "'");
        continue;
      }
      result.put(id, new RawComponent(path, id, node));
    }
    return result;
  }

  private void checkDependencies(Map<String, RawComponent> components) {
    for (RawComponent c : components.values()) {
      for (String dep : c.dependsOn) {
        RawComponent target = components.get(dep);
        if (target == null) {
          problems.add(c.path + ".dependsOn: unknown component '" + dep + "'");
        } else if (target.syncWave >= c.syncWave) {
          problems.add(
              c.path
                  + ".syncWave: "
                  + c.syncWave
                  + " must be after the wave of its dependency "
                  + dep
                  + " ("
                  + target.syncWave
                  + ")");
        }
      }
    }
    findCycle(components)
        .ifPresent(
            cycle -> problems.add("components: dependency cycle " + String.join(" -> ", cycle)));
  }

  /** A dependency cycle as a path that starts and ends at the same component, if there is one. */
  static Optional<List<String>> findCycle(Map<String, RawComponent> components) {
    Map<String, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = finished
    for (String start : components.keySet()) {
      List<String> path = new ArrayList<>();
      Optional<List<String>> cycle = visit(start, components, state, path);
      if (cycle.isPresent()) {
        return cycle;
      }
    }
    return Optional.empty();
  }

  private static Optional<List<String>> visit(
      String id,
      Map<String, RawComponent> components,
      Map<String, Integer> state,
      List<String> path) {
    Integer s = state.get(id);
    if (s != null && s == 2) {
      return Optional.empty();
    }
    if (s != null && s == 1) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
      cycle.add(id);
      return Optional.of(cycle);
    }
    RawComponent c = components.get(id);
    if (c == null) {
      return Optional.empty();
    }
    state.put(id, 1);
    path.add(id);
    for (String dep : c.dependsOn) {
      Optional<List<String>> cycle = visit(dep, components, state, path);
      if (cycle.isPresent()) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    state.put(id, 2);
    return Optional.empty();
  }

  /** One component entry, read field by field; problems are recorded, not thrown. */
  final class RawComponent {
    final String path;
    final String id;
    final Capability capability;
    final List<String> dependsOn;
    final int syncWave;
    final Optional<String> licenseAlternative;
    private final JsonNode node;

    RawComponent(String path, String id, JsonNode node) {
      this.path = path;
      this.id = id;
      this.node = node;
      String cap = text(node, "capability", path + ".capability");
      this.capability = cap == null ? null : Capability.fromId(cap).orElse(null);
      if (cap != null && capability == null) {
        problems.add(
            path
                + ".capability: unknown capability '"
                + cap
                + "'; known capabilities: "
                + Capability.ids());
      }
      this.dependsOn = strings(node.path("dependsOn"));
      this.syncWave = node.path("syncWave").asInt(0);
      if (!node.path("syncWave").isInt()) {
        problems.add(path + ".syncWave: expected an integer");
      }
      this.licenseAlternative = optionalText(node, "licenseAlternative");
    }

    Component toComponent(Component.Choice choice) {
      return new Component(
          id,
          text(node, "name", path + ".name"),
          capability,
          choice,
          source(node.path("source"), path + ".source"),
          parse(node, "appVersion", Version::parse),
          text(node, "namespace", path + ".namespace"),
          optionalText(node, "namespaceFrom"),
          parse(node, "license", LicenseExpression::parse),
          licenseAlternative,
          kubernetes(node.path("kubernetes")),
          syncWave,
          dependsOn,
          crds(node.path("crds")),
          optionalText(node, "warning"),
          text(node, "releaseNotes", path + ".releaseNotes"),
          upgrades(node.path("upgrades")),
          images(node.path("images")));
    }

    private <T> T parse(JsonNode parent, String field, Function<String, T> parser) {
      return parseAt(parent, field, path + "." + field, parser);
    }

    private Source source(JsonNode s, String at) {
      String typeText = text(s, "type", at + ".type");
      Source.Type type = null;
      try {
        type = typeText == null ? null : Source.Type.valueOf(typeText.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(
            at
                + ".type: unknown source type '"
                + typeText
                + "'; expected helm, oci, git or manifest");
      }
      String repository = text(s, "repository", at + ".repository");
      String version = text(s, "version", at + ".version");
      String chart =
          type == Source.Type.HELM || type == Source.Type.OCI
              ? text(s, "chart", at + ".chart")
              : null;
      String dir = type == Source.Type.GIT ? text(s, "path", at + ".path") : null;
      if (type == Source.Type.OCI && repository != null && !repository.startsWith("oci://")) {
        problems.add(at + ".repository: an oci source must start with oci://");
      }
      if (type != Source.Type.OCI && repository != null && !repository.startsWith("https://")) {
        problems.add(at + ".repository: expected an https:// URL");
      }
      if (version != null) {
        parseAt(s, "version", at + ".version", Version::parse);
      }
      Optional<String> digest = Optional.ofNullable(s.path("digest").textValue());
      digest
          .filter(d -> !d.matches("sha256:[0-9a-f]{64}"))
          .ifPresent(
              d ->
                  problems.add(
                      at + ".digest: '" + d + "' is not sha256:<64 lowercase hex digits>"));
      Map<String, String> crdValues = new TreeMap<>();
      s.path("crdValues")
          .fields()
          .forEachRemaining(e -> crdValues.put(e.getKey(), e.getValue().asText()));
      return new Source(type, repository, chart, dir, version, digest, crdValues);
    }

    private KubernetesRange kubernetes(JsonNode k) {
      KubernetesVersion min = parseAt(k, "min", path + ".kubernetes.min", KubernetesVersion::parse);
      Optional<KubernetesVersion> max =
          k.has("max")
              ? Optional.ofNullable(
                  parseAt(k, "max", path + ".kubernetes.max", KubernetesVersion::parse))
              : Optional.empty();
      if (min == null || (k.has("max") && max.isEmpty())) {
        return null;
      }
      try {
        return new KubernetesRange(min, max);
      } catch (IllegalArgumentException e) {
        problems.add(path + ".kubernetes: " + e.getMessage());
        return null;
      }
    }

    private List<CrdRef> crds(JsonNode list) {
      List<CrdRef> crds = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < list.size(); i++) {
        String at = path + ".crds[" + i + "]";
        JsonNode crd = list.get(i);
        CrdRef ref =
            new CrdRef(
                text(crd, "group", at + ".group"),
                text(crd, "kind", at + ".kind"),
                text(crd, "version", at + ".version"));
        if (!seen.add(ref.group() + "/" + ref.kind())) {
          problems.add(at + ": duplicate CRD " + ref.kind() + "." + ref.group());
        }
        crds.add(ref);
      }
      return crds;
    }

    private List<Image> images(JsonNode list) {
      List<Image> images = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < list.size(); i++) {
        String at = path + ".images[" + i + "]";
        JsonNode image = list.get(i);
        Image ref =
            new Image(
                text(image, "name", at + ".name"),
                text(image, "repository", at + ".repository"),
                text(image, "tag", at + ".tag"));
        if (ref.name() != null && !seen.add(ref.name())) {
          problems.add(at + ": duplicate image " + ref.name());
        }
        if (ref.repository() != null && ref.repository().contains("@")) {
          problems.add(
              at + ".repository: give the image without tag or digest; the tag goes in tag");
        }
        images.add(ref);
      }
      return images;
    }

    private List<UpgradeNote> upgrades(JsonNode list) {
      List<UpgradeNote> notes = new ArrayList<>();
      Version pinned = quietly(node.path("appVersion").asText());
      for (int i = 0; i < list.size(); i++) {
        String at = path + ".upgrades[" + i + "]";
        JsonNode n = list.get(i);
        Version from = parseAt(n, "from", at + ".from", Version::parse);
        Version to = parseAt(n, "to", at + ".to", Version::parse);
        if (from != null && to != null && !to.isAfter(from)) {
          problems.add(at + ": 'to' (" + to + ") must be after 'from' (" + from + ")");
        }
        if (to != null && pinned != null && to.isAfter(pinned)) {
          problems.add(at + ".to: " + to + " is after the pinned appVersion " + pinned);
        }
        Optional<Boolean> breaking =
            n.has("breaking") ? Optional.of(n.path("breaking").asBoolean()) : Optional.empty();
        notes.add(new UpgradeNote(from, to, breaking, strings(n.path("notes"))));
      }
      return notes;
    }
  }

  // ---- field helpers ----

  private String text(JsonNode node, String field, String at) {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
      problems.add(at + ": required");
      return null;
    }
    return value.asText();
  }

  private static Optional<String> optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isBlank()
        ? Optional.empty()
        : Optional.of(value.asText());
  }

  private <T> T parseAt(JsonNode parent, String field, String at, Function<String, T> parser) {
    String value = text(parent, field, at);
    if (value == null) {
      return null;
    }
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      problems.add(at + ": " + e.getMessage());
      return null;
    }
  }

  /** A version already reported elsewhere when bad; null then, without a second report. */
  private static Version quietly(String text) {
    try {
      return Version.parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static List<String> strings(JsonNode list) {
    List<String> values = new ArrayList<>();
    list.forEach(v -> values.add(v.asText()));
    return values;
  }
}
