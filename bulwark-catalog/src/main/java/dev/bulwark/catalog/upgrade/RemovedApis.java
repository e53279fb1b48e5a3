package dev.bulwark.catalog.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.catalog.CatalogueException;
import dev.bulwark.catalog.KubernetesVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The table of Kubernetes API versions removed per release (1.16 to 1.37), and the scan of objects
 * against it. Loaded from {@code removed-apis.yaml}, built from the official deprecation guide.
 */
public final class RemovedApis {

  /** Classpath location of the standard table. */
  public static final String RESOURCE = "/dev/bulwark/catalog/removed-apis.yaml";

  private final String source;
  private final TreeMap<KubernetesVersion, List<RemovedApi>> byRelease;

  private RemovedApis(String source, TreeMap<KubernetesVersion, List<RemovedApi>> byRelease) {
    this.source = source;
    this.byRelease = byRelease;
  }

  /** The table shipped with Bulwark, loaded once. */
  public static RemovedApis standard() {
    return Standard.INSTANCE;
  }

  /** Where the data comes from. */
  public String source() {
    return source;
  }

  /** The first and last release the table covers; every release in between is listed. */
  public KubernetesVersion first() {
    return byRelease.firstKey();
  }

  public KubernetesVersion last() {
    return byRelease.lastKey();
  }

  public boolean covers(KubernetesVersion version) {
    return byRelease.containsKey(version);
  }

  /** Every removed API, by release then group, version and kind. */
  public List<RemovedApi> all() {
    return byRelease.values().stream().flatMap(List::stream).toList();
  }

  /** The APIs removed in exactly this release. */
  public List<RemovedApi> removedIn(KubernetesVersion release) {
    return byRelease.getOrDefault(release, List.of());
  }

  /** The removal of this group/version/kind, if the table has one. */
  public Optional<RemovedApi> find(String group, String version, String kind) {
    return all().stream()
        .filter(
            a -> a.group().equals(group) && a.version().equals(version) && a.kind().equals(kind))
        .findFirst();
  }

  /** The objects that use an API no longer served by {@code target} (removed in it or before). */
  public List<ApiFinding> scan(Iterable<ScannedObject> objects, KubernetesVersion target) {
    List<ApiFinding> findings = new ArrayList<>();
    for (ScannedObject o : objects) {
      find(o.group(), o.version(), o.kind())
          .filter(api -> !api.removedIn().isAfter(target))
          .ifPresent(api -> findings.add(new ApiFinding(o, api)));
    }
    return findings;
  }

  /** The live objects whose writers use an API no longer served by {@code target}. */
  public List<ApiFinding> scan(LiveObjects live, KubernetesVersion target) {
    List<ScannedObject> written = new ArrayList<>();
    live.objects().forEach(o -> written.addAll(ScannedObject.writtenVersions(o, live.origin())));
    return scan(written, target);
  }

  /** Loads and checks a table; {@code name} names it in errors. */
  public static RemovedApis load(String name, InputStream in) {
    List<String> problems = new ArrayList<>();
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new CatalogueException(name, List.of("not readable as YAML: " + e.getMessage()));
    }
    TreeMap<KubernetesVersion, List<RemovedApi>> byRelease = new TreeMap<>();
    Set<String> seen = new HashSet<>();
    JsonNode releases = root == null ? null : root.get("releases");
    if (releases == null || !releases.isObject()) {
      throw new CatalogueException(
          name, List.of("releases: expected a mapping from Kubernetes release to removed APIs"));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = releases.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> release = it.next();
      KubernetesVersion version;
      try {
        version = KubernetesVersion.parse(release.getKey());
      } catch (IllegalArgumentException e) {
        problems.add("releases." + release.getKey() + ": " + e.getMessage());
        continue;
      }
      List<RemovedApi> apis = new ArrayList<>();
      for (int i = 0; i < release.getValue().size(); i++) {
        readEntry(
                release.getValue().get(i),
                version,
                "releases." + version + "[" + i + "]",
                problems,
                seen)
            .ifPresent(apis::add);
      }
      apis.sort(
          Comparator.comparing(RemovedApi::group)
              .thenComparing(RemovedApi::version)
              .thenComparing(RemovedApi::kind));
      byRelease.put(version, List.copyOf(apis));
    }
    checkContiguous(byRelease, problems);
    if (!problems.isEmpty()) {
      throw new CatalogueException(name, problems);
    }
    return new RemovedApis(root.path("source").asText(""), byRelease);
  }

  private static Optional<RemovedApi> readEntry(
      JsonNode e, KubernetesVersion release, String at, List<String> problems, Set<String> seen) {
    String group = e.path("group").asText(null);
    String version = e.path("version").asText(null);
    String kind = e.path("kind").asText(null);
    if (group == null || version == null || version.isBlank() || kind == null || kind.isBlank()) {
      problems.add(at + ": group, version and kind are required");
      return Optional.empty();
    }
    if (!seen.add(group + "/" + version + "/" + kind)) {
      problems.add(at + ": " + kind + " " + group + "/" + version + " is listed twice");
    }
    JsonNode replacement = e.get("replacement");
    if (replacement == null) {
      problems.add(at + ".replacement: required (null when there is none)");
    } else if (!replacement.isNull()
        && !replacement.asText().matches("^([a-z0-9.-]+/)?v[0-9]+((alpha|beta)[0-9]+)?$")) {
      problems.add(at + ".replacement: '" + replacement.asText() + "' is not an apiVersion");
    }
    Optional<String> replacedBy =
        replacement == null || replacement.isNull()
            ? Optional.empty()
            : Optional.of(replacement.asText());
    Optional<String> notes = Optional.ofNullable(e.path("notes").asText(null));
    return Optional.of(new RemovedApi(group, version, kind, release, replacedBy, notes));
  }

  private static void checkContiguous(
      TreeMap<KubernetesVersion, List<RemovedApi>> byRelease, List<String> problems) {
    if (byRelease.isEmpty()) {
      problems.add("releases: empty");
      return;
    }
    for (KubernetesVersion v = byRelease.firstKey();
        v.compareTo(byRelease.lastKey()) < 0;
        v = v.next()) {
      if (!byRelease.containsKey(v)) {
        problems.add(
            "releases: " + v + " is missing; list every release, with [] when nothing was removed");
      }
    }
  }

  private static final class Standard {
    static final RemovedApis INSTANCE = loadStandard();

    private static RemovedApis loadStandard() {
      try (InputStream in = RemovedApis.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(
              "the removed-API table " + RESOURCE + " is missing from the classpath");
        }
        return load("classpath:" + RESOURCE, in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
