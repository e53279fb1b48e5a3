package dev.bulwark.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec.AppEnvironmentSpec;
import dev.bulwark.api.v1alpha1.ComponentSpec;
import dev.bulwark.api.v1alpha1.ComponentsSpec;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.operator.runtime.BulwarkOperator;
import dev.bulwark.operator.runtime.OperatorSettings;
import dev.bulwark.testkit.cluster.ArgoCdApplications;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's automatic promotion on a real API server with Argo CD's CRD and a local bare Git
 * repository: the test plays Argo CD by writing the Applications' status. A digest that dev runs
 * synced and healthy is committed into stage (auto) within seconds and exactly once, also across a
 * restart of the operator; prod (manual) gets one pending request instead.
 */
@RealApiServer
class AutoPromotionLiveTest {

  private static final Duration SECONDS = Duration.ofSeconds(30);
  private static final String TENANT = "ap";
  private static final String IMAGE = "registry.example.test/ap/api";
  private static final String A = "sha256:" + "a".repeat(64);
  private static final String B = "sha256:" + "b".repeat(64);
  private static final String PENDING = "refs/heads/bulwark/pending/ap/api/prod";

  @Test
  void passedDigestsMoveOnceIntoStageAndWaitForAnApprovalBeforeProd(
      KubernetesClient admin, Config config, @TempDir Path dir) throws Exception {
    LiveFixture.installCrds(admin);
    ArgoCdApplications.install(admin);
    Path bare = gitOpsRepository(dir);
    pointPlatformAt(admin, bare.toString());
    admin
        .resource(
            new NamespaceBuilder().withNewMetadata().withName("ap-apps").endMetadata().build())
        .serverSideApply();
    admin.resource(LiveFixture.tenant(TENANT, "dev", "stage", "prod")).serverSideApply();
    admin.resource(application()).serverSideApply();

    try (BulwarkOperator operator = start(config)) {
      ArgoCdApplications.report(admin, TENANT, "api", "dev", "Synced", "Healthy", List.of());
      await().atMost(SECONDS).until(() -> pins(bare, "stage").contains(A));
      ArgoCdApplications.report(
          admin, TENANT, "api", "stage", "Synced", "Healthy", List.of(IMAGE + "@" + A));
      await().atMost(SECONDS).until(() -> tip(bare, PENDING) != null);
      assertThat(tip(bare, PENDING).getFullMessage()).contains("Bulwark-Digest: " + A);
    }

    // while the operator is down, CI puts B into dev and "Argo CD" reports it passed there
    commitAsCi(bare, dir.resolve("ci"), B);
    ArgoCdApplications.report(
        admin, TENANT, "api", "dev", "Synced", "Healthy", List.of(IMAGE + "@" + B));
    try (BulwarkOperator restarted = start(config)) {
      await().atMost(SECONDS).until(() -> pins(bare, "stage").contains(B));
      ArgoCdApplications.report(
          admin, TENANT, "api", "stage", "Synced", "Healthy", List.of(IMAGE + "@" + B));
      await()
          .atMost(SECONDS)
          .until(() -> tip(bare, PENDING).getFullMessage().contains("Bulwark-Digest: " + B));
    }

    assertThat(log(bare, "refs/heads/main"))
        .as("plan, one promotion of A, CI's B, one promotion of B; nothing into prod")
        .containsExactly(
            "Promote ap/api to stage: " + B.substring(7, 19),
            "Put B into dev",
            "Promote ap/api to stage: " + A.substring(7, 19),
            "Plan the tree");
    assertThat(log(bare, PENDING))
        .as("one request for A, one for B on top of it (and on main's history)")
        .startsWith(
            "Promote ap/api to prod: " + B.substring(7, 19),
            "Promote ap/api to prod: " + A.substring(7, 19));
    assertThat(pins(bare, "prod")).doesNotContain("digest:");
  }

