package dev.bulwark.platform.charts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controlplane.ControlPlane;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.gitops.TreeLayout;
import dev.bulwark.platform.charts.PlatformReleases.Release;
import dev.bulwark.render.UpstreamKustomization;
import dev.bulwark.testkit.Folders;
import dev.bulwark.testkit.cluster.HelmChart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a component puts on the cluster: its chart templated with Bulwark's values, or, for a
 * release manifest (Tekton), the manifest as the kustomization Bulwark writes for it builds it with
 * a real kustomize; a plain folder Argo CD syncs as is (Keycloak) as it is.
 */
final class ChartOutput {

  private static final Map<String, UpstreamCharts.Template> BUILT = new ConcurrentHashMap<>();

  private ChartOutput() {}

  static UpstreamCharts.Template of(Release release) {
    if (UpstreamCharts.isChart(release.chartDir())) {
      return UpstreamCharts.template(
          release.chartDir(), release.releaseName(), release.namespace(), release.values());
    }
    String kustomization =
        TreeLayout.files(PlatformReleases.state(release.profile())).entrySet().stream()
            .filter(
                e ->
                    e.getKey()
                        .endsWith(
                            UpstreamKustomization.DIRECTORY
                                + "/"
                                + release.component()
                                + "/"
                                + TreeLayout.KUSTOMIZATION))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse(null);
    if (kustomization == null) {
      return new UpstreamCharts.Template(UpstreamCharts.manifests(release.chartDir()), null);
    }
    return BUILT.computeIfAbsent(
        release.chartDir() + "|" + kustomization,
        k -> kustomize(release.chartDir(), kustomization));
  }

  /**
   * The objects, failing with the engine's message when the chart or kustomization does not build.
   */
  static List<JsonNode> objects(Release release) {
    UpstreamCharts.Template template = of(release);
    if (!template.ok()) {
      throw new AssertionError(
          "building " + release.chartDir() + " failed for " + release + ":\n" + template.error());
    }
    return template.objects();
  }

  /**
   * Builds Bulwark's kustomization over the release's manifests: the remote release URLs it lists
   * are replaced by one local file holding the shared folder's copy of the release's config.
   */
  private static UpstreamCharts.Template kustomize(Path config, String kustomization) {
    try {
      Path dir = Files.createTempDirectory("bulwark-upstream-");
      try {
        Files.writeString(dir.resolve("release.yaml"), releaseText(config));
        String local =
            kustomization
                .replaceAll("(?m)^- https://\\S+$", "")
                .replaceFirst("(?m)^resources:$", "resources:\n- release.yaml");
        Files.writeString(dir.resolve(TreeLayout.KUSTOMIZATION), local);
        Process process =
            new ProcessBuilder(kubectl().toString(), "kustomize", dir.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
          return new UpstreamCharts.Template(
              List.of(), "kubectl kustomize:\n" + output + "\nwith\n" + local);
        }
        return new UpstreamCharts.Template(HelmChart.objects(output), null);
      } finally {
        Folders.delete(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The release's YAML documents, in path order, as one multi-document text. */
  private static String releaseText(Path config) throws IOException {
    try (Stream<Path> files = Files.walk(config)) {
      return files
          .filter(f -> f.toString().endsWith(".yaml"))
          .sorted()
          .map(
              f -> {
                try {
                  return Files.readString(f);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .collect(Collectors.joining("\n---\n"));
    }
  }

  private static Path kubectl() {
    ControlPlane.Result<ControlPlane.Setup> setup = ControlPlane.locate(SharedData.repoDir());
    if (setup.value().isEmpty()) {
      UpstreamCharts.require(false, "no kubectl for kustomize: " + setup.reason());
    }
    return setup.value().get().binaries().resolve("kubectl");
  }
}
