package dev.bulwark.platform.pipeline;

import static dev.bulwark.platform.pipeline.PipelineTasks.HOME;
import static dev.bulwark.platform.pipeline.PipelineTasks.env;
import static dev.bulwark.platform.pipeline.PipelineTasks.param;
import static dev.bulwark.platform.pipeline.PipelineTasks.restricted;
import static dev.bulwark.platform.pipeline.PipelineTasks.step;
import static dev.bulwark.platform.pipeline.PipelineTasks.task;
import static dev.bulwark.platform.pipeline.PipelineTasks.workspace;

import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.CustomResource;
import dev.bulwark.platform.stack.Scripts;
import dev.bulwark.platform.stack.SyncWave;
import dev.bulwark.platform.stack.Values;
import dev.bulwark.render.Ownership;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The scanner Tasks of a tenant's pipelines (ADR 0039): {@code sast} (Semgrep with the platform's
 * rule set, gitleaks, and SpotBugs with FindSecBugs on compiled JVM classes; SARIF), {@code sbom}
 * (syft, of the source and of the pushed image; CycloneDX JSON), {@code scan} (Grype on the image's
 * SBOM with the mirrored database) and {@code gate} ({@code bulwark gate}, whose exit code stops
 * the pipeline before promote). Each writes its report to the {@code reports} workspace; none
 * fetches anything from the internet: the rule set is a ConfigMap, the database a volume the
 * refresh fills from the mirror, and the images come from the catalogue, so {@code bulwark mirror}
 * copies and rewrites them.
 */
final class ScanTasks {

  static final String SAST = "bulwark-sast";
  static final String SBOM = "bulwark-sbom";
  static final String SCAN = "bulwark-scan";
  static final String GATE = "bulwark-gate";

  /** The catalogue's names for the scanners' images (under tekton-pipelines). */
  static final String SEMGREP_IMAGE = "semgrep";

  static final String GITLEAKS_IMAGE = "gitleaks";
  static final String SYFT_IMAGE = "syft";
  static final String GRYPE_IMAGE = "grype";

  /** SpotBugs with FindSecBugs on a JRE; the plugin's jar at {@link #FINDSECBUGS_JAR}. */
  static final String SPOTBUGS_IMAGE = "spotbugs";

  static final String FINDSECBUGS_JAR = "/opt/findsecbugs/findsecbugs-plugin.jar";

  /** The ConfigMap of the platform's Semgrep rule set, in every CI namespace. */
  static final String RULES = "bulwark-semgrep-rules";

  /** The claim holding Grype's database, filled from the mirror, read-only to the scan stage. */
  static final String DATABASE = "vulnerability-db";

  static final String DATABASE_SIZE = "2Gi";

  /** The report files, in the reports workspace, as the gate stage reads them. */
  static final String SEMGREP_SARIF = "semgrep.sarif";

  static final String GITLEAKS_SARIF = "gitleaks.sarif";
  static final String SPOTBUGS_SARIF = "spotbugs.sarif";
  static final String SOURCE_SBOM = "source.cdx.json";
  static final String IMAGE_SBOM = "image.cdx.json";
  static final String IMAGE_SYFT = "image.syft.json";
  static final String VULNERABILITIES = "vulnerabilities.json";
  static final String POLICY_REPORT = "policy-report.yaml";

  /** The gate's decision as JSON, which the sign stage attests (ADR 0040). */
  static final String GATE_DECISION = "gate-decision.json";

  /** The platform's rule set, a file of this package. */
  static final String RULE_SET = Scripts.load(ScanTasks.class, "semgrep-rules.yaml");

  private static final String SEMGREP_SCRIPT = Scripts.load(ScanTasks.class, "sast-semgrep.sh");
  private static final String GITLEAKS_SCRIPT = Scripts.load(ScanTasks.class, "sast-gitleaks.sh");
  private static final String SPOTBUGS_SCRIPT = Scripts.load(ScanTasks.class, "sast-spotbugs.sh");
  private static final String AUTH_SCRIPT = Scripts.load(ScanTasks.class, "registry-auth.sh");

  private static final String REPORTS_PATH = "$(workspaces.reports.path)";
  // pinned: syft's default CycloneDX version moves (1.7 since 1.5x), the gate reads 1.5 and 1.6
  private static final String CYCLONEDX = "cyclonedx-json@1.6";
  private static final String PIPELINES = "tekton-pipelines";

  /** Where a pod's service account token is read from, by the gate's Kubernetes client too. */
  private static final String TOKEN_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";

  private ScanTasks() {}

  /** The four scanner Tasks, the rule set and the database's claim of a CI namespace. */
  static List<HasMetadata> objects(Component ci, String namespace) {
    return List.of(
        rules(namespace),
        database(namespace),
        sast(ci, namespace),
        sbom(ci, namespace),
        scan(ci, namespace),
        gate(ci, namespace));
  }

