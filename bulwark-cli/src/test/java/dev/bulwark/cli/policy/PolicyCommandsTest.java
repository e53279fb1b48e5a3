package dev.bulwark.cli.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bulwark audit and bulwark policies, run in-process through the real command line. */
class PolicyCommandsTest {

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    Cli result = Cli.run(args);
    return new Run(result.exitCode(), result.out(), result.err());
  }

  Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  static final String PRIVILEGED =
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: p, namespace: team-a-dev}
      spec:
        containers:
          - name: c
            image: busybox
            securityContext: {privileged: true}
      """;

  @Test
  void auditExitCodesFollowFailOn() throws Exception {
    Path pod = write("pod.yaml", PRIVILEGED);
    Run failing = run("audit", pod.toString());
    assertThat(failing.code()).isEqualTo(1);
    assertThat(failing.out())
        .contains(pod + ":1: Pod team-a-dev/p")
        .contains("[CRITICAL] pss-privileged");
    Path sa =
        write(
            "sa.yaml",
            "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: s, namespace: team-a-dev}\n");
    assertThat(run("audit", sa.toString()).code()).isZero();
    Path service =
        write(
            "svc.yaml",
            "apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: n}\nspec: {type: ClusterIP}\n");
    assertThat(run("audit", "--fail-on", "medium", service.toString()).code())
        .as("missing labels are low")
        .isZero();
    assertThat(run("audit", "--fail-on", "low", service.toString()).code()).isEqualTo(1);
  }

  @Test
  void policiesAndVersionSelectWhatIsChecked() throws Exception {
    Path pod =
        write(
            "pod.yaml",
            PRIVILEGED
                .replace(
                    "securityContext: {privileged: true}", "securityContext: {procMount: Unmasked}")
                .replace("spec:\n", "spec:\n  hostUsers: false\n"));
    assertThat(
            run("audit", "--policies", "pss-baseline", "--pss-version", "v1.35", pod.toString())
                .code())
        .isZero();
    assertThat(
            run("audit", "--policies", "pss-baseline", "--pss-version", "v1.34", pod.toString())
                .code())
        .isEqualTo(1);
  }

  @Test
  void usageAndInputErrorsExitTwo() throws Exception {
    assertThat(run("audit", "--pss-version", "1.30", write("a.yaml", PRIVILEGED).toString()).err())
        .contains("expected latest or v1.N");
    assertThat(run("audit", "--policies", "nope", "x.yaml").code()).isEqualTo(2);
    assertThat(run("audit", "-o", "xml", "x.yaml").code()).isEqualTo(2);
    Run broken = run("audit", write("broken.yaml", "kind: [unclosed\n").toString());
    assertThat(broken.code()).isEqualTo(2);
    assertThat(broken.out()).contains("broken.yaml:");
    assertThat(run("audit", dir.resolve("missing.yaml").toString()).out())
        .contains("no such file or directory");
  }

  @Test
  void auditWritesSarifAndJunit() throws Exception {
    Path pod = write("pod.yaml", PRIVILEGED);
    JsonNode sarif = new ObjectMapper().readTree(run("audit", "-o", "sarif", pod.toString()).out());
    assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
    assertThat(run("audit", "-o", "junit", pod.toString()).out())
        .startsWith("<?xml")
        .contains("<testsuites");
  }

  @Test
  void exportToStdoutAndToADirectory() throws Exception {
    Run vap = run("policies", "export", "--target", "vap", "--policies", "pss-restricted");
    assertThat(vap.code()).isZero();
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    long docs = yaml.readerFor(JsonNode.class).readValues(vap.out()).readAll().size();
    assertThat(docs).isEqualTo(2 * 18);
    assertThat(vap.out())
        .contains("kind: ValidatingAdmissionPolicy\n")
        .contains("kind: ValidatingAdmissionPolicyBinding\n");
    Path out = dir.resolve("gk");
    Run gk = run("policies", "export", "--target", "gatekeeper", "--out", out.toString());
    assertThat(gk.code()).isZero();
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .contains(
              "constrainttemplate-bulwarkpssprivileged.yaml",
              "bulwarkpssprivileged-bulwark-pss-privileged.yaml");
    }
    assertThat(run("policies", "export", "--target", "opa").code()).isEqualTo(2);
  }

  @Test
  void policiesListsTheLibrary() {
    assertThat(run("policies").out())
        .contains("pss-privileged")
        .contains("platform-plaintext-credentials");
  }

  @Test
  void webhookRefusesAMissingCertificate() {
    Run r = webhook();
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("cannot start");
  }

  @Test
  void webhookRefusesSigningKeysItCannotUseBeforeServing() throws Exception {
    Path keys = Files.createDirectories(dir.resolve("keys"));
    Files.writeString(keys.resolve("platform.pub"), "not a key");
    Run bad = webhookWithKeys(keys, "fail");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--signing-keys", "platform.pub", "PUBLIC KEY");
    Run missing = webhookWithKeys(dir.resolve("missing"), "fail");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("--signing-keys", "missing");
    Run policy = webhookWithKeys(keys, "maybe");
    assertThat(policy.code()).isEqualTo(2);
    assertThat(policy.err()).contains("--image-failure-policy", "maybe");
    Run login =
        webhook(
            "--signing-keys",
            Files.createDirectories(dir.resolve("no-keys-yet")).toString(),
            "--registry-config",
            dir.resolve("absent/config.json").toString());
    assertThat(login.code()).isEqualTo(2);
    assertThat(login.err())
        .contains("--registry-config: " + dir.resolve("absent/config.json") + ": no such file");
  }

  @Test
  void webhookWaitsForKeysOfAnEmptyDirectoryWithAWarning() throws Exception {
    // the keys' Secret arrives after the operator starts: the webhook must not stop for it (it
    // then stops here only for the missing certificate)
    Run empty = webhookWithKeys(Files.createDirectories(dir.resolve("empty")), "fail");
    assertThat(empty.err()).contains("warning: --signing-keys", "no *.pub public key yet");
    assertThat(empty.err()).contains("cannot start");
  }

  private Run webhookWithKeys(Path keys, String failurePolicy) {
    return webhook("--signing-keys", keys.toString(), "--image-failure-policy", failurePolicy);
  }

  /** The webhook command with certificate files that do not exist, and {@code more}. */
  private Run webhook(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "policies",
                "webhook",
                "--cert",
                dir.resolve("none.crt").toString(),
                "--key",
                dir.resolve("none.key").toString(),
                "--port",
                "0"));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }
}
