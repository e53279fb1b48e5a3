package dev.bulwark.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The digest an environment runs is one line of its directory's kustomization, and it is state: a
 * new plan keeps the digest the tree it replaces pins (ADR 0022).
 */
class KustomizeImagesTest {

  private static final String REPO = "harbor.acme.example.com/shop/web";
  private static final String SPEC_DIGEST = "sha256:" + "a".repeat(64);
  private static final String PROMOTED = "sha256:" + "b".repeat(64);
  private static final String KUSTOMIZATION = "tenants/shop/prod/kustomization.yaml";

  @TempDir Path tmp;

  private static DesiredObject deployment(String env, String name, String image) {
    return new DesiredObject(
        "workload",
        "shop",
        env,
        new DeploymentBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("shop-" + env)
            .endMetadata()
            .withNewSpec()
            .withNewTemplate()
            .withNewSpec()
            .addNewContainer()
            .withName(name)
            .withImage(image)
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build());
  }

  private static SortedMap<String, String> tree(PinnedImages pinned, DesiredObject... objects) {
    return TreeLayout.files(new DesiredState(List.of(objects)), pinned);
  }

  @Test
  void aTagOnlyImageIsListedWithItsTagQuotedAndADigestWithItsDigest() {
    SortedMap<String, String> files =
        tree(
            PinnedImages.NONE,
            deployment("dev", "web", REPO + ":1.10"),
            deployment("prod", "web", REPO + ":1.10@" + SPEC_DIGEST));
    assertThat(files.get("tenants/shop/dev/kustomization.yaml"))
        .endsWith("images:\n- name: " + REPO + "\n  newTag: \"1.10\"\n");
    assertThat(files.get(KUSTOMIZATION))
        .endsWith("images:\n- name: " + REPO + "\n  digest: " + SPEC_DIGEST + "\n");
  }

  @Test
  void aPlanKeepsTheDigestAPromotionPinnedAndAPromotionIsOneLine() throws IOException {
    DesiredObject prod = deployment("prod", "web", REPO + ":1.10@" + SPEC_DIGEST);
    Path out = tmp.resolve("tree");
    TreeWriter.write(tree(PinnedImages.NONE, prod), out);
    Path kustomization = out.resolve(KUSTOMIZATION);
    String before = Files.readString(kustomization);
    // What a promotion does: replace the digest line, nothing else.
    Files.writeString(kustomization, before.replace(SPEC_DIGEST, PROMOTED));

    SortedMap<String, String> replanned = tree(PinnedImages.read(out), prod);
    assertThat(replanned.get(KUSTOMIZATION)).isEqualTo(before.replace(SPEC_DIGEST, PROMOTED));
    TreeWriter.write(replanned, out);
    assertThat(Files.readString(kustomization)).contains("digest: " + PROMOTED);
    assertThat(PinnedImages.read(out).in("tenants/shop/prod")).containsEntry(REPO, PROMOTED);
  }

  @Test
  void onlyAWellFormedDigestCountsAsPinned() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("tenants/shop/prod"));
    Files.writeString(
        dir.resolve("kustomization.yaml"),
        "images:\n- name: " + REPO + "\n  digest: latest\n- name: other\n  newTag: \"2\"\n");
    assertThat(PinnedImages.read(tmp).byDirectory()).isEmpty();
    assertThat(PinnedImages.read(tmp.resolve("absent"))).isEqualTo(PinnedImages.NONE);
  }

  @Test
  void twoVersionsOfOneRepositoryInOneEnvironmentAreRefused() {
    assertThatThrownBy(
            () ->
                tree(
                    PinnedImages.NONE,
                    deployment("prod", "web", REPO + ":1"),
                    deployment("prod", "web-canary", REPO + ":2")))
        .hasMessageContaining("two Deployments in one environment run " + REPO)
        .hasMessageContaining("tag 1 and tag 2");
  }

  @Test
  void directoriesWithoutDeploymentsListNoImages() {
    assertThat(tree(PinnedImages.NONE).get("kustomization.yaml")).doesNotContain("images:");
  }
}
