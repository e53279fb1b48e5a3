package dev.bulwark.cli.gate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.cli.BulwarkCli;
import dev.bulwark.cli.live.KubeOptions;
import dev.bulwark.gate.Decision;
import dev.bulwark.gate.Gate;
import dev.bulwark.gate.GateInputs;
import dev.bulwark.gate.GatePolicy;
import dev.bulwark.gate.SpecPolicy;
import dev.bulwark.gate.read.Digests;
import dev.bulwark.gate.report.JsonReport;
import dev.bulwark.gate.report.JunitReport;
import dev.bulwark.gate.report.PolicyReportWriter;
import dev.bulwark.gate.report.SarifReport;
import dev.bulwark.gate.report.TextReport;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecError;
import dev.bulwark.spec.SpecLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bulwark gate}: one supply-chain decision for an image, application and environment. */
@Command(
    name = "gate",
    mixinStandardHelpOptions = true,
    description = {
      "Decide whether an image may be released to an environment: reads SARIF, the CycloneDX SBOM,",
      "the Grype or Trivy report, VEX, the ZAP report and the signature facts, applies the",
      "application's spec.security (failOn, waivers, requireSignature, requireDast) and the",
      "platform's licence allow-list, and prints the decision with every reason."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the release may go ahead",
      "1:the release is blocked (every reason is listed)",
      "2:bad input (spec, report or option): the release is blocked too"
    })
public final class GateCommand implements Callable<Integer> {

  /** How the decision is printed. */
  enum Format {
    TEXT,
    JSON,
    SARIF,
    JUNIT
  }

  @Spec CommandSpec command;

  @Option(
      names = "--spec",
      required = true,
      paramLabel = "DIR",
      description = "Spec files or directories.")
  List<String> spec = new ArrayList<>();

  @Option(
      names = "--app",
      required = true,
      paramLabel = "NAME",
      description = "The application, as name or tenant/name.")
  String app;

  @Option(
      names = "--env",
      required = true,
      paramLabel = "ENV",
      description = "The environment released to.")
  String env;

  @Option(
      names = "--image-digest",
      required = true,
      paramLabel = "sha256:...",
      description = "The image's digest; every report must be about it.")
  String digest;

  @Option(
      names = "--sarif",
      arity = "1..*",
      paramLabel = "FILE",
      description = "SARIF 2.1.0 logs of code and secret scanners.")
  List<Path> sarif = new ArrayList<>();

  @Option(
      names = "--sbom",
      paramLabel = "FILE",
      description = "The image's CycloneDX 1.5/1.6 JSON SBOM.")
  Path sbom;

  @Option(
      names = "--vulns",
      paramLabel = "FILE",
      description = "Grype's or Trivy's JSON report of the image (told apart by shape).")
  Path vulns;

  @Option(
      names = "--vex",
      arity = "1..*",
      paramLabel = "FILE",
      description = "OpenVEX or CycloneDX VEX documents.")
  List<Path> vex = new ArrayList<>();

  @Option(names = "--dast", paramLabel = "FILE", description = "ZAP's traditional-json report.")
  Path dast;

  @Option(
      names = "--provenance",
      paramLabel = "FILE",
      description = "Signature facts (schema bulwark.dev/signature-facts/v1).")
  Path provenance;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "text (default), json, sarif or junit.")
  Format format = Format.TEXT;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the decision here instead of standard output.")
  Path out;

  @Option(
      names = "--policy-report",
      paramLabel = "FILE",
      description = "Also write the decision as a wgpolicyk8s.io PolicyReport.")
  Path policyReport;

  @Option(
      names = "--keep",
      description =
          "Also keep the decision in the cluster, as its PolicyReport in the environment's"
              + " namespace (server-side apply; in a pod, with its service account). A decision"
              + " that cannot be kept blocks (exit 2).")
  boolean keep;

  @Mixin KubeOptions kube;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    PrintWriter err = command.commandLine().getErr();
    if (!Digests.DIGEST.matcher(digest).matches()) {
      return invalid(
          err,
          List.of("--image-digest: expected sha256: and 64 hex digits, found `" + digest + "`"));
    }
    // The reports are read while the spec loads: neither needs the other, and both take time.
    List<String> problems = new ArrayList<>();
    CompletableFuture<Optional<GateInputs>> reading =
        CompletableFuture.supplyAsync(
            () -> new InputFiles(digest, sarif, sbom, vulns, vex, dast, provenance).read(problems));
    LoadResult loaded = SpecLoader.load(spec);
    Optional<GateInputs> inputs = reading.join();
    if (!loaded.ok()) {
      List<String> all =
          new ArrayList<>(loaded.errors().stream().map(SpecError::toString).toList());
      all.addAll(problems);
      return invalid(err, all);
    }
    BulwarkSpec bulwark = loaded.spec();
    GatePolicy policy;
    try {
      policy = SpecPolicy.of(bulwark, app, env, LocalDate.now(clock));
    } catch (IllegalArgumentException e) {
      problems.add(0, e.getMessage());
      return invalid(err, problems);
    }
    if (inputs.isEmpty()) {
      return invalid(err, problems);
    }
    Decision decision = Gate.decide(inputs.get(), policy);
    ObjectNode report =
        PolicyReportWriter.of(decision, SpecPolicy.namespace(bulwark, policy), clock.instant());
    try {
      emit(render(decision));
      if (policyReport != null) {
        Files.writeString(policyReport, report.toPrettyString() + "\n", StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      return invalid(err, List.of("cannot write: " + e.getMessage()));
    }
    if (keep) {
      Optional<String> problem = KeptDecision.keep(report, kube.config());
      if (problem.isPresent()) {
        // evidence the platform cannot report on later is no evidence: the release waits for it
        err.println(problem.get());
        err.println("gate BLOCKED: the decision could not be kept in the cluster");
        err.flush();
        return BulwarkCli.EXIT_INVALID;
      }
    }
    return decision.exitCode();
  }

  private String render(Decision decision) {
    return switch (format) {
      case TEXT -> TextReport.write(decision);
      case JSON -> JsonReport.write(decision);
      case SARIF -> SarifReport.write(decision);
      case JUNIT -> JunitReport.write(decision);
    };
  }

  private void emit(String text) throws IOException {
    if (out != null) {
      Files.writeString(out, text, StandardCharsets.UTF_8);
    } else {
      PrintWriter stdout = command.commandLine().getOut();
      stdout.print(text);
      stdout.flush();
    }
  }

  private static int invalid(PrintWriter err, List<String> problems) {
    problems.forEach(err::println);
    err.println("gate BLOCKED: the inputs could not be read (" + problems.size() + " problem(s))");
    err.flush();
    return BulwarkCli.EXIT_INVALID;
  }
}
