package dev.bulwark.testkit.charts;

import dev.bulwark.controlplane.SharedData;
import dev.bulwark.testkit.Needed;
import dev.bulwark.testkit.cluster.HelmChart;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A chart mirror made from {@code ../shared/charts} the way a user's {@code bulwark mirror export}
 * folder looks (ADR 0013): every chart packaged by real {@code helm package}, an {@code index.yaml}
 * with their digests from {@code helm repo index}, Keycloak's manifests as a Git tag archive
 * ({@code git/<component>/<tag>.tar.gz}), Tekton's config as release manifests ({@code
 * manifests/<component>/<version>/release.yaml}), and {@code SHA256SUMS} for those. Built once per
 * JVM under {@code target/}.
 */
public final class ChartMirror {

  private static Path built;

  private ChartMirror() {}

  /** The mirror folder; fails (CI) or skips without helm or {@code ../shared/charts}. */
  public static synchronized Path folder() {
    Optional<Path> charts = SharedData.resolve("charts/CHARTS.tsv");
    Needed.require(
        charts.isPresent(),
        "no ../shared/charts/CHARTS.tsv (the upstream charts the mirror is made from)");
    Optional<Path> helm = HelmChart.helm();
    Needed.require(
        helm.isPresent(),
        "no helm binary to package the charts; install one with tools/install-helm.sh");
    if (built == null) {
      Path out =
          SharedData.repoDir().resolve("target/chart-mirror-" + ProcessHandle.current().pid());
      built = MirrorBuilder.build(charts.get().getParent(), helm.get(), out);
    }
    return built;
  }
}
