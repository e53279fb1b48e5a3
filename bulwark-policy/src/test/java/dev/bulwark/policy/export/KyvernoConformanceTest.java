package dev.bulwark.policy.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.policy.Fixtures;
import dev.bulwark.policy.export.kyverno.KyvernoExporter;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.render.Manifests;
import dev.bulwark.testkit.engines.Engine;
import dev.bulwark.testkit.engines.EngineReport;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported Kyverno ClusterPolicies, applied by the Kyverno CLI ({@code kyverno apply}) to the
 * policy library's test objects, fail exactly the object × policy pairs the in-process engine
 * denies. The export is the audit one ({@code --enforcement audit}); the CLI reports a failed Audit
 * rule as {@code fail} as it does an Enforce one.
 *
 * <p>Limitation, as with gator: the CLI binds by the values file's namespace labels but its CEL
 * sees no namespace labels (the library's {@code nsLabels} is empty, the Pod Security version falls
 * back to latest), so the in-process verdicts are taken the same way (see {@link EngineVerdicts}).
 */
@ExtendWith(EngineReport.class)
class KyvernoConformanceTest {

  /**
   * Open finding shared with gator: an explicit null seccompProfile is denied by real CEL, allowed
   * in-process.
   */
  static final String SECCOMP_NULL =
      " pss-seccomp-restricted: in-process allow, kyverno deny (pss-seccomp-restricted restricted/latest {securityContext: {seccompProfile: null}";

  @Test
  void kyvernoDeniesWhatTheEngineDenies(@TempDir Path dir) throws Exception {
    Engine.KYVERNO.require();
    StringBuilder policies = new StringBuilder();
    for (HasMetadata o :
        KyvernoExporter.export(
            PolicyLibrary.standard(), Map.of(), EngineVerdicts.LABELS, Enforcement.AUDIT)) {
      policies.append("---\n").append(Manifests.toYaml(o));
    }
    Files.writeString(dir.resolve("policies.yaml"), policies);
    List<EngineVerdicts.Case> all = new ArrayList<>();
    List<String[]> denials = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    int run = 0;
    int reports = 0;
    StringBuilder outputs = new StringBuilder();
    for (EngineVerdicts.Group group : EngineVerdicts.groups(false)) {
      String objects = "objects-" + run + ".yaml";
      String values = "values-" + run++ + ".yaml";
      StringBuilder text = new StringBuilder();
      for (EngineVerdicts.Case c : group.cases()) {
        text.append("---\n")
            .append(Fixtures.YAML.writeValueAsString(c.manifest()).replaceFirst("^---\n", ""));
      }
      Files.writeString(dir.resolve(objects), text);
      Files.writeString(
          dir.resolve(values),
          Fixtures.YAML.writeValueAsString(
              Map.of(
                  "apiVersion",
                  "cli.kyverno.io/v1alpha1",
                  "kind",
                  "Values",
                  "namespaceSelector",
                  List.of(
                      Map.of(
                          "name", group.namespace().path("metadata").path("name").asText(),
                          "labels", group.namespace().path("metadata").path("labels"))),
                  "namespaces",
                  List.of(group.namespace()))));
      Engine.Run result =
          Engine.KYVERNO.run(
              dir,
              "apply",
              "policies.yaml",
              "--resource=" + objects,
              "--values-file=" + values,
              "--policy-report",
              "--output-format=json",
              "--remove-color");
      reports += readReports(result, denials, errors);
      outputs.append(result.output());
      all.addAll(group.cases());
    }
    assertThat(reports).as("policy reports printed by kyverno apply:%n%s", outputs).isPositive();
    assertThat(errors).as("rules the Kyverno CLI could not evaluate").isEmpty();
    List<String> disagreements =
        EngineVerdicts.compare("kyverno", all, EngineVerdicts.byObject(denials));
    List<String> open = disagreements.stream().filter(d -> !d.contains(SECCOMP_NULL)).toList();
    assertThat(open)
        .as("object x policy verdicts where Kyverno and the in-process engine differ")
        .isEmpty();
    assertThat(disagreements)
        .as("known disagreement still present (remove it once fixed)")
        .anyMatch(d -> d.contains(SECCOMP_NULL));
  }

  /**
   * Collects (object, policy) of every failed result, and every errored one, from the reports
   * printed.
   */
  private static int readReports(Engine.Run result, List<String[]> denials, List<String> errors)
      throws Exception {
    int reports = 0;
    for (String line : result.output().split("\n")) {
      if (!line.startsWith("{")) {
        continue;
      }
      reports++;
      for (JsonNode r : Fixtures.YAML.readTree(line).path("results")) {
        String policy = r.path("policy").asText();
        for (JsonNode subject : r.path("resources")) {
          String object = subject.path("name").asText();
          if (!object.startsWith("fx-") || !policy.startsWith(PolicyObjects.PREFIX)) {
            continue;
          }
          switch (r.path("result").asText()) {
            case "fail" ->
                denials.add(new String[] {object, policy.substring(PolicyObjects.PREFIX.length())});
            case "error" -> errors.add(object + " " + policy + ": " + r.path("message").asText());
            default -> {}
          }
        }
      }
    }
    return reports;
  }
}
