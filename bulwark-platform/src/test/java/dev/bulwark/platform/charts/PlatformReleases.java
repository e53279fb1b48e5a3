package dev.bulwark.platform.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Renderer;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import dev.bulwark.testkit.schema.Schemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The platform components Bulwark installs, as Argo CD would hand them to helm: for each profile,
 * every component Application with its chart, release name, namespace and {@code valuesObject}. The
 * profiles are examples/acme with its {@code profile} set to minimal, standard and full, and the
 * air-gapped test profile, which picks the alternatives (ingress-nginx, Loki, Kyverno).
 */
final class PlatformReleases {

  static final List<String> PROFILES = List.of("minimal", "standard", "full", "airgapped");
  private static final Map<String, DesiredState> STATES = new ConcurrentHashMap<>();

  private PlatformReleases() {}

  /**
   * One component as installed in one profile.
   *
   * @param chartDir the upstream chart (or manifest folder) in the shared folder
   * @param values the Application's valuesObject (empty when it sets none)
   */
  record Release(
      String profile,
      String component,
      String namespace,
      String releaseName,
      Path chartDir,
      JsonNode values) {
    @Override
    public String toString() {
      return component + " @ " + profile;
    }
  }

  /** The rendered state of a profile, rendered once per test JVM. */
  static DesiredState state(String profile) {
    return STATES.computeIfAbsent(profile, p -> Renderer.standard().render(spec(p)));
  }

  static BulwarkSpec spec(String profile) {
    Map<String, String> sources =
        profile.equals("airgapped")
            ? Map.of("airgapped.yaml", resource("/profiles/airgapped.yaml"))
            : acme(profile);
    LoadResult loaded = SpecLoader.loadStrings(sources);
    if (!loaded.ok()) {
      throw new AssertionError("profile " + profile + " does not load:\n" + loaded.report());
    }
    return loaded.spec();
  }

  /** examples/acme with its platform's profile replaced. */
  private static Map<String, String> acme(String profile) {
    return acme(
        text -> {
          String replaced = text.replaceFirst("(?m)^  profile: standard$", "  profile: " + profile);
          if (!replaced.contains("profile: " + profile)) {
            throw new AssertionError(
                "examples/acme/platform.yaml no longer states `profile: standard`");
          }
          return replaced;
        });
  }

  /** examples/acme, loaded, with {@code edit} applied to the text of its platform.yaml. */
  static BulwarkSpec acmeSpec(UnaryOperator<String> edit) {
    LoadResult loaded = SpecLoader.loadStrings(acme(edit));
    if (!loaded.ok()) {
      throw new AssertionError("edited examples/acme does not load:\n" + loaded.report());
    }
    return loaded.spec();
  }

  private static Map<String, String> acme(UnaryOperator<String> editPlatform) {
    Path dir = SharedData.repoDir().resolve("examples/acme");
    Map<String, String> sources = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        String text = Files.readString(file);
        if (file.getFileName().toString().equals("platform.yaml")) {
          text = editPlatform.apply(text);
        }
        sources.put(dir.relativize(file).toString(), text);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sources;
  }

  private static String resource(String name) {
    try (InputStream in = PlatformReleases.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every component of the profile that CHARTS.tsv maps to an upstream chart or manifest folder.
   */
  static List<Release> releases(String profile) {
    return releases(profile, objects(profile, "Application"));
  }

  /** The releases of {@code applications} (rendered Applications, as JSON), named {@code label}. */
  static List<Release> releases(String label, List<JsonNode> applications) {
    Map<String, Path> charts = UpstreamCharts.chartDirs();
    List<Release> releases = new ArrayList<>();
    for (JsonNode app : applications) {
      String name = app.at("/metadata/name").asText();
      if (!charts.containsKey(name)
          || !"platform".equals(app.at("/metadata/labels/bulwark.dev~1tenant").asText())) {
        continue;
      }
      JsonNode helm = app.at("/spec/source/helm");
      JsonNode values =
          helm.has("valuesObject")
              ? helm.get("valuesObject")
              : JsonNodeFactory.instance.objectNode();
      releases.add(
          new Release(
              label,
              name,
              app.at("/spec/destination/namespace").asText(),
              helm.path("releaseName").asText(name),
              charts.get(name),
              values));
    }
    return releases;
  }

  /** Every release of every profile. */
  static List<Release> all() {
    return PROFILES.stream().flatMap(p -> releases(p).stream()).toList();
  }

  /** The Namespaces Bulwark renders for a profile, by name. */
  static Map<String, JsonNode> namespaces(String profile) {
    Map<String, JsonNode> namespaces = new LinkedHashMap<>();
    objects(profile, "Namespace")
        .forEach(ns -> namespaces.put(ns.at("/metadata/name").asText(), ns));
    return namespaces;
  }

  /** The rendered objects of a kind, as JSON. */
  static List<JsonNode> objects(String profile, String kind) {
    return state(profile).objects().stream()
        .filter(o -> o.object().getKind().equals(kind))
        .map(o -> Schemas.toJson(o.object()))
        .toList();
  }
}
