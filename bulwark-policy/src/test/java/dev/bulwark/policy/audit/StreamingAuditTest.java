package dev.bulwark.policy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.engine.ExemptionFile;
import dev.bulwark.policy.engine.PolicyEngine;
import dev.bulwark.policy.library.PolicyLibrary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An audit of files judges each file's objects as it reads them, yet reports exactly what reading
 * everything first reported: Namespace objects in later files (or spelled with escapes) still
 * decide how earlier objects are judged, and results and errors keep their order.
 */
class StreamingAuditTest {

  private static final String WORKLOADS =
      AuditTest.WORKLOADS.substring(AuditTest.WORKLOADS.indexOf("---\n") + 4);
  private static final String NAMESPACE =
      AuditTest.WORKLOADS.substring(0, AuditTest.WORKLOADS.indexOf("---\n"));
  private static final String DIGEST = "in prod must be pinned by digest";

  static PolicyEngine engine;

  @TempDir Path dir;

  @BeforeAll
  static void engine() {
    engine = PolicyEngine.create(PolicyLibrary.standard(), PolicyLibrary.Selection.ALL, Map.of());
  }

  private static AuditRunner runner() {
    return new AuditRunner(
        engine, PolicyLibrary.Selection.ALL, null, ExemptionFile.NONE, LocalDate.of(2026, 11, 27));
  }

  @Test
  void aNamespaceInALaterFileJudgesTheObjectsOfEarlierOnes() throws IOException {
    Files.writeString(dir.resolve("a-app.yaml"), WORKLOADS);
    Files.writeString(
        dir.resolve("b-broken.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n");
    Files.writeString(dir.resolve("z-namespace.yaml"), NAMESPACE);
    AuditReport streamed =
        runner().run(ManifestSources.list(List.of(dir.toString()), InputStream.nullInputStream()));
    assertThat(streamed.results())
        .extracting(ObjectResult::describe)
        .containsExactly(
            "Deployment team-a-prod/web", "Service team-a-prod/web", "Namespace team-a-prod");
    assertThat(streamed.results().get(0).findings())
        .anySatisfy(f -> assertThat(f.message()).contains(DIGEST));
    assertSameReports(List.of(dir.toString()), "");
  }

  @Test
  void aNamespaceWhoseKindIsSpelledWithEscapesStillCounts() throws IOException {
    Files.writeString(dir.resolve("a-app.yaml"), WORKLOADS);
    Files.writeString(
        dir.resolve("z-namespace.json"),
        """
        {"apiVersion": "v1", "kind": "Name\\u0073pace",
         "metadata": {"name": "team-a-prod", "labels": {"bulwark.dev/environment": "prod"}}}
        """);
    AuditReport streamed =
        runner().run(ManifestSources.list(List.of(dir.toString()), InputStream.nullInputStream()));
    assertThat(streamed.results().get(0).findings())
        .anySatisfy(f -> assertThat(f.message()).contains(DIGEST));
    assertSameReports(List.of(dir.toString()), "");
  }

  @Test
  void standardInputMissingPathsAndFilesKeepTheirOrder() throws IOException {
    Files.writeString(dir.resolve("a-app.yaml"), WORKLOADS + "---\n- not an object\n");
    Files.writeString(dir.resolve("b-more.yaml"), WORKLOADS.replace("name: web", "name: api"));
    List<String> paths =
        List.of(
            dir.resolve("missing.yaml").toString(),
            dir.resolve("b-more.yaml").toString(),
            "-",
            dir.toString(),
            "-");
    AuditReport streamed =
        runner().run(ManifestSources.list(paths, stdin(NAMESPACE + "---\n" + WORKLOADS)));
    assertThat(streamed.results())
        .extracting(ObjectResult::describe)
        .containsExactly(
            "Deployment team-a-prod/api",
            "Service team-a-prod/api",
            "Namespace team-a-prod",
            "Deployment team-a-prod/web",
            "Service team-a-prod/web",
            "Deployment team-a-prod/web",
            "Service team-a-prod/web",
            "Deployment team-a-prod/api",
            "Service team-a-prod/api");
    assertThat(streamed.errors())
        .extracting(e -> e.location().source())
        .containsExactly(
            dir.resolve("missing.yaml").toString(), dir.resolve("a-app.yaml").toString());
    assertSameReports(paths, NAMESPACE + "---\n" + WORKLOADS);
  }

  @Test
  void onlyTextThatCouldSpellNamespaceIsParsedTwice() {
    assertThat(may("kind: Namespace\n")).isTrue();
    assertThat(may("kind: \"Name\\x73pace\"\n")).isTrue();
    assertThat(may("kind: \"Name\\U00000073pace\"\n")).isTrue();
    assertThat(may("kind: \"Name\\\n  space\"\n"))
        .as("an escaped line break joins the lines")
        .isTrue();
    assertThat(may("kind: Deployment\nmetadata: {namespace: a}\n")).isFalse();
    assertThat(may("data: \"a\\n\\t\\\"b\\\\ \\/\"\n")).isFalse();
    assertThat(may("trailing backslash \\")).as("nothing follows it").isFalse();
  }

  private static boolean may(String text) {
    return ManifestSources.mayHoldNamespace(text.getBytes(StandardCharsets.UTF_8));
  }

  private static InputStream stdin(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Every report format, byte for byte, from the streamed audit and from reading everything first.
   */
  private static void assertSameReports(List<String> paths, String stdin) throws IOException {
    AuditReport streamed = runner().run(ManifestSources.list(paths, stdin(stdin)));
    ManifestReader reader = ManifestReader.read(paths, stdin(stdin));
    AuditReport whole = runner().run(reader.manifests(), reader.errors());
    for (ReportFormat format : ReportFormat.values()) {
      StringWriter a = new StringWriter();
      StringWriter b = new StringWriter();
      format.write(streamed, a);
      format.write(whole, b);
      assertThat(a.toString()).as(format.name()).isEqualTo(b.toString());
    }
  }
}
