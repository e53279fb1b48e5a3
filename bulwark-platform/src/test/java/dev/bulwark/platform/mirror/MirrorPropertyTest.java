package dev.bulwark.platform.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.ComponentSpec;
import dev.bulwark.api.v1alpha1.ComponentsSpec;
import dev.bulwark.api.v1alpha1.MirrorSpec;
import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.platform.TestSpecs;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Renderer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The air-gap property (ADR 0033): for any valid platform with a mirror set, no host outside the
 * cluster, the platform's own domain and the hosts the user wrote in the spec appears in any object
 * Bulwark renders: every image, chart, manifest and database comes from the mirror.
 */
class MirrorPropertyTest {

  private static final String MIRROR = "mirror.corp.internal:5000";

  private static final List<String> PROFILES = List.of("minimal", "airgapped", "full");

  /** The capabilities a spec may switch off, with their setters. */
  private static final Map<String, BiConsumer<ComponentsSpec, ComponentSpec>> OPTIONAL =
      Map.of(
          "ci", ComponentsSpec::setCi,
          "registry", ComponentsSpec::setRegistry,
          "logs", ComponentsSpec::setLogs,
          "metrics", ComponentsSpec::setMetrics,
          "traces", ComponentsSpec::setTraces,
          "scanning", ComponentsSpec::setScanning,
          "backup", ComponentsSpec::setBackup,
          "database", ComponentsSpec::setDatabase);

  static List<Long> seeds() {
    return List.of(1L, 2L, 3L, 5L, 8L, 13L, 21L, 34L, 55L, 89L, 144L, 233L);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void noPublicHostRemainsWithAMirror(long seed) throws Exception {
    Random random = new Random(seed);
    String profile = PROFILES.get(random.nextInt(PROFILES.size()));
    BulwarkSpec spec = TestSpecs.profile(profile);
    String userText = new ObjectMapper().writeValueAsString(spec);
    PlatformSpec platform = spec.platform().getSpec();
    switchOffSome(platform, random);
    // An ACME issuer must reach its public ACME server, which no mirror replaces: an air-gapped
    // platform signs its certificates itself.
    certificates(platform).setSettings(Map.of("issuer", "selfsigned"));
    MirrorSpec mirror = new MirrorSpec();
    mirror.setRegistry(MIRROR + (random.nextBoolean() ? "/platform" : ""));
    mirror.setCharts("https://" + MIRROR + "/charts");
    platform.setMirror(mirror);

    Map<String, String> publicHosts =
        publicHosts(Renderer.standard().render(spec), userText, platform.getDomain());
    assertThat(publicHosts)
        .as(
            "hosts outside the mirror (profile %s, seed %d), with where each first appears",
            profile, seed)
        .isEmpty();
  }

  /** The scan itself finds what it looks for: without a mirror, the public registries show. */
  @org.junit.jupiter.api.Test
  void withoutAMirrorThePublicRegistriesAndChartRepositoriesShow() throws Exception {
    BulwarkSpec spec = TestSpecs.profile("full");
    String userText = new ObjectMapper().writeValueAsString(spec);
    String domain = spec.platform().getSpec().getDomain();
    assertThat(publicHosts(Renderer.standard().render(spec), userText, domain))
        .containsKeys("quay.io", "ghcr.io", "github.com", "argoproj.github.io", "infra.tekton.dev");
  }

  private static Map<String, String> publicHosts(
      DesiredState state, String userText, String domain) {
    Map<String, String> found = new TreeMap<>();
    for (DesiredObject object : state.objects()) {
      RenderedHosts.of(object)
          .forEach(
              (host, where) -> {
                if (!allowed(host, userText, domain)) {
                  found.putIfAbsent(host, where);
                }
              });
    }
    return found;
  }

  private static ComponentSpec certificates(PlatformSpec platform) {
    if (platform.getComponents().getCertificates() == null) {
      platform.getComponents().setCertificates(new ComponentSpec());
    }
    return platform.getComponents().getCertificates();
  }

  private static void switchOffSome(PlatformSpec platform, Random random) {
    if (platform.getComponents() == null) {
      platform.setComponents(new ComponentsSpec());
    }
    OPTIONAL.forEach(
        (capability, setter) -> {
          if (random.nextInt(3) == 0) {
            ComponentSpec off = new ComponentSpec();
            off.setEnabled(false);
            setter.accept(platform.getComponents(), off);
          }
        });
  }

  /**
   * The mirror, the cluster's own names, the platform's domain and every host the user wrote (their
   * Git server, their applications' registry, their S3 store) are not public downloads.
   */
  private static boolean allowed(String host, String userText, String domain) {
    String name = host.replaceFirst(":[0-9]+$", "");
    return host.equals(MIRROR)
        || name.equals("localhost")
        || name.endsWith(".svc")
        || name.endsWith(".cluster.local")
        || name.endsWith("." + domain)
        || userText.contains(name);
  }
}
