package dev.bulwark.cli.live;

import dev.bulwark.catalog.Catalogue;
import dev.bulwark.catalog.charts.Archive;
import dev.bulwark.catalog.charts.ChartArchives;
import dev.bulwark.catalog.charts.ChartFetchException;
import dev.bulwark.catalog.charts.MirrorExport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark mirror export DIR}: the catalogue's pinned archives as a mirror for air-gapped
 * use.
 */
@Command(
    name = "mirror",
    mixinStandardHelpOptions = true,
    description =
        "Mirrors of the catalogue's pinned charts, for machines without access to their repositories.",
    subcommands = MirrorCommand.Export.class)
public final class MirrorCommand {

  /** Writes every catalogue component's archive into a folder laid out as ADR 0013 describes. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = {
        "Downloads (or takes from the cache) every catalogue component's pinned archive, checks its digest, and",
        "writes them to DIR as a mirror: index.yaml and the charts, manifests/, git/ and SHA256SUMS. Serve DIR",
        "or copy it, then use it with --charts DIR-or-URL or BULWARK_CHARTS."
      })
  static final class Export implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The folder to write the mirror to.")
    Path dir;

    @Option(
        names = "--charts",
        paramLabel = "DIR-or-URL",
        description = "Another mirror to copy from (default: $BULWARK_CHARTS, else upstream).")
    String charts;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        List<Archive> archives =
            MirrorExport.export(
                Catalogue.standard().components(),
                ChartArchives.standard(Optional.ofNullable(charts)),
                dir);
        archives.forEach(
            a -> out.println(a.component() + " " + a.source().version() + " " + a.digest()));
        out.println("wrote a mirror of " + archives.size() + " archives to " + dir);
        return 0;
      } catch (ChartFetchException e) {
        err.println("bulwark mirror export: " + e.getMessage());
        return DemoCommand.EXIT_UNAVAILABLE;
      }
    }
  }
}
