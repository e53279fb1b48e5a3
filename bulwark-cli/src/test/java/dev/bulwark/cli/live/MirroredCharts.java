package dev.bulwark.cli.live;

import dev.bulwark.catalog.charts.ArchiveCache;
import dev.bulwark.catalog.charts.ChartArchives;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.testkit.charts.ChartMirror;
import java.util.Optional;

/**
 * The catalogue's charts as the live tests obtain them: from a mirror made of the upstream charts,
 * with a cache of their own.
 */
final class MirroredCharts {

  private MirroredCharts() {}

  static ChartArchives archives() {
    ArchiveCache cache =
        new ArchiveCache(
            SharedData.repoDir().resolve("target/chart-cache-" + ProcessHandle.current().pid()));
    return new ChartArchives(cache, Optional.of(ChartMirror.folder().toString()));
  }
}
