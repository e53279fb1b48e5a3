package dev.bulwark.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.operator.runtime.BulwarkOperator;
import dev.bulwark.operator.runtime.OperatorSettings;
import dev.bulwark.testkit.cluster.ArgoCdApplications;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.jgit.api.Git;
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
    GitOpsRemote remote = GitOpsRemote.withApplication(admin, dir, TENANT, "ap-apps", IMAGE, A);
    Path bare = remote.bare();

    try (BulwarkOperator operator = start(config)) {
      ArgoCdApplications.report(admin, TENANT, "api", "dev", "Synced", "Healthy", List.of());
      await().atMost(SECONDS).until(() -> remote.pins("stage").contains(A));
      ArgoCdApplications.report(
          admin, TENANT, "api", "stage", "Synced", "Healthy", List.of(IMAGE + "@" + A));
      await().atMost(SECONDS).until(() -> remote.tip(PENDING) != null);
      assertThat(remote.tip(PENDING).getFullMessage()).contains("Bulwark-Digest: " + A);
    }

    // while the operator is down, CI puts B into dev and "Argo CD" reports it passed there
    commitAsCi(bare, dir.resolve("ci"), B);
    ArgoCdApplications.report(
        admin, TENANT, "api", "dev", "Synced", "Healthy", List.of(IMAGE + "@" + B));
    try (BulwarkOperator restarted = start(config)) {
      await().atMost(SECONDS).until(() -> remote.pins("stage").contains(B));
      ArgoCdApplications.report(
          admin, TENANT, "api", "stage", "Synced", "Healthy", List.of(IMAGE + "@" + B));
      await()
          .atMost(SECONDS)
          .until(() -> remote.tip(PENDING).getFullMessage().contains("Bulwark-Digest: " + B));
    }

    assertThat(remote.log("refs/heads/main"))
        .as("plan, one promotion of A, CI's B, one promotion of B; nothing into prod")
        .containsExactly(
            "Promote ap/api to stage: " + B.substring(7, 19),
            "Put B into dev",
            "Promote ap/api to stage: " + A.substring(7, 19),
            "Plan the tree");
    assertThat(remote.log(PENDING))
        .as("one request for A, one for B on top of it (and on main's history)")
        .startsWith(
            "Promote ap/api to prod: " + B.substring(7, 19),
            "Promote ap/api to prod: " + A.substring(7, 19));
    assertThat(remote.pins("prod")).doesNotContain("digest:");
  }

  /**
   * Leaves the shared API server as the other tests expect it: no Argo CD Applications to act on.
   */
  @AfterEach
  void cleanUp(KubernetesClient admin) {
    GitOpsRemote.cleanUp(admin, TENANT, "ap-apps", IMAGE);
  }

  private static BulwarkOperator start(Config config) {
    return BulwarkOperator.start(config, OperatorSettings.local("auto-promotion-test"));
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
}
