package dev.bulwark.cli.mirror;

import dev.bulwark.catalog.charts.ChartArchives;
import dev.bulwark.cli.catalog.OutputFormat;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The spec files and the output format that {@code mirror list} and {@code check} share. */
final class MirrorSpecOptions {

  @Parameters(
      arity = "0..*",
      paramLabel = "SPEC",
      description = "Spec files or directories; without any, the whole catalogue.")
  List<String> paths = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "table (default) or json.")
  OutputFormat output = OutputFormat.TABLE;

  @Option(
      names = "--charts",
      paramLabel = "DIR-or-URL",
      description =
          "Where to read the release manifests whose images only they name (default: the cache, then"
              + " $BULWARK_CHARTS, else upstream).")
  String charts;

  /** Where the release manifests come from. */
  ChartArchives archives() {
    return ChartArchives.standard(Optional.ofNullable(charts));
  }

  /** The spec's scope; empty, its problems printed to {@code err}, when the spec has errors. */
  Optional<MirrorScope> scope(PrintWriter err) {
    return MirrorScope.load(paths, err);
  }

  boolean json() {
    return output == OutputFormat.JSON;
  }
}