  /**
   * Leaves the shared API server as the other tests expect it: no Argo CD Applications to act on.
   */
  @AfterEach
  void cleanUp(KubernetesClient admin) {
    admin
        .genericKubernetesResources(ArgoCdApplications.KIND)
        .inNamespace(ArgoCdApplications.NAMESPACE)
        .withLabel(BulwarkLabels.TENANT, TENANT)
        .delete();
    admin.resource(application()).delete();
    admin.resources(Tenant.class).withName(TENANT).delete();
    Platform platform = LiveFixture.ensurePlatform(admin);
    if (platform.getSpec().getComponents() != null) {
      platform.getSpec().getComponents().setGitops(null);
      admin.resource(platform).update();
    }
  }

  private static BulwarkOperator start(Config config) {
    return BulwarkOperator.start(config, OperatorSettings.local("auto-promotion-test"));
  }

  private static Application application() {
    Application app = LiveFixture.application("ap-apps", "api", TENANT, 8080, null, null);
    app.getSpec().setImage(IMAGE + ":1.0");
    List<AppEnvironmentSpec> envs = new ArrayList<>();
    for (String name : List.of("dev", "stage", "prod")) {
      AppEnvironmentSpec env = new AppEnvironmentSpec();
      env.setName(name);
      envs.add(env);
    }
    app.getSpec().setEnvironments(envs);
    return app;
  }

  /** The Platform's GitOps repository is the bare repository (the spec's way to name it). */
  private static void pointPlatformAt(KubernetesClient admin, String repoURL) {
    Platform platform = LiveFixture.ensurePlatform(admin);
    if (platform.getSpec().getComponents() == null) {
      platform.getSpec().setComponents(new ComponentsSpec());
    }
    ComponentSpec gitops = new ComponentSpec();
    gitops.setEnabled(false);
    gitops.setSettings(Map.of("repoURL", repoURL, "revision", "main"));
    platform.getSpec().getComponents().setGitops(gitops);
    admin.resource(platform).update();
  }

  /** A bare repository with the tree's kustomizations: dev pins A, stage and prod a tag. */
  private static Path gitOpsRepository(Path dir) throws Exception {
    Path work = dir.resolve("work");
    try (Git git = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()) {
      for (String env : List.of("dev", "stage", "prod")) {
        Path file = work.resolve("tenants/ap/" + env + "/kustomization.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(
            file,
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nimages:\n- name: "
                + IMAGE
                + "\n"
                + (env.equals("dev") ? "  digest: " + A + "\n" : "  newTag: \"1.0\"\n"));
      }
      git.add().addFilepattern(".").call();
      git.commit().setMessage("Plan the tree").setAuthor("plan", "plan@example.test").call();
    }
    Path bare = dir.resolve("gitops.git");
    Git.cloneRepository()
        .setBare(true)
        .setURI(work.toUri().toString())
        .setDirectory(bare.toFile())
        .call()
        .close();
    return bare;
  }

  private static void commitAsCi(Path bare, Path work, String digest) throws Exception {
    try (Git git =
        Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(work.toFile()).call()) {
      Path file = work.resolve("tenants/ap/dev/kustomization.yaml");
      Files.writeString(file, Files.readString(file).replace(A, digest));
      git.add().addFilepattern(".").call();
      git.commit().setMessage("Put B into dev").setAuthor("ci", "ci@example.test").call();
      git.push().call();
    }
  }

  private static String pins(Path bare, String env) throws IOException {
    try (Repository repo = Git.open(bare.toFile()).getRepository();
        RevWalk walk = new RevWalk(repo)) {
      RevCommit tip = walk.parseCommit(repo.resolve("refs/heads/main"));
      try (TreeWalk tree =
          TreeWalk.forPath(repo, "tenants/ap/" + env + "/kustomization.yaml", tip.getTree())) {
        return new String(repo.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  private static RevCommit tip(Path bare, String ref) throws IOException {
    try (Repository repo = Git.open(bare.toFile()).getRepository();
        RevWalk walk = new RevWalk(repo)) {
      ObjectId id = repo.resolve(ref);
      return id == null ? null : walk.parseCommit(id);
    }
  }

  /** The subjects of {@code ref}'s history, newest first. */
  private static List<String> log(Path bare, String ref) throws Exception {
    try (Git git = Git.open(bare.toFile())) {
      List<String> subjects = new ArrayList<>();
      git.log()
          .add(git.getRepository().resolve(ref))
          .call()
          .forEach(c -> subjects.add(c.getShortMessage()));
      return subjects;
    }
  }
}
