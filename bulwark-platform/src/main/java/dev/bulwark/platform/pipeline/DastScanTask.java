package dev.bulwark.platform.pipeline;

import static dev.bulwark.platform.pipeline.PipelineTasks.env;
import static dev.bulwark.platform.pipeline.PipelineTasks.param;
import static dev.bulwark.platform.pipeline.PipelineTasks.step;
import static dev.bulwark.platform.pipeline.ScanTasks.command;
import static dev.bulwark.platform.pipeline.ScanTasks.image;
import static dev.bulwark.platform.pipeline.ScanTasks.mount;
import static dev.bulwark.platform.pipeline.ScanTasks.withMount;

import dev.bulwark.api.DastTask;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.SecuritySpec;
import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.Scripts;
import dev.bulwark.platform.stack.Values;
import dev.bulwark.render.tenancy.TenancyUnit;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Task that scans a running environment before a release moves on (ADR 0050): ZAP's baseline
 * scan of the environment's URL, then {@code bulwark gate} with the next environment's policy on
 * ZAP's report and on a fresh SBOM and vulnerability scan of the digest it runs, so that an
 * advisory published since the build blocks too. One pod, one volume of reports: the operator
 * starts it as a TaskRun with no workspaces to bind ({@link DastTask} names its parameters), and
 * its last step's exit code is the result.
 */
final class DastScanTask {

  /** The catalogue's name for ZAP's image (under tekton-pipelines). */
  static final String ZAP_IMAGE = "zap";

  /** ZAP's traditional JSON report, which the gate reads with {@code --dast}. */
  static final String ZAP_REPORT = "zap.json";

  private static final String REPORTS = "/reports";
  private static final String CREDENTIALS = "/registry-credentials";
  private static final String ZAP_SCRIPT = Scripts.load(DastScanTask.class, "dast-zap.sh");

  private DastScanTask() {}

  /**
   * Whether {@code app} waits for a scan before any of its environments (the first excepted, where
   * a release starts); {@code environments} in promotion order.
   */
  static boolean scans(Application app, List<String> environments) {
    SecuritySpec security = app.getSpec().getSecurity();
    return security != null && environments.stream().skip(1).anyMatch(security::requiresDast);
  }

  static HasMetadata task(Component ci, String namespace) {
    return PipelineTasks.task(
        DastTask.NAME,
        namespace,
        "Scans a running environment with ZAP's baseline scan and decides with bulwark gate,"
            + " under the next environment's policy, whether its digest may move on.",
        List.of(
            param(DastTask.APPLICATION),
            param(DastTask.ENVIRONMENT),
            param(DastTask.IMAGE),
            param(DastTask.DIGEST),
            param(DastTask.TARGET)),
        List.of(),
        List.of(),
        List.of(
            withMount(
                ScanTasks.registryAuth(ci, CREDENTIALS + "/.dockerconfigjson"),
                mount("registry-credentials", CREDENTIALS)),
            writable(ScanTasks.imageSbom(ci, REPORTS), REPORTS),
            writable(ScanTasks.grype(ci, REPORTS), REPORTS),
            writable(
                step(
                    "zap",
                    image(ci, ZAP_IMAGE),
                    ZAP_SCRIPT,
                    env("TARGET", "$(params." + DastTask.TARGET + ")", "REPORT", ZAP_REPORT),
                    PipelineTasks.restricted()),
                "/zap/wrk"),
            writable(
                ScanTasks.withToken(
                    withMount(
                        command(
                            "gate",
                            image(ci, PipelineTasks.BULWARK_CLI_IMAGE),
                            gateArgs(
                                "$(params." + DastTask.APPLICATION + ")",
                                "$(params." + DastTask.ENVIRONMENT + ")",
                                "$(params." + DastTask.DIGEST + ")",
                                REPORTS),
                            List.of()),
                        mount("spec", "/spec"))),
                REPORTS)),
        List.of(
            Values.map("name", "reports", "emptyDir", Map.of()),
            ScanTasks.databaseVolume(),
            Values.map(
                "name",
                "registry-credentials",
                "secret",
                Values.map("secretName", TenancyUnit.REGISTRY_PULL_SECRET)),
            ScanTasks.gateSpecVolume(),
            ScanTasks.tokenVolume()));
  }

  /**
   * The gate's command line, after {@code bulwark}: the release stage's reports of the image (SBOM
   * and vulnerabilities, written afresh) and ZAP's, without the source's SARIF, which the release
   * already judged.
   */
  static List<String> gateArgs(String app, String environment, String digest, String reports) {
    return Stream.concat(
            ScanTasks.gateOf(app, environment, digest).stream(),
            Stream.of(
                "--sbom",
                reports + "/" + ScanTasks.IMAGE_SBOM,
                "--vulns",
                reports + "/" + ScanTasks.VULNERABILITIES,
                "--dast",
                reports + "/" + ZAP_REPORT,
                "--policy-report",
                reports + "/" + ScanTasks.POLICY_REPORT,
                "--keep"))
        .toList();
  }

  /** {@code step} with the reports volume mounted read-write at {@code path}. */
  private static Map<String, Object> writable(Map<String, Object> step, String path) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> mounts =
        new ArrayList<>((List<Map<String, Object>>) step.get("volumeMounts"));
    mounts.add(Values.map("name", "reports", "mountPath", path));
    step.put("volumeMounts", mounts);
    return step;
  }
}
