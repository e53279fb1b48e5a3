package dev.bulwark.cli.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.cli.BulwarkCli;
import dev.bulwark.cli.Cli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Marked secret values planted where a user may put a credential by mistake (a Secret among the
 * spec files, a credential under a field that does not exist, a credential on a line that is not
 * valid YAML, a credential where a list was expected, a file holding only a token) appear in
 * nothing any command prints or writes, in any output format. The command tree is walked, so a new
 * command is run here, or it must be named in {@link #NOT_RUN_HERE} with the reason.
 */
class SecretsStaySecretTest {

  /** Leaf commands this test does not run, and why; reliability.md lists them as not covered. */
  private static final Map<String, String> NOT_RUN_HERE =
      Map.ofEntries(
          Map.entry("apply", "needs an API server"),
          Map.entry("status", "needs an API server"),
          Map.entry("operator", "runs until stopped against an API server"),
          Map.entry("demo", "starts a control plane"),
          Map.entry("mirror export", "downloads charts"),
          Map.entry("promote", "needs a GitOps repository"),
          Map.entry("approve", "needs a GitOps repository"),
          Map.entry("policies webhook", "serves HTTPS until stopped"),
          Map.entry("console", "serves HTTP behind an OIDC login until stopped"),
          Map.entry("generate-completion", "prints a fixed script and reads no input"),
          Map.entry("help", "prints usage and reads no input"));

  /** Options whose every value is a different output: each value gets a run. */
  private static final List<String> VARIANT_OPTIONS = List.of("--output", "--format", "--target");

  /** Values of String options that list them only in their description. */
  private static final Map<String, List<String>> LISTED_VALUES =
      Map.of(
          "audit --output", List.of("text", "json", "sarif", "junit"),
          "policies export --target", List.of("vap", "gatekeeper", "kyverno"));

  /** Values for required options that offer no list of values to choose from. */
  private static final Map<String, List<String>> REQUIRED_VALUES =
      Map.of(
          "gate",
          List.of("--app", "shop", "--env", "prod", "--image-digest", SecretsStaySecretTest.DIGEST),
          "upgrade plan",
          List.of("--to", "1.38"));

  private static final String DIGEST =
      "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  @TempDir Path tmp;

  private final String secret = "bulwark-secret-" + UUID.randomUUID();

  @Test
  void everyCommandIsRunHereOrSaysWhyNot() {
    Map<String, CommandSpec> leaves = leaves();
    assertThat(leaves.keySet()).containsAll(NOT_RUN_HERE.keySet());
    assertThat(leaves.keySet().stream().filter(c -> !NOT_RUN_HERE.containsKey(c)))
        .contains("validate", "plan", "audit", "gate");
  }

  @Test
  void noPlantedSecretReachesOutputOrFiles() throws IOException {
    Map<String, String> plants = plants();
    int runs = 0;
    for (Map.Entry<String, String> plant : plants.entrySet()) {
      Path spec = spec(plant.getKey(), plant.getValue());
      for (Map.Entry<String, CommandSpec> leaf : leaves().entrySet()) {
        if (NOT_RUN_HERE.containsKey(leaf.getKey())) {
          continue;
        }
        for (List<String> args : invocations(leaf.getKey(), leaf.getValue(), spec)) {
          Path out = Files.createTempDirectory(tmp, "out");
          List<String> withOut = new ArrayList<>(args);
          if (leaf.getValue().findOption("--out") != null) {
            withOut.addAll(List.of("--out", out.resolve("written").toString()));
          }
          Cli run = Cli.run(withOut.toArray(String[]::new));
          String where = plant.getKey() + ": bulwark " + String.join(" ", withOut);
          // A command this test cannot call (a required option it does not know) is not run at all.
          assertThat(run.err())
              .as("usage of %s: give its required options in REQUIRED_VALUES", where)
              .doesNotContain("Missing required", "Unknown option", "Unmatched argument");
          assertThat(run.out()).as("stdout of %s", where).doesNotContain(secret);
          assertThat(run.err()).as("stderr of %s", where).doesNotContain(secret);
          assertThat(writtenText(out)).as("files written by %s", where).doesNotContain(secret);
          if (readsSpec(leaf.getValue())) {
            assertThat(run.exitCode()).as("%s rejects the spec", where).isNotZero();
            assertThat(run.out() + run.err())
                .as("%s names the file", where)
                .contains(plant.getKey());
          }
          runs++;
        }
      }
    }
    assertThat(runs).isGreaterThan(plants.size() * 4);
  }

  /** Each file holds the marked value somewhere a credential does not belong. */
  private Map<String, String> plants() {
    String encoded = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
    Map<String, String> plants = new TreeMap<>();
    plants.put(
        "secret.yaml",
        """
        apiVersion: v1
        kind: Secret
        metadata:
          name: registry-robot
        type: Opaque
        data:
          password: %s
        stringData:
          token: %s
        """
            .formatted(encoded, secret));
    plants.put(
        "unknown-field.yaml",
        """
        apiVersion: bulwark.dev/v1alpha1
        kind: Tenant
        metadata:
          name: extra
        spec:
          owners: [owner@secrets.example.org]
          password: %s
          environments:
            - name: dev
        """
            .formatted(secret));
    plants.put(
        "wrong-type.yaml",
        """
        apiVersion: bulwark.dev/v1alpha1
        kind: Tenant
        metadata:
          name: other
        spec:
          owners: [owner@secrets.example.org]
          environments: %s
        """
            .formatted(secret));
    plants.put("bare-token.yaml", secret + "\n");
    plants.put(
        "broken-yaml.yaml",
        """
        apiVersion: bulwark.dev/v1alpha1
        kind: Tenant
        metadata:
          name: broken
          annotations: {token: "%s
        """
            .formatted(secret));
    return plants;
  }

  private Path spec(String file, String text) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("spec-" + file.replace(".yaml", "")));
    Files.writeString(dir.resolve("base.yaml"), BASE_SPEC);
    Files.writeString(dir.resolve(file), text);
    return dir;
  }

  /**
   * One argument list per combination of the values the command's format and target options offer
   * (or one without them), with the spec where the command takes one.
   */
  private static List<List<String>> invocations(String path, CommandSpec command, Path spec) {
    List<String> base = new ArrayList<>(List.of(path.split(" ")));
    base.addAll(REQUIRED_VALUES.getOrDefault(path, List.of()));
    if (command.findOption("--spec") != null) {
      base.addAll(List.of("--spec", spec.toString()));
    }
    if (!command.positionalParameters().isEmpty()) {
      base.add(spec.toString());
    }
    List<List<String>> runs = List.of(base);
    for (String name : VARIANT_OPTIONS) {
      List<String> values = values(path, command.findOption(name));
      if (values.isEmpty()) {
        continue;
      }
      List<List<String>> expanded = new ArrayList<>();
      for (List<String> run : runs) {
        for (String value : values) {
          List<String> args = new ArrayList<>(run);
          args.addAll(List.of(name, value));
          expanded.add(args);
        }
      }
      runs = expanded;
    }
    return runs;
  }

  /**
   * The values an option offers; for a String option, those its description lists, kept in {@link
   * #LISTED_VALUES} (a format option found in neither place fails the test, so none is missed).
   */
  static List<String> values(String path, OptionSpec option) {
    if (option == null) {
      return List.of();
    }
    List<String> values = new ArrayList<>();
    if (option.completionCandidates() != null) {
      option.completionCandidates().forEach(values::add);
    } else {
      String key = path + " " + option.longestName();
      assertThat(LISTED_VALUES).as("the values of %s", key).containsKey(key);
      values.addAll(LISTED_VALUES.get(key));
    }
    return values;
  }

  private static boolean readsSpec(CommandSpec command) {
    return command.findOption("--spec") != null
        || command.positionalParameters().stream().anyMatch(p -> p.paramLabel().equals("SPEC"));
  }

  /** Leaf commands by their path below {@code bulwark}, such as {@code policies export}. */
  static Map<String, CommandSpec> leaves() {
    Map<String, CommandSpec> leaves = new TreeMap<>();
    collect(BulwarkCli.commandLine(), "", leaves);
    return leaves;
  }

  private static void collect(CommandLine command, String path, Map<String, CommandSpec> leaves) {
    if (command.getSubcommands().isEmpty()) {
      leaves.put(path, command.getCommandSpec());
      return;
    }
    command
        .getSubcommands()
        .forEach(
            (name, sub) -> {
              if (sub.getCommandName().equals(name)) {
                collect(sub, path.isEmpty() ? name : path + " " + name, leaves);
              }
            });
  }

  private static String writtenText(Path dir) {
    StringBuilder text = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        text.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static final String BASE_SPEC =
      """
      apiVersion: bulwark.dev/v1alpha1
      kind: Platform
      metadata:
        name: secrets
      spec:
        domain: secrets.example.org
        provider: generic
        profile: minimal
        kubernetesVersion: "1.37"
      ---
      apiVersion: bulwark.dev/v1alpha1
      kind: Tenant
      metadata:
        name: team
      spec:
        owners: [owner@secrets.example.org]
        environments:
          - name: dev
          - name: prod
      ---
      apiVersion: bulwark.dev/v1alpha1
      kind: Application
      metadata:
        name: shop
        namespace: team-dev
      spec:
        tenant: team
        image: registry.secrets.example.org/team/shop:1.0.0
        ports:
          - name: http
            port: 8080
      """;
}
