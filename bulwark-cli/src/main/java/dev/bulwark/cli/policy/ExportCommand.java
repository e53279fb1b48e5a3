package dev.bulwark.cli.policy;

import dev.bulwark.policy.export.Enforcement;
import dev.bulwark.policy.export.GatekeeperExporter;
import dev.bulwark.policy.export.VapExporter;
import dev.bulwark.policy.export.kyverno.KyvernoExporter;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.render.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bulwark policies export}: the library as admission objects for the cluster. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Write the policies as ValidatingAdmissionPolicies with bindings (--target vap), as Gatekeeper "
            + "ConstraintTemplates (K8sNativeValidation) with Constraints (--target gatekeeper), or as Kyverno "
            + "ClusterPolicies with CEL rules (--target kyverno).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:written", "2:usage error"})
public final class ExportCommand implements Callable<Integer> {

  @Spec CommandSpec command;
  @Mixin PolicyOptions options;

  @Option(
      names = "--target",
      required = true,
      paramLabel = "TARGET",
      description = "vap, gatekeeper or kyverno.")
  String target;

  @Option(
      names = "--enforcement",
      paramLabel = "MODE",
      defaultValue = "enforce",
      description =
          "enforce (default) or audit: with audit, Gatekeeper Constraints are dryrun and Kyverno policies "
              + "Audit with a webhook that fails open, for clusters where the ValidatingAdmissionPolicies already deny. "
              + "Not for --target vap.")
  String enforcement;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Write one file per object into DIR instead of standard output.")
  Path out;

  @Override
  public Integer call() throws IOException {
    List<HasMetadata> objects;
    try {
      PolicyLibrary library = PolicyLibrary.standard().filter(options.selection());
      Map<String, String> labels = Map.of("app.kubernetes.io/managed-by", "bulwark");
      Enforcement mode =
          switch (enforcement) {
            case "enforce" -> Enforcement.ENFORCE;
            case "audit" -> Enforcement.AUDIT;
            default ->
                throw new IllegalArgumentException(
                    "--enforcement: expected enforce or audit, got '" + enforcement + "'");
          };
      objects =
          switch (target) {
            case "vap" -> {
              if (mode == Enforcement.AUDIT) {
                throw new IllegalArgumentException(
                    "--enforcement audit applies to gatekeeper and kyverno; the "
                        + "ValidatingAdmissionPolicies are what enforces");
              }
              yield VapExporter.export(library, options.overrides(), labels);
            }
            case "gatekeeper" ->
                GatekeeperExporter.export(library, options.overrides(), labels, mode);
            case "kyverno" -> KyvernoExporter.export(library, options.overrides(), labels, mode);
            default ->
                throw new IllegalArgumentException(
                    "--target: expected vap, gatekeeper or kyverno, got '" + target + "'");
          };
    } catch (IllegalArgumentException e) {
      command.commandLine().getErr().println("bulwark policies export: " + e.getMessage());
      return 2;
    }
    if (out == null) {
      PrintWriter stdout = command.commandLine().getOut();
      for (HasMetadata o : objects) {
        stdout.print("---\n" + Manifests.toYaml(o));
      }
      stdout.flush();
    } else {
      Files.createDirectories(out);
      for (HasMetadata o : objects) {
        String file =
            o.getKind().toLowerCase(Locale.ROOT) + "-" + o.getMetadata().getName() + ".yaml";
        Files.writeString(out.resolve(file), Manifests.toYaml(o), StandardCharsets.UTF_8);
      }
      command.commandLine().getErr().printf("wrote %d objects to %s%n", objects.size(), out);
    }
    return 0;
  }
}
