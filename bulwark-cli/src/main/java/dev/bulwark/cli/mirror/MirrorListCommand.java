package dev.bulwark.cli.mirror;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bulwark.cli.BulwarkCli;
import dev.bulwark.cli.Tables;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bulwark mirror list}: every image and chart a platform needs from a mirror. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "Lists every image (with its digest when pinned) and every chart, manifest or Git archive (with its",
      "version and pinned digest) of the catalogue, or of the components a spec selects. With a spec that",
      "sets spec.mirror, each image's destination in the mirror's registry."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:listed", "2:the spec has errors"})
final class MirrorListCommand implements Callable<Integer> {

  @Spec CommandSpec command;

  @Mixin MirrorSpecOptions options;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    Optional<MirrorScope> scope = options.scope(err);
    if (scope.isEmpty()) {
      return BulwarkCli.EXIT_INVALID;
    }
    Optional<String> registry = scope.get().registry();
    ReleaseImagesRead releases = ReleaseImagesRead.of(scope.get().components(), options.archives());
    MirrorInventory inventory = MirrorInventory.of(scope.get().components(), releases.images());
    releases.report(err, "bulwark mirror list: not listed");
    err.flush();
    out.print(options.json() ? json(inventory, registry) : table(inventory, registry));
    out.flush();
    return 0;
  }

  static String table(MirrorInventory inventory, Optional<String> registry) {
    List<List<String>> images = new ArrayList<>();
    images.add(List.of("COMPONENT", "IMAGE", "DIGEST", "MIRROR"));
    for (MirrorInventory.ImageEntry entry : inventory.images()) {
      images.add(
          List.of(
              entry.component(),
              entry.image().reference(),
              entry.digest().orElse("-"),
              entry.destination(registry)));
    }
    List<List<String>> charts = new ArrayList<>();
    charts.add(List.of("COMPONENT", "TYPE", "CHART", "VERSION", "DIGEST", "FROM"));
    for (MirrorInventory.ChartEntry entry : inventory.charts()) {
      charts.add(
          List.of(
              entry.component(),
              entry.type(),
              entry.name(),
              entry.source().version(),
              entry.digest().orElse("(checked against the repository's index)"),
              entry.source().repository()));
    }
    return Tables.render(images) + "\n" + Tables.render(charts);
  }

  static String json(MirrorInventory inventory, Optional<String> registry) {
    List<Map<String, Object>> images = new ArrayList<>();
    for (MirrorInventory.ImageEntry entry : inventory.images()) {
      Map<String, Object> image = new LinkedHashMap<>();
      image.put("component", entry.component());
      image.put("image", entry.image().reference());
      entry.digest().ifPresent(d -> image.put("digest", d));
      image.put("destination", entry.destination(registry));
      images.add(image);
    }
    List<Map<String, Object>> charts = new ArrayList<>();
    for (MirrorInventory.ChartEntry entry : inventory.charts()) {
      Map<String, Object> chart = new LinkedHashMap<>();
      chart.put("component", entry.component());
      chart.put("type", entry.type());
      chart.put("name", entry.name());
      chart.put("version", entry.source().version());
      entry.digest().ifPresent(d -> chart.put("digest", d));
      chart.put("repository", entry.source().repository());
      charts.add(chart);
    }
    try {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("images", images);
      doc.put("charts", charts);
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc)
          + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
