package dev.bulwark.cli.catalog;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.catalog.ComponentSelection;
import dev.bulwark.catalog.LicenseCategory;
import dev.bulwark.catalog.LicenseInventory;
import dev.bulwark.catalog.LicensePolicy;
import dev.bulwark.catalog.SelectionException;
import dev.bulwark.cli.BulwarkCli;
import dev.bulwark.cli.SpecFiles;
import dev.bulwark.cli.Tables;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark licenses}: the licence inventory of what a spec runs, against its licence policy.
 */
@Command(
    name = "licenses",
    aliases = "licences",
    mixinStandardHelpOptions = true,
    description = {
      "Print the licence inventory of the components a spec enables, flag licences outside spec.licenses.allow",
      "(default: Apache-2.0, MIT, BSD-2-Clause, BSD-3-Clause, MPL-2.0, ISC) and name the alternative that avoids each."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every enabled component's licence is allowed",
      "1:a licence is flagged",
      "2:the spec has errors"
    })
public final class LicensesCommand implements Callable<Integer> {

  @Spec CommandSpec command;
  @Mixin SpecFiles specFiles;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "table (default) or json.")
  OutputFormat output = OutputFormat.TABLE;

  @Override
  public Integer call() {
    PrintWriter err = command.commandLine().getErr();
    Optional<BulwarkSpec> spec = specFiles.load(err);
    if (spec.isEmpty()) {
      return BulwarkCli.EXIT_INVALID;
    }
    ComponentSelection selection;
    try {
      selection = ComponentSelection.of(spec.get().platform().getSpec());
    } catch (SelectionException e) {
      e.problems().forEach(err::println);
      err.flush();
      return BulwarkCli.EXIT_INVALID;
    }
    LicenseInventory inventory =
        LicenseInventory.of(selection, LicensePolicy.of(spec.get().platform().getSpec()));
    PrintWriter out = command.commandLine().getOut();
    out.print(
        output == OutputFormat.JSON
            ? CatalogueJson.write(json(inventory)) + "\n"
            : text(spec.get(), selection, inventory));
    out.flush();
    return inventory.hasFlags() ? 1 : 0;
  }

  static String text(BulwarkSpec spec, ComponentSelection selection, LicenseInventory inventory) {
    StringBuilder out = new StringBuilder();
    out.append("Licence inventory of platform ")
        .append(spec.platform().getMetadata().getName())
        .append(" (catalogue ")
        .append(selection.catalogue().release())
        .append("), against ")
        .append(inventory.policy().source())
        .append(": ")
        .append(String.join(", ", inventory.policy().allowed()))
        .append("\n\n");
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("COMPONENT", "CAPABILITY", "VERSION", "LICENCE", "CATEGORY", "STATUS"));
    for (LicenseInventory.Entry e : inventory.entries()) {
      rows.add(
          List.of(
              e.component().id(),
              e.component().capability().id(),
              e.component().appVersion().text(),
              e.component().license().toString(),
              categories(e),
              e.flagged() ? "FLAGGED" : "ok"));
    }
    out.append(Tables.render(rows));
    if (inventory.hasFlags()) {
      out.append("\nFlagged:\n");
      for (LicenseInventory.Entry e : inventory.flagged()) {
        out.append("  ")
            .append(e.component().id())
            .append(": ")
            .append(String.join(", ", e.unmet()))
            .append(" ")
            .append(e.unmet().size() == 1 ? "is" : "are")
            .append(" outside the allow-list (")
            .append(
                e.unmet().stream()
                    .map(id -> LicenseCategory.of(id).label())
                    .distinct()
                    .collect(Collectors.joining(", ")))
            .append(")\n    ")
            .append(e.remedy().orElse(""))
            .append('\n');
      }
    }
    if (!inventory.alternatives().isEmpty()) {
      out.append("\nAlternatives not chosen:\n");
      for (LicenseInventory.Entry e : inventory.alternatives()) {
        out.append("  ")
            .append(e.component().id())
            .append(" (")
            .append(e.component().capability().id())
            .append("): ")
            .append(e.component().license())
            .append(e.flagged() ? " - outside the allow-list" : " - allowed")
            .append('\n');
      }
    }
    out.append('\n')
        .append(
            inventory.hasFlags()
                ? inventory.flagged().size()
                    + " component"
                    + (inventory.flagged().size() == 1 ? "" : "s")
                    + " flagged\n"
                : "every enabled component's licence is allowed\n");
    return out.toString();
  }

  private static String categories(LicenseInventory.Entry e) {
    return e.categories().stream().map(LicenseCategory::label).collect(Collectors.joining(","));
  }

  static Map<String, Object> json(LicenseInventory inventory) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("allow", List.copyOf(inventory.policy().allowed()));
    doc.put("allowFrom", inventory.policy().fromSpec() ? "spec" : "default");
    doc.put("components", inventory.entries().stream().map(LicensesCommand::entry).toList());
    doc.put("alternatives", inventory.alternatives().stream().map(LicensesCommand::entry).toList());
    doc.put("flagged", inventory.flagged().size());
    return doc;
  }

  private static Map<String, Object> entry(LicenseInventory.Entry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("component", e.component().id());
    m.put("capability", e.component().capability().id());
    m.put("appVersion", e.component().appVersion().text());
    m.put("license", e.component().license().toString());
    m.put("categories", e.categories().stream().map(LicenseCategory::label).toList());
    m.put("flagged", e.flagged());
    m.put("unmet", List.copyOf(e.unmet()));
    e.remedy().ifPresent(r -> m.put("remedy", r));
    return m;
  }
}
