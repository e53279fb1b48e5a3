package dev.bulwark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.gitops.PinnedImages;
import dev.bulwark.gitops.TreeDiff;
import dev.bulwark.gitops.TreeLayout;
import dev.bulwark.gitops.TreeWriter;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Renderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bulwark plan}: renders a spec into a GitOps tree, or shows what would change in one. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Render a spec into the desired Kubernetes objects.",
      "With --out, write them as a GitOps tree (one kustomize directory per tenant environment and per platform capability).",
      "With --diff, show what would change against an earlier tree."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:with --exit-code, the plan differs from the --diff tree",
      "2:the spec has errors, or the output cannot be written"
    })
final class PlanCommand implements Callable<Integer> {

  enum Format {
    text,
    json
  }

  @Spec CommandSpec command;
  @Mixin SpecFiles specFiles;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Write the GitOps tree here, replacing an earlier Bulwark tree.")
  Path outDir;

  @Option(
      names = "--diff",
      paramLabel = "DIR",
      description =
          "Compare with the Bulwark tree in DIR: added, changed and removed objects, with a unified diff of each change.")
  Path diff;

  @Option(names = "--exit-code", description = "With --diff, exit 1 when there are changes.")
  boolean exitCode;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Summary format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    Optional<BulwarkSpec> spec = specFiles.load(err);
    if (spec.isEmpty()) {
      return BulwarkCli.EXIT_INVALID;
    }
    DesiredState state = Renderer.standard().render(spec.get());
    try {
      // The digests a promotion pinned are state: the tree being replaced (or compared) keeps them.
      Path earlier = outDir != null ? outDir : diff;
      PinnedImages pinned = earlier == null ? PinnedImages.NONE : PinnedImages.read(earlier);
      SortedMap<String, String> files = TreeLayout.files(state, pinned);
      TreeDiff changes = diff == null ? null : TreeDiff.between(diff, files);
      if (outDir != null) {
        TreeWriter.write(files, outDir);
      }
      if (format == Format.json) {
        out.println(json(state, changes));
      } else {
        out.print(PlanSummary.table(state));
        if (outDir != null) {
          out.printf("wrote %d files to %s%n", files.size(), outDir);
        }
        if (changes != null) {
          out.println();
          out.print(changes.render(true));
        }
      }
      out.flush();
      return exitCode && changes != null && !changes.isEmpty() ? 1 : 0;
    } catch (IOException | UncheckedIOException e) {
      err.println("bulwark plan: " + e.getMessage());
      return BulwarkCli.EXIT_INVALID;
    }
  }

  private String json(DesiredState state, TreeDiff changes) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("objects", state.size());
    report.put("byCapabilityAndTenant", state.countsByCapabilityAndTenant());
    if (outDir != null) {
      report.put("out", outDir.toString());
    }
    if (changes != null) {
      report.put(
          "changes",
          changes.changes().stream()
              .map(
                  c ->
                      Map.of(
                          "change",
                          c.kind().name().toLowerCase(java.util.Locale.ROOT),
                          "apiVersion",
                          c.key().apiVersion(),
                          "kind",
                          c.key().kind(),
                          "namespace",
                          c.key().namespace(),
                          "name",
                          c.key().name(),
                          "diff",
                          c.diff()))
              .toList());
    }
    try {
      return new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(report);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
