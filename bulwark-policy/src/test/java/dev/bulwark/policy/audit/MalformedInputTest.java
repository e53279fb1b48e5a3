package dev.bulwark.policy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.engine.ExemptionFile;
import dev.bulwark.policy.engine.Finding;
import dev.bulwark.policy.engine.PolicyEngine;
import dev.bulwark.policy.library.PolicyLibrary;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gives clear errors with file and line, and never a crash. */
class MalformedInputTest {

  @TempDir Path dir;

  AuditReport audit(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return audit(file);
  }

  static AuditReport audit(Path file) {
    ManifestReader reader =
        ManifestReader.read(List.of(file.toString()), InputStream.nullInputStream());
    PolicyEngine engine =
        PolicyEngine.create(PolicyLibrary.standard(), PolicyLibrary.Selection.ALL, Map.of());
    return new AuditRunner(
            engine, PolicyLibrary.Selection.ALL, null, ExemptionFile.NONE, LocalDate.of(2026, 1, 1))
        .run(reader.manifests(), reader.errors());
  }

  @Test
  void brokenYamlNamesTheLine() throws Exception {
    AuditReport report =
        audit("a.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [x\n  labels: {}\n");
    assertThat(report.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.location().line()).isGreaterThanOrEqualTo(4);
              assertThat(e.message()).startsWith("not valid YAML");
            });
  }

  @Test
  void duplicateKeysAndTabsAreErrors() throws Exception {
    assertThat(audit("dup.yaml", "apiVersion: v1\nkind: Pod\nkind: Service\n").errors())
        .singleElement()
        .satisfies(e -> assertThat(e.toString()).contains("dup.yaml:3").contains("duplicate key"));
    assertThat(audit("tab.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n").errors())
        .hasSize(1);
  }

  @Test
  void objectsWithoutKindOrApiVersionOrWithScalarsAreReported() throws Exception {
    AuditReport report =
        audit(
            "m.yaml",
            "apiVersion: v1\nmetadata: {name: a}\n---\nkind: Pod\n---\njust a string\n---\n- 1\n---\nkind: Pod\napiVersion: v1\nmetadata: 7\n");
    assertThat(report.errors())
        .extracting(InputError::message)
        .containsExactly(
            "field kind: expected the object's kind, for example Deployment; it is missing",
            "field apiVersion: expected the API version of Pod, for example apps/v1; it is missing",
            "expected a Kubernetes object (a mapping with apiVersion and kind), got a string",
            "expected a Kubernetes object (a mapping with apiVersion and kind), got a list",
            "field metadata: expected a mapping");
    assertThat(report.errors())
        .extracting(e -> e.location().line())
        .containsExactly(1, 4, 6, 8, 12);
  }

  @Test
  void wrongFieldTypesBecomeEvaluationErrorsNotCrashes() throws Exception {
    AuditReport report =
        audit(
            "w.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: n}\nspec: {template: {spec: {containers: 'not a list'}}}\n");
    assertThat(report.errors()).isEmpty();
    assertThat(report.findings()).isNotEmpty().anyMatch(Finding::error);
    assertThat(report.findings().stream().filter(Finding::error))
        .allSatisfy(f -> assertThat(f.message()).startsWith("cannot evaluate"));
  }

  @Test
  void aliasBombsAndDeepNestingAreRefused() throws Exception {
    StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'k'; c++) {
      bomb.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 10; i++) {
        bomb.append(i == 0 ? "" : ", ").append('*').append((char) (c - 1));
      }
      bomb.append("]\n");
    }
    assertThat(audit("bomb.yaml", bomb.toString()).errors()).hasSize(1);
    String deep =
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: "
            + "[".repeat(5000)
            + "]".repeat(5000)
            + "\n";
    assertThat(audit("deep.yaml", deep).errors())
        .singleElement()
        .satisfies(e -> assertThat(e.location().source()).endsWith("deep.yaml"));
  }

  @Test
  void aLargeDocumentIsAuditedAndAnOversizedFileRefusedUnread() throws Exception {
    String big =
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big, namespace: n}\ndata:\n  blob: "
            + "x".repeat(1024 * 1024)
            + "\n";
    AuditReport report = audit("big.yaml", big);
    assertThat(report.errors()).isEmpty();
    assertThat(report.results()).hasSize(1);
    Path huge = dir.resolve("huge.yaml");
    try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(ManifestReader.MAX_FILE_BYTES + 1);
    }
    assertThat(audit(huge).errors())
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("larger than 64 MiB"));
  }
}