  private static HasMetadata sast(Component ci, String namespace) {
    return task(
        SAST,
        namespace,
        "Scans the source with Semgrep (the platform's rule set) and gitleaks, and the compiled JVM"
            + " classes with SpotBugs and FindSecBugs; SARIF reports.",
        List.of(),
        List.of(workspace("source"), workspace("reports")),
        List.of(),
        List.of(
            withMount(
                step(
                    "semgrep",
                    image(ci, SEMGREP_IMAGE),
                    SEMGREP_SCRIPT,
                    env(
                        "SOURCE_DIR", "$(workspaces.source.path)",
                        "RULES_DIR", "/rules",
                        "REPORT", REPORTS_PATH + "/" + SEMGREP_SARIF),
                    restricted()),
                mount("rules", "/rules")),
            step(
                "gitleaks",
                image(ci, GITLEAKS_IMAGE),
                GITLEAKS_SCRIPT,
                env(
                    "SOURCE_DIR",
                    "$(workspaces.source.path)",
                    "REPORT",
                    REPORTS_PATH + "/" + GITLEAKS_SARIF),
                restricted()),
            spotbugs(ci)),
        List.of(Values.map("name", "rules", "configMap", Values.map("name", RULES))));
  }

  /**
   * SpotBugs reads bytecode: the classes the test stage compiled into the checkout (a run without
   * results when there are none, so a Go or Python application's gate reads the same reports).
   */
  private static Map<String, Object> spotbugs(Component ci) {
    return step(
        "spotbugs",
        image(ci, SPOTBUGS_IMAGE),
        SPOTBUGS_SCRIPT,
        env(
            "SOURCE_DIR",
            "$(workspaces.source.path)",
            "FINDSECBUGS",
            FINDSECBUGS_JAR,
            "REPORT",
            REPORTS_PATH + "/" + SPOTBUGS_SARIF),
        restricted());
  }

  /** syft has no shell in its image: the arguments go to it as they are. */
  private static HasMetadata sbom(Component ci, String namespace) {
    String syft = image(ci, SYFT_IMAGE);
    return task(
        SBOM,
        namespace,
        "Writes CycloneDX SBOMs of the source and of the pushed image with syft.",
        List.of(param("image")),
        List.of(workspace("source"), workspace("reports"), workspace("registry-credentials")),
        List.of(),
        List.of(
            command(
                "source",
                syft,
                List.of(
                    "scan",
                    "dir:$(workspaces.source.path)",
                    "-o",
                    CYCLONEDX + "=" + REPORTS_PATH + "/" + SOURCE_SBOM),
                env("SYFT_CHECK_FOR_APP_UPDATE", "false")),
            registryAuth(ci, "$(workspaces.registry-credentials.path)/.dockerconfigjson"),
            imageSbom(ci, REPORTS_PATH)),
        List.of());
  }

  /**
   * syft on the pushed image {@code $(params.image)}, with the docker config the registry-auth step
   * copied: CycloneDX for the gate's licences, syft's own JSON (which keeps the digests) for Grype.
   */
  static Map<String, Object> imageSbom(Component ci, String reports) {
    return command(
        "image",
        image(ci, SYFT_IMAGE),
        List.of(
            "scan",
            "registry:$(params.image)",
            "-o",
            CYCLONEDX + "=" + reports + "/" + IMAGE_SBOM,
            "-o",
            "syft-json=" + reports + "/" + IMAGE_SYFT),
        env("SYFT_CHECK_FOR_APP_UPDATE", "false", "DOCKER_CONFIG", HOME + "/.docker"));
  }

  /** The step that copies the robot account's docker config where syft reads it. */
  static Map<String, Object> registryAuth(Component ci, String authFile) {
    return step(
        "registry-auth",
        image(ci, GITLEAKS_IMAGE),
        AUTH_SCRIPT,
        env("REGISTRY_AUTH_FILE", authFile),
        restricted());
  }

  /**
   * Grype on syft's own SBOM of the image (which keeps the image's digests for the gate), with the
   * database of the read-only volume: no update at scan time, and a database older than Grype
   * accepts fails the stage rather than scanning with stale advisories.
   */
  private static HasMetadata scan(Component ci, String namespace) {
    return task(
        SCAN,
        namespace,
        "Matches the image's SBOM against the mirrored vulnerability database with Grype.",
        List.of(),
        List.of(workspace("reports")),
        List.of(),
        List.of(grype(ci, REPORTS_PATH)),
        List.of(databaseVolume()));
  }

  /** Grype on syft's SBOM in {@code reports}, with the database volume at {@code /db}. */
  static Map<String, Object> grype(Component ci, String reports) {
    return withMount(
        command(
            "grype",
            image(ci, GRYPE_IMAGE),
            List.of(
                "sbom:" + reports + "/" + IMAGE_SYFT,
                "-o",
                "json",
                "--file",
                reports + "/" + VULNERABILITIES),
            env(
                "GRYPE_DB_AUTO_UPDATE", "false",
                "GRYPE_DB_CACHE_DIR", "/db",
                "GRYPE_CHECK_FOR_APP_UPDATE", "false")),
        mount("db", "/db"));
  }

  /** The database's claim, read only. */
  static Map<String, Object> databaseVolume() {
    return Values.map(
        "name", "db", "persistentVolumeClaim", Values.map("claimName", DATABASE, "readOnly", true));
  }

