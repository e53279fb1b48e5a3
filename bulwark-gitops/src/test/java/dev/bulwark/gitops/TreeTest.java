package dev.bulwark.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.UpstreamKustomization;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeTest {

  @TempDir Path tmp;

  private static DesiredObject cm(String tenant, String env, String ns, String name, String value) {
    HasMetadata o =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withNamespace(ns)
            .withName(name)
            .endMetadata()
            .addToData("key", value)
            .build();
    return new DesiredObject("tenancy", tenant, env, o);
  }

  private static DesiredState state(DesiredObject... objects) {
    return new DesiredState(List.of(objects));
  }

  @Test
  void layoutPutsObjectsInTenantEnvironmentPlatformAndBootstrapDirectories() {
    var platformNs =
        new DesiredObject(
            "metrics",
            "platform",
            null,
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("bulwark-monitoring")
                .endMetadata()
                .build());
    var boot =
        new DesiredObject(
            "bootstrap",
            "platform",
            null,
            new NamespaceBuilder().withNewMetadata().withName("argocd").endMetadata().build());
    SortedMap<String, String> files =
        TreeLayout.files(state(cm("pay", "dev", "pay-dev", "a", "1"), platformNs, boot));
    assertThat(files)
        .containsKeys(
            "tenants/pay/dev/configmap-a.yaml",
            "tenants/pay/dev/kustomization.yaml",
            "platform/metrics/namespace-bulwark-monitoring.yaml",
            "bootstrap/namespace-argocd.yaml",
            "bootstrap/kustomization.yaml",
            "kustomization.yaml");
    assertThat(files.get("kustomization.yaml"))
        .contains("- platform/metrics\n", "- tenants/pay/dev\n")
        .doesNotContain("bootstrap");
    assertThat(files.get("tenants/pay/dev/kustomization.yaml"))
        .contains("resources:\n- configmap-a.yaml\n");
  }

  @Test
  void anUpstreamKustomizationBecomesItsOwnDirectoryOutsideTheRoot() {
    var release =
        new DesiredObject(
            "ci",
            "platform",
            null,
            UpstreamKustomization.of(
                "tekton-pipelines",
                Map.of("bulwark.dev/tenant", "platform"),
                List.of(
                    "https://example.com/v1/release.yaml", "https://example.com/v1/extra.yaml")));
    var platformNs =
        new DesiredObject(
            "ci",
            "platform",
            null,
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("tekton-pipelines")
                .endMetadata()
                .build());
    SortedMap<String, String> files = TreeLayout.files(state(release, platformNs));
    assertThat(files.get("upstream/tekton-pipelines/kustomization.yaml"))
        .isEqualTo(
            TreeLayout.HEADER
                + "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n"
                + "- https://example.com/v1/release.yaml\n- https://example.com/v1/extra.yaml\n");
    assertThat(files.get("kustomization.yaml"))
        .contains("- platform/ci\n")
        .doesNotContain("upstream");
    assertThat(files.get("platform/ci/kustomization.yaml"))
        .doesNotContain("tekton-pipelines.yaml\n- kustomization");
    assertThat(files.keySet())
        .filteredOn(f -> f.startsWith("platform/ci/"))
        .containsExactlyInAnyOrder(
            "platform/ci/kustomization.yaml", "platform/ci/namespace-tekton-pipelines.yaml");
  }

  @Test
  void clashingFileNamesCarryNamespace() {
    SortedMap<String, String> files =
        TreeLayout.files(
            state(
                new DesiredObject(
                    "x",
                    "platform",
                    null,
                    new ConfigMapBuilder()
                        .withNewMetadata()
                        .withNamespace("a")
                        .withName("c")
                        .endMetadata()
                        .build()),
                new DesiredObject(
                    "x",
                    "platform",
                    null,
                    new ConfigMapBuilder()
                        .withNewMetadata()
                        .withNamespace("b")
                        .withName("c")
                        .endMetadata()
                        .build())));
    assertThat(files)
        .containsKeys("platform/x/configmap-a-c.core.yaml", "platform/x/configmap-b-c.core.yaml");
  }

  @Test
  void secretValuesNeverReachTheTree() {
    var secret =
        new DesiredObject(
            "x",
            "t",
            "dev",
            new SecretBuilder()
                .withNewMetadata()
                .withNamespace("t-dev")
                .withName("s")
                .endMetadata()
                .addToStringData("password", "hunter2")
                .build());
    assertThatThrownBy(() -> TreeLayout.files(state(secret)))
        .hasMessageContaining("ExternalSecret")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void writingReplacesAnEarlierTreeAndDropsFilesNoLongerDesired() throws IOException {
    Path out = tmp.resolve("out");
    TreeWriter.write(
        TreeLayout.files(
            state(cm("t", "dev", "t-dev", "old", "1"), cm("t", "dev", "t-dev", "kept", "1"))),
        out);
    assertThat(out.resolve("tenants/t/dev/configmap-old.yaml")).exists();
    TreeWriter.write(TreeLayout.files(state(cm("t", "dev", "t-dev", "kept", "2"))), out);
    assertThat(out.resolve("tenants/t/dev/configmap-old.yaml")).doesNotExist();
    assertThat(Files.readString(out.resolve("tenants/t/dev/configmap-kept.yaml")))
        .contains("key: \"2\"");
    try (var siblings = Files.list(tmp)) {
      assertThat(siblings).as("no staging directories left behind").containsExactly(out);
    }
  }

  @Test
  void aDirectoryBulwarkDidNotWriteIsRefusedAndLeftAlone() throws IOException {
    Path precious = tmp.resolve("precious");
    Files.createDirectories(precious);
    Files.writeString(precious.resolve("thesis.tex"), "years of work");
    assertThatThrownBy(
            () ->
                TreeWriter.write(
                    TreeLayout.files(state(cm("t", "dev", "t-dev", "a", "1"))), precious))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a Bulwark tree");
    assertThat(Files.readString(precious.resolve("thesis.tex"))).isEqualTo("years of work");
  }

  @Test
  void diffReportsAddedChangedAndRemovedObjectsByIdentity() throws IOException {
    Path earlier = tmp.resolve("earlier");
    TreeWriter.write(
        TreeLayout.files(
            state(
                cm("t", "dev", "t-dev", "gone", "1"),
                cm("t", "dev", "t-dev", "same", "1"),
                cm("t", "dev", "t-dev", "changed", "1"))),
        earlier);
    Map<String, String> next =
        TreeLayout.files(
            state(
                cm("t", "dev", "t-dev", "same", "1"),
                cm("t", "dev", "t-dev", "changed", "2"),
                cm("t", "dev", "t-dev", "new", "1")));
    TreeDiff diff = TreeDiff.between(earlier, next);
    List<String> summary = new ArrayList<>();
    diff.changes().forEach(c -> summary.add(c.kind() + " " + c.key().name()));
    assertThat(summary).containsExactly("CHANGED changed", "REMOVED gone", "ADDED new");
    String changed = diff.changes().get(0).diff();
    assertThat(changed)
        .contains("-  key: \"1\"", "+  key: \"2\"", "--- a: ConfigMap t-dev/changed");
    assertThat(diff.render(true)).contains("1 added, 1 changed, 1 removed");
  }

  @Test
  void anObjectThatMovesDirectoryIsNotAChange() throws IOException {
    Path earlier = tmp.resolve("earlier");
    TreeWriter.write(TreeLayout.files(state(cm("t", "dev", "t-dev", "a", "1"))), earlier);
    TreeDiff diff =
        TreeDiff.between(earlier, TreeLayout.files(state(cm("t", "other", "t-dev", "a", "1"))));
    assertThat(diff.isEmpty()).isTrue();
  }
}
