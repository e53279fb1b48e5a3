package dev.bulwark.cli.catalog;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.catalog.Catalogue;
import dev.bulwark.catalog.ComponentSelection;
import dev.bulwark.catalog.KubernetesVersion;
import dev.bulwark.catalog.SelectionException;
import dev.bulwark.catalog.Version;
import dev.bulwark.catalog.upgrade.ApiFinding;
import dev.bulwark.catalog.upgrade.CatalogueHistory;
import dev.bulwark.catalog.upgrade.ManifestObjects;
import dev.bulwark.catalog.upgrade.RemovedApis;
import dev.bulwark.catalog.upgrade.ScannedObject;
import dev.bulwark.catalog.upgrade.UpgradePlan;
import dev.bulwark.catalog.upgrade.UpgradePlanner;
import dev.bulwark.catalog.upgrade.UpgradeTarget;
import dev.bulwark.cli.BulwarkCli;
import dev.bulwark.cli.SpecFiles;
import dev.bulwark.render.RenderException;
import dev.bulwark.render.Renderer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark upgrade plan}: ordered upgrade steps with breaking-change notes and the
 * removed-API scan.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Plan an upgrade to a Kubernetes version (like 1.37) and/or the catalogue release: objects to migrate off removed APIs,",
      "component upgrades in sync-wave and dependency order with their breaking-change notes, and the Kubernetes minors to step",
      "through. Scans the objects the spec renders and, with --manifests, your own manifests for APIs the target no longer serves."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the plan can be carried out as it is",
      "1:objects use removed APIs, or a component does not support the target",
      "2:the spec or an option is invalid"
    })
public final class UpgradePlanCommand implements Callable<Integer> {

  @Spec CommandSpec command;
  @Mixin SpecFiles specFiles;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "VERSION",
      description =
          "A Kubernetes version (e.g. 1.37) and/or the catalogue release (bulwark components shows it); repeat or separate with commas.")
  List<String> to = new ArrayList<>();

  @Option(
      names = "--manifests",
      paramLabel = "PATH",
      description = "Manifest files or directories to scan for removed APIs as well (repeatable).")
  List<Path> manifests = new ArrayList<>();

  @Option(
      names = "--installed",
      paramLabel = "COMPONENT=VERSION",
      description =
          "The version a component runs now, e.g. --installed argo-cd=v3.4.5 (repeatable); picks the notes that apply.")
  Map<String, String> installed = new LinkedHashMap<>();

  @Option(names = "--no-render", description = "Do not scan the objects the spec renders.")
  boolean noRender;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "table (default) or json.")
  OutputFormat output = OutputFormat.TABLE;

  @Override
  public Integer call() {
    PrintWriter err = command.commandLine().getErr();
    Optional<BulwarkSpec> loaded = specFiles.load(err);
    if (loaded.isEmpty()) {
      return BulwarkCli.EXIT_INVALID;
    }
    BulwarkSpec spec = loaded.get();
    try {
      Catalogue catalogue = Catalogue.standard();
      UpgradeTarget target = UpgradeTarget.parse(to, catalogue);
      ComponentSelection selection = ComponentSelection.of(spec.platform().getSpec());
      KubernetesVersion current =
          KubernetesVersion.parse(spec.platform().getSpec().getKubernetesVersion());
      List<ScannedObject> objects = scannedObjects(spec);
      KubernetesVersion goal = target.kubernetes().orElse(current);
      List<ApiFinding> findings = RemovedApis.standard().scan(objects, goal);
      UpgradePlan plan =
          UpgradePlanner.plan(selection, current, target, installedVersions(catalogue), findings);
      PrintWriter out = command.commandLine().getOut();
      Instant now = Instant.now();
      out.print(
          output == OutputFormat.JSON
              ? CatalogueJson.write(json(spec, plan, now)) + "\n"
              : UpgradePlanText.render(spec, plan, objects.size())
                  + "\n"
                  + UpgradeChannelText.render(spec.platform(), CatalogueHistory.standard(), now));
      out.flush();
      return plan.needsAction() ? 1 : 0;
    } catch (SelectionException e) {
      e.problems().forEach(err::println);
    } catch (IllegalArgumentException | RenderException e) {
      err.println(e.getMessage());
    }
    err.flush();
    return BulwarkCli.EXIT_INVALID;
  }

  private static Map<String, Object> json(BulwarkSpec spec, UpgradePlan plan, Instant now) {
    Map<String, Object> doc = UpgradePlanText.json(plan);
    doc.put(
        "upgradeChannel",
        UpgradeChannelText.json(spec.platform(), CatalogueHistory.standard(), now));
    return doc;
  }

  private List<ScannedObject> scannedObjects(BulwarkSpec spec) {
    List<ScannedObject> objects = new ArrayList<>();
    if (!noRender) {
      Renderer.standard()
          .render(spec)
          .objects()
          .forEach(
              o ->
                  objects.add(
                      ScannedObject.of(
                          o.object(),
                          "rendered "
                              + o.capability()
                              + (o.tenant() == null ? "" : "/" + o.tenant()))));
    }
    objects.addAll(ManifestObjects.read(manifests));
    return objects;
  }

  private Map<String, Version> installedVersions(Catalogue catalogue) {
    Map<String, Version> versions = new TreeMap<>();
    installed.forEach(
        (id, version) -> {
          if (catalogue.component(id).isEmpty()) {
            throw new IllegalArgumentException(
                "--installed "
                    + id
                    + "="
                    + version
                    + ": no component '"
                    + id
                    + "' in the catalogue (bulwark components lists them)");
          }
          try {
            versions.put(id, Version.parse(version));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                "--installed " + id + "=" + version + ": " + e.getMessage(), e);
          }
        });
    return versions;
  }
}
