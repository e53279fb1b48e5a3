package dev.bulwark.testkit.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.spec.schema.Crd;
import dev.bulwark.spec.schema.FieldPath;
import dev.bulwark.spec.schema.SchemaError;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The CRDs of the components Bulwark installs, as published upstream ({@code ../shared/crds/**}),
 * indexed by group and kind, to check every custom resource Bulwark renders against the schema of
 * the version it names.
 *
 * <p>Loaded once per JVM ({@link #shared()}); the 13 MB of YAML take about 1.5 s to parse on one
 * core of the build machine, about 1 s with the files read in parallel.
 */
public final class UpstreamCrds {

  private final Map<String, Crd> byGroupKind;

  private UpstreamCrds(Map<String, Crd> byGroupKind) {
    this.byGroupKind = Map.copyOf(byGroupKind);
  }

  private static final class Holder {
    static final Optional<UpstreamCrds> SHARED = SharedData.resolve("crds").map(UpstreamCrds::load);
  }

  /** The CRDs of the shared folder, loaded once; empty if the folder is absent. */
  public static Optional<UpstreamCrds> shared() {
    return Holder.SHARED;
  }

  /** Every CustomResourceDefinition in the {@code *.yaml}/{@code *.yml} files under {@code dir}. */
  public static UpstreamCrds load(Path dir) {
    // Some upstream CRD files are larger than Jackson's default 3 MB limit for one document set.
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(64 * 1024 * 1024);
    YAMLMapper yaml = new YAMLMapper(YAMLFactory.builder().loaderOptions(options).build());
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(UpstreamCrds::isYaml).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the CRDs under " + dir, e);
    }
    // Parsing dominates; files are independent, so they are read in parallel.
    Map<String, Crd> crds = new HashMap<>();
    files.parallelStream()
        .map(file -> crdsIn(yaml, file))
        .toList()
        .forEach(list -> list.forEach(crd -> crds.put(key(crd.group(), crd.kind()), crd)));
    return new UpstreamCrds(crds);
  }

  private static List<Crd> crdsIn(YAMLMapper yaml, Path file) {
    List<Crd> crds = new ArrayList<>();
    try (MappingIterator<JsonNode> docs =
        yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && Crd.isCrd(doc)) {
          crds.add(Crd.parse(doc));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return crds;
  }

  private static boolean isYaml(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
  }

  private static String key(String group, String kind) {
    return group + "/" + kind;
  }

  /** The CRD of this group and kind, if one was loaded. */
  public Optional<Crd> crd(String group, String kind) {
    return Optional.ofNullable(byGroupKind.get(key(group, kind)));
  }

  /** Whether some CRD defines kinds in this group. */
  public boolean hasGroup(String group) {
    return byGroupKind.values().stream().anyMatch(c -> c.group().equals(group));
  }

  /** Every loaded CRD. */
  public Collection<Crd> all() {
    return byGroupKind.values();
  }

  /**
   * Every way the object breaks the CRD schema of its apiVersion; an error if no CRD defines its
   * group and kind, or if the CRD does not serve that version.
   */
  public List<SchemaError> validate(JsonNode object) {
    GroupVersionKind gvk = GroupVersionKind.of(object);
    Optional<Crd> crd = crd(gvk.group(), gvk.kind());
    if (crd.isEmpty()) {
      List<String> kinds = new ArrayList<>();
      byGroupKind.values().stream()
          .filter(c -> c.group().equals(gvk.group()))
          .forEach(c -> kinds.add(c.kind()));
      String expected =
          kinds.isEmpty()
              ? "a kind defined by a CRD under shared/crds"
              : "one of the kinds of "
                  + gvk.group()
                  + ": "
                  + String.join(", ", kinds.stream().sorted().toList());
      return List.of(new SchemaError(FieldPath.of("kind"), "kind", expected, gvk.toString(), null));
    }
    return crd.get().validate(object);
  }

  /** Like {@link #validate(JsonNode)} for a fabric8 object. */
  public List<SchemaError> validate(HasMetadata object) {
    return validate(Schemas.toJson(object));
  }
}
