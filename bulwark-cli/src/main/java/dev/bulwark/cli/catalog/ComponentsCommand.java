package dev.bulwark.cli.catalog;

import dev.bulwark.catalog.Capability;
import dev.bulwark.catalog.Catalogue;
import dev.bulwark.catalog.Component;
import dev.bulwark.cli.Tables;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bulwark components}: the pinned component catalogue. */
@Command(
    name = "components",
    mixinStandardHelpOptions = true,
    description =
        "List the component catalogue: each component's capability, source, versions, licence and supported Kubernetes versions.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:listed", "2:unknown capability"})
public final class ComponentsCommand implements Callable<Integer> {

  @Spec CommandSpec command;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "table (default) or json.")
  OutputFormat output = OutputFormat.TABLE;

  @Option(
      names = "--capability",
      paramLabel = "CAPABILITY",
      description = "Only the components of this capability, e.g. logs.")
  String capability;

  @Override
  public Integer call() {
    Catalogue catalogue = Catalogue.standard();
    PrintWriter out = command.commandLine().getOut();
    List<Component> components = catalogue.components();
    if (capability != null) {
      Capability wanted = Capability.fromId(capability).orElse(null);
      if (wanted == null) {
        command
            .commandLine()
            .getErr()
            .printf(
                "--capability: unknown capability '%s'; expected one of: %s%n",
                capability, Capability.ids());
        return 2;
      }
      components = catalogue.byCapability(wanted);
    }
    if (output == OutputFormat.JSON) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("release", catalogue.release());
      doc.put("components", components.stream().map(CatalogueJson::component).toList());
      out.println(CatalogueJson.write(doc));
    } else {
      out.print(table(components));
      out.printf(
          "%ncatalogue %s: %d components; bulwark components -o json shows CRDs, dependencies and upgrade notes%n",
          catalogue.release(), components.size());
    }
    out.flush();
    return 0;
  }

  static String table(List<Component> components) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        List.of(
            "COMPONENT",
            "CAPABILITY",
            "CHOICE",
            "CHART",
            "VERSION",
            "APP",
            "LICENCE",
            "KUBERNETES",
            "WAVE"));
    for (Component c : components) {
      String chart =
          c.source().chart() != null
              ? c.source().chart()
              : c.source().type().name().toLowerCase(java.util.Locale.ROOT);
      rows.add(
          List.of(
              c.id(),
              c.capability().id(),
              c.choice().id(),
              chart,
              c.source().version(),
              c.appVersion().text(),
              c.license().toString(),
              c.kubernetes().toString(),
              String.valueOf(c.syncWave())));
    }
    return Tables.render(rows);
  }
}
