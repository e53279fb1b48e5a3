package dev.bulwark.cli.mirror;

import dev.bulwark.catalog.Catalogue;
import dev.bulwark.catalog.charts.Archive;
import dev.bulwark.catalog.charts.ChartArchives;
import dev.bulwark.catalog.charts.ChartFetchException;
import dev.bulwark.catalog.charts.MirrorExport;
import dev.bulwark.cli.BulwarkCli;
import dev.bulwark.cli.live.DemoCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * {@code bulwark mirror}: what an air-gapped platform needs copied across the gap (ADR 0013 for the
 * archives' layout, ADR 0033 for images and {@code spec.mirror}).
 */
@Command(
    name = "mirror",
    mixinStandardHelpOptions = true,
    description =
        "Mirrors of the catalogue's pinned images and charts, for clusters and machines without access to their registries.",
    subcommands = {MirrorCommand.Export.class, MirrorListCommand.class, MirrorCheckCommand.class})
public final class MirrorCommand {

  /** Writes every catalogue component's archive into a folder laid out as ADR 0013 describes. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = {
        "Downloads (or takes from the cache) every catalogue component's pinned archive, checks its digest, and",
        "writes them to DIR as a mirror: index.yaml and the charts, manifests/, git/ and SHA256SUMS. Serve DIR",
        "or copy it, then use it with --charts DIR-or-URL or BULWARK_CHARTS, or as spec.mirror.charts.",
        "Also writes images.txt: one 'source destination' line per image (pinned, inside a chart or inside a",
        "release manifest), for skopeo, crane or oras. With --registry, release manifests are written with",
        "their images pointed at it, as only they name them."
      })
  static final class Export implements Callable<Integer> {

    /** The image list in the exported folder. */
    static final String IMAGES = "images.txt";

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The folder to write the mirror to.")
    Path dir;

    @Option(
        names = "--charts",
        paramLabel = "DIR-or-URL",
        description = "Another mirror to copy from (default: $BULWARK_CHARTS, else upstream).")
    String charts;

    @Option(
        names = "--registry",
        paramLabel = "HOST[:PORT][/PATH]",
        description =
            "The mirror's registry (spec.mirror.registry): images.txt's destinations and the images the"
                + " exported release manifests name; without it, each destination is the image's path"
                + " below the registry and the manifests keep the public images.")
    String registry;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        List<Archive> archives =
            MirrorExport.export(
                Catalogue.standard().components(),
                ChartArchives.standard(Optional.ofNullable(charts)),
                dir,
                Optional.ofNullable(registry));
        writeImages(Catalogue.standard(), archives);
        archives.forEach(
            a -> out.println(a.component() + " " + a.source().version() + " " + a.digest()));
        out.println("wrote a mirror of " + archives.size() + " archives to " + dir);
        out.println(
            "wrote " + dir.resolve(IMAGES) + ": copy each image with skopeo, crane or oras");
        if (registry == null) {
          out.println(
              "the release manifests name their images upstream: export with --registry to point"
                  + " them at the mirror");
        }
        return 0;
      } catch (IllegalStateException | IllegalArgumentException e) {
        err.println("bulwark mirror export: " + e.getMessage());
        return BulwarkCli.EXIT_INVALID;
      } catch (ChartFetchException e) {
        err.println("bulwark mirror export: " + e.getMessage());
        return DemoCommand.EXIT_UNAVAILABLE;
      } catch (IOException e) {
        err.println("bulwark mirror export: cannot write " + dir.resolve(IMAGES) + ": " + e);
        return DemoCommand.EXIT_UNAVAILABLE;
      }
    }

    private void writeImages(Catalogue catalogue, List<Archive> archives) throws IOException {
      String text =
          MirrorInventory.of(catalogue.components(), ReleaseImagesRead.of(archives))
              .imagesTxt(Optional.ofNullable(registry));
      Files.writeString(dir.resolve(IMAGES), text, StandardCharsets.UTF_8);
    }
  }
}
