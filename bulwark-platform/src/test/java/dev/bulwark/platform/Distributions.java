package dev.bulwark.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Renderer;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import dev.bulwark.testkit.schema.Schemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One platform per distribution (src/test/resources/distributions/), loaded through the real loader
 * with its checks, and rendered once per test JVM.
 */
public final class Distributions {

  public static final List<String> ALL =
      List.of("generic", "eks", "gke", "aks", "k3s", "openshift");

  private static final Map<String, DesiredState> STATES = new ConcurrentHashMap<>();

  private Distributions() {}

  static BulwarkSpec spec(String distribution) {
    LoadResult loaded =
        SpecLoader.loadStrings(
            Map.of(
                distribution + ".yaml",
                resource(distribution + ".yaml"),
                "tenant.yaml",
                resource("tenant.yaml")));
    if (!loaded.ok()) {
      throw new AssertionError(
          "distribution " + distribution + " does not load:\n" + loaded.report());
    }
    return loaded.spec();
  }

  public static DesiredState state(String distribution) {
    return STATES.computeIfAbsent(distribution, d -> Renderer.standard().render(spec(d)));
  }

  /** The platform objects of {@code kind} in the distribution's render. */
  static List<DesiredObject> ofKind(String distribution, String kind) {
    return Profiles.platformObjects(state(distribution)).stream()
        .filter(o -> o.object().getKind().equals(kind))
        .toList();
  }

  /** The object of {@code kind} named {@code name}, as JSON, if rendered. */
  static Optional<JsonNode> find(String distribution, String kind, String name) {
    return ofKind(distribution, kind).stream()
        .filter(o -> o.object().getMetadata().getName().equals(name))
        .findFirst()
        .map(o -> Schemas.toJson(o.object()));
  }

  public static JsonNode one(String distribution, String kind, String name) {
    return find(distribution, kind, name)
        .orElseThrow(() -> new AssertionError(distribution + " renders no " + kind + " " + name));
  }

  /** The Helm values of a component's Argo CD Application. */
  public static JsonNode values(String distribution, String application) {
    return one(distribution, "Application", application).at("/spec/source/helm/valuesObject");
  }

  static String resource(String name) {
    try (InputStream in = Distributions.class.getResourceAsStream("/distributions/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource distributions/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
