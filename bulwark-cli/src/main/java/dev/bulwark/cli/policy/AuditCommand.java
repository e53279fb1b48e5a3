package dev.bulwark.cli.policy;

import dev.bulwark.cli.live.KubeOptions;
import dev.bulwark.policy.Severity;
import dev.bulwark.policy.audit.AuditReport;
import dev.bulwark.policy.audit.AuditRunner;
import dev.bulwark.policy.audit.ManifestSources;
import dev.bulwark.policy.audit.ReportFormat;
import dev.bulwark.policy.engine.ExemptionFile;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bulwark audit}: checks manifests against the policy library. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description =
        "Audit Kubernetes manifests against Bulwark's policies: Pod Security Standards and platform hardening.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:nothing at or above --fail-on",
      "1:a violation at or above --fail-on (an object under an apiVersion Kubernetes does not serve is a critical one)",
      "2:usage or input error (unreadable file, broken YAML, object without kind, unreachable cluster)"
    })
public final class AuditCommand implements Callable<Integer> {

  @Spec CommandSpec command;
  @Mixin PolicyOptions options;

  @Parameters(
      arity = "0..*",
      paramLabel = "PATH",
      description =
          "Manifest files or directories (searched for *.yaml, *.yml and *.json), or - for standard input.")
  List<String> paths = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Report format: text, json, sarif or junit (default: ${DEFAULT-VALUE}).")
  String output;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      defaultValue = "low",
      description =
          "Exit 1 when a violation has this severity or higher: info, low, medium, high, critical (default: ${DEFAULT-VALUE}).")
  String failOn;

  @Option(
      names = "--cluster",
      description =
          "Audit the live objects in the tenants' namespaces of the cluster (see --kubeconfig) instead of files.")
  boolean cluster;

  @Option(
      names = "--write-reports",
      description =
          "With --cluster: write the results as PolicyReports named bulwark-audit, one per namespace (and a ClusterPolicyReport), replacing the last audit's.")
  boolean writeReports;

  @Mixin KubeOptions kube;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = command.commandLine().getErr();
    if (cluster && !paths.isEmpty()) {
      err.println("bulwark audit: give either PATHs or --cluster, not both.");
      return 2;
    }
    if (writeReports && !cluster) {
      err.println("bulwark audit: --write-reports needs --cluster.");
      return 2;
    }
    if (!cluster && paths.isEmpty()) {
      err.println(
          "bulwark audit: give at least one PATH (a file, a directory, or - for standard input).");
      return 2;
    }
    AuditRunner runner;
    ReportFormat format;
    Severity threshold;
    try {
      format = ReportFormat.parse(output);
      threshold = Severity.parse(failOn);
      runner =
          new AuditRunner(
              options.engine(),
              options.selection(),
              options.pssVersion(),
              options.exemptionFile(),
              LocalDate.now());
    } catch (IllegalArgumentException | ExemptionFile.InvalidExemptionsException e) {
      err.println("bulwark audit: " + e.getMessage());
      return 2;
    }
    AuditReport report;
    if (cluster) {
      try (KubernetesClient client =
          new KubernetesClientBuilder().withConfig(kube.config()).build()) {
        report = runner.run(ClusterManifests.read(client), List.of());
        if (writeReports) {
          AuditReports.Published published =
              new AuditReports(client).publish(report, Instant.now());
          err.println(
              "bulwark audit: wrote "
                  + published.written().size()
                  + " PolicyReport(s), deleted "
                  + published.deleted().size()
                  + " stale one(s)");
        }
      } catch (KubernetesClientException e) {
        err.println("bulwark audit --cluster: cannot list objects: " + e.getMessage());
        return 2;
      }
    } else {
      report = runner.run(ManifestSources.list(paths, System.in));
    }
    PrintWriter out = command.commandLine().getOut();
    format.write(report, out);
    if (format != ReportFormat.TEXT) {
      report.errors().forEach(e -> err.println("error: " + e));
    }
    err.flush();
    return report.exitCode(threshold);
  }
}