  private static HasMetadata gate(Component ci, String namespace) {
    return task(
        GATE,
        namespace,
        "Decides with bulwark gate whether the image may go to the first environment; a blocked"
            + " image stops the pipeline before promote.",
        List.of(param("application"), param("environment"), param("digest")),
        List.of(workspace("reports")),
        List.of(),
        List.of(
            withToken(
                withMount(
                    command(
                        "gate",
                        image(ci, PipelineTasks.BULWARK_CLI_IMAGE),
                        gateArgs(
                            "$(params.application)",
                            "$(params.environment)",
                            "$(params.digest)",
                            REPORTS_PATH),
                        List.of()),
                    mount("spec", "/spec")))),
        List.of(gateSpecVolume(), tokenVolume()));
  }

  /**
   * The pipeline's account mounts no token, so that no build or scanner step can call the API; the
   * gate step alone gets one, as the kubelet would mount it (token, cluster CA, namespace), to keep
   * its decision as a PolicyReport (ADR 0050).
   */
  static Map<String, Object> tokenVolume() {
    return Values.map(
        "name",
        "api-token",
        "projected",
        Values.map(
            "sources",
            List.of(
                Values.map(
                    "serviceAccountToken", Values.map("path", "token", "expirationSeconds", 3600)),
                Values.map(
                    "configMap",
                    Values.map(
                        "name",
                        "kube-root-ca.crt",
                        "items",
                        List.of(Values.map("key", "ca.crt", "path", "ca.crt")))),
                Values.map(
                    "downwardAPI",
                    Values.map(
                        "items",
                        List.of(
                            Values.map(
                                "path",
                                "namespace",
                                "fieldRef",
                                Values.map("fieldPath", "metadata.namespace"))))))));
  }

  /** {@code step} with the token of {@link #tokenVolume()} where clients look for it. */
  static Map<String, Object> withToken(Map<String, Object> step) {
    return withMount(step, mount("api-token", TOKEN_PATH));
  }

  /** The application's gate spec (its {@link GateSpec} ConfigMap), as the volume {@code spec}. */
  static Map<String, Object> gateSpecVolume() {
    return Values.map(
        "name",
        "spec",
        "configMap",
        Values.map("name", "$(params.application)-" + GateSpec.SUFFIX));
  }

  /** The command line of the gate stage, after {@code bulwark}. */
  static List<String> gateArgs(String app, String environment, String digest, String reports) {
    return Stream.concat(
            gateOf(app, environment, digest).stream(),
            Stream.of(
                "--sarif",
                reports + "/" + SEMGREP_SARIF,
                reports + "/" + GITLEAKS_SARIF,
                reports + "/" + SPOTBUGS_SARIF,
                "--sbom",
                reports + "/" + IMAGE_SBOM,
                "--vulns",
                reports + "/" + VULNERABILITIES,
                "--policy-report",
                reports + "/" + POLICY_REPORT,
                "--keep",
                "--format",
                "json",
                "--out",
                reports + "/" + GATE_DECISION))
        .toList();
  }

  /** {@code bulwark gate} of one digest of an application, with its spec at {@code /spec}. */
  static List<String> gateOf(String app, String environment, String digest) {
    return List.of(
        "gate", "--spec", "/spec", "--app", app, "--env", environment, "--image-digest", digest);
  }

  private static HasMetadata rules(String namespace) {
    return CustomResource.withWave(
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(RULES)
            .withNamespace(namespace)
            .withLabels(Ownership.platform())
            .endMetadata()
            .withData(Map.of("bulwark.yaml", RULE_SET))
            .build(),
        SyncWave.TENANTS);
  }

  private static HasMetadata database(String namespace) {
    return CustomResource.withWave(
        new PersistentVolumeClaimBuilder()
            .withNewMetadata()
            .withName(DATABASE)
            .withNamespace(namespace)
            .withLabels(Ownership.platform())
            .endMetadata()
            .withNewSpec()
            .withAccessModes("ReadWriteOnce")
            .withNewResources()
            .addToRequests("storage", new Quantity(DATABASE_SIZE))
            .endResources()
            .endSpec()
            .build(),
        SyncWave.TENANTS);
  }

  static String image(Component ci, String name) {
    return ci.install(PIPELINES).image(name).reference();
  }

  /**
   * A step without a shell: {@code args} go to the image's entry point as they are; otherwise as
   * {@link PipelineTasks#step} (home, TMPDIR, restricted).
   */
  static Map<String, Object> command(
      String name, String image, List<String> args, List<Map<String, Object>> env) {
    Map<String, Object> command = new LinkedHashMap<>();
    step(name, image, "", env, restricted())
        .forEach(
            (key, value) ->
                command.put(
                    key.equals("script") ? "args" : key, key.equals("script") ? args : value));
    return command;
  }

  static Map<String, Object> withMount(Map<String, Object> step, Map<String, Object> m) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> mounts = (List<Map<String, Object>>) step.get("volumeMounts");
    mounts.add(m);
    return step;
  }

  static Map<String, Object> mount(String name, String path) {
    return Values.map("name", name, "mountPath", path, "readOnly", true);
  }
}
