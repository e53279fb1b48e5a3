package dev.bulwark.platform.stack;

import dev.bulwark.api.v1alpha1.MirrorSpec;
import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.catalog.Image;
import java.util.Optional;

/**
 * The private registry and chart repository of an air-gapped platform (ADR 0033), and how the
 * catalogue's public references map onto them: an image keeps its path below its registry host
 * ({@code quay.io/jetstack/x:v1} becomes {@code <registry>/jetstack/x:v1}, tag and digest kept); a
 * chart keeps its name and version; a release manifest or Git archive keeps the path that {@code
 * bulwark mirror export} gives it, below the chart repository when that is served over HTTP.
 *
 * @param registry host[:port][/path] of the private registry
 * @param charts the chart repository: {@code oci://...} or an HTTP(S) Helm repository URL
 */
public record Mirror(String registry, String charts) {

  /** The mirror of {@code spec}, if it sets one. */
  public static Optional<Mirror> of(PlatformSpec spec) {
    MirrorSpec mirror = spec.getMirror();
    return mirror == null
        ? Optional.empty()
        : Optional.of(new Mirror(mirror.getRegistry(), mirror.chartRepository()));
  }

  /** The registry host (and port) alone, as charts that split registry from repository take it. */
  public String host() {
    int slash = registry.indexOf('/');
    return slash < 0 ? registry : registry.substring(0, slash);
  }

  /** True when the charts are in an OCI registry rather than an HTTP Helm repository. */
  public boolean ociCharts() {
    return charts.startsWith("oci://");
  }

  /** The mirrored copy of a catalogue image. */
  public Image image(Image image) {
    return image.mirroredTo(registry);
  }

  /**
   * The mirrored repository of {@code repository} (an image name without tag or digest): its path
   * below the registry host ({@link Image#pathBelowHost}), under the mirror.
   */
  public String repository(String repository) {
    return registry + "/" + Image.pathBelowHost(repository);
  }

  /** An Install whose chart, manifest and images come from the mirror. */
  Install install(Install install) {
    String type = install.type();
    String repository = install.repository();
    switch (type) {
      case "helm", "oci" -> {
        type = ociCharts() ? "oci" : "helm";
        repository = charts;
      }
      case "manifest" ->
          repository =
              files(install)
                  + "/manifests/"
                  + install.component()
                  + "/"
                  + install.version()
                  + "/"
                  + fileName(install.repository());
      case "git" -> repository = files(install) + "/git/" + install.component() + ".git";
      default -> {}
    }
    return new Install(
        install.component(),
        type,
        repository,
        install.chart(),
        install.path(),
        install.version(),
        install.appVersion(),
        install.namespace(),
        install.syncWave(),
        install.warning(),
        install.images().stream().map(this::image).toList());
  }

  /**
   * Where release manifests and Git repositories are served: the HTTP chart repository, which
   * serves the whole exported folder. An OCI repository cannot serve them.
   */
  private String files(Install install) {
    if (ociCharts()) {
      throw new MirrorException(
          "spec.mirror.charts: "
              + install.component()
              + " is installed from "
              + (install.type().equals("git") ? "a Git repository" : "a release manifest")
              + ", which an OCI repository cannot serve; set spec.mirror.charts to the HTTP(S)"
              + " URL that serves the folder bulwark mirror export writes");
    }
    return charts;
  }

  /** The last path segment of a release URL (render code parses no URLs with java.net). */
  private static String fileName(String url) {
    String path = url.replaceFirst("[?#].*$", "");
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
