package dev.bulwark.operator;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec.AppEnvironmentSpec;
import dev.bulwark.api.v1alpha1.ComponentSpec;
import dev.bulwark.api.v1alpha1.ComponentsSpec;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.testkit.GitRemotes;
import dev.bulwark.testkit.cluster.ArgoCdApplications;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A local bare GitOps repository for the live promotion tests, with the tree {@code bulwark plan}
 * lays out for one tenant's application in dev, stage and prod (dev pins a digest, the others the
 * tag {@code 1.0}), and the Platform pointed at it the way the spec names the repository.
 */
record GitOpsRemote(Path bare, String tenant) {

  static final List<String> ENVIRONMENTS = List.of("dev", "stage", "prod");

  /** The planned tree in a bare repository under {@code dir}, in one commit "Plan the tree". */
  static GitOpsRemote planned(Path dir, String tenant, String image, String devDigest)
      throws Exception {
    Path work = dir.resolve("work");
    try (Git git = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()) {
      for (String env : ENVIRONMENTS) {
        Path file = work.resolve(kustomization(tenant, env));
        Files.createDirectories(file.getParent());
        String pin = env.equals("dev") ? "  digest: " + devDigest : "  newTag: \"1.0\"";
        Files.writeString(
            file,
            String.join(
                "\n",
                "apiVersion: kustomize.config.k8s.io/v1beta1",
                "kind: Kustomization",
                "images:",
                "- name: " + image,
                pin,
                ""));
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
    GitRemotes.withoutHousekeeping(bare);
    return new GitOpsRemote(bare, tenant);
  }

  static String kustomization(String tenant, String env) {
    return "tenants/" + tenant + "/" + env + "/kustomization.yaml";
  }

  /**
   * The shared API server prepared for a live promotion test: Bulwark's and Argo CD's CRDs, the
   * planned repository under {@code dir} as the Platform's, and the tenant with an application
   * {@code api} of {@code image} in dev, stage and prod, its resource in {@code namespace}.
   */
  static GitOpsRemote withApplication(
      KubernetesClient admin,
      Path dir,
      String tenant,
      String namespace,
      String image,
      String devDigest)
      throws Exception {
    LiveFixture.installCrds(admin);
    ArgoCdApplications.install(admin);
    GitOpsRemote remote = planned(dir, tenant, image, devDigest);
    remote.pointPlatformAt(admin);
    admin
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .serverSideApply();
    admin.resource(LiveFixture.tenant(tenant, "dev", "stage", "prod")).serverSideApply();
    admin.resource(application(namespace, "api", tenant, image)).serverSideApply();
    return remote;
  }

  /**
   * Leaves the shared API server as the other tests expect it: no Argo CD Applications of the
   * tenant to act on, no application {@code api}, no tenant, no GitOps repository.
   */
  static void cleanUp(KubernetesClient admin, String tenant, String namespace, String image) {
    admin
        .genericKubernetesResources(ArgoCdApplications.KIND)
        .inNamespace(ArgoCdApplications.NAMESPACE)
        .withLabel(BulwarkLabels.TENANT, tenant)
        .delete();
    admin.resource(application(namespace, "api", tenant, image)).delete();
    admin.resources(Tenant.class).withName(tenant).delete();
    forgetRepository(admin);
  }

  /** The Platform's GitOps repository is this one, on {@code main}. */
  void pointPlatformAt(KubernetesClient admin) {
    Platform platform = LiveFixture.ensurePlatform(admin);
    if (platform.getSpec().getComponents() == null) {
      platform.getSpec().setComponents(new ComponentsSpec());
    }
    ComponentSpec gitops = new ComponentSpec();
    gitops.setEnabled(false);
    gitops.setSettings(Map.of("repoURL", bare.toString(), "revision", "main"));
    platform.getSpec().getComponents().setGitops(gitops);
    admin.resource(platform).update();
  }

  /** Leaves the shared API server's Platform without a GitOps repository again. */
  static void forgetRepository(KubernetesClient admin) {
    Platform platform = LiveFixture.ensurePlatform(admin);
    if (platform.getSpec().getComponents() != null) {
      platform.getSpec().getComponents().setGitops(null);
      admin.resource(platform).update();
    }
  }

  /** An Application of the tenant in dev, stage and prod with {@code image}'s tag 1.0. */
  static Application application(String namespace, String name, String tenant, String image) {
    Application app = LiveFixture.application(namespace, name, tenant, 8080, null, null);
    app.getSpec().setImage(image + ":1.0");
    List<AppEnvironmentSpec> envs = new ArrayList<>();
    for (String env : ENVIRONMENTS) {
      AppEnvironmentSpec spec = new AppEnvironmentSpec();
      spec.setName(env);
      envs.add(spec);
    }
    app.getSpec().setEnvironments(envs);
    return app;
  }

  /** The kustomization of {@code env} on {@code main}. */
  String pins(String env) throws IOException {
    try (Repository repo = Git.open(bare.toFile()).getRepository();
        RevWalk walk = new RevWalk(repo)) {
      RevCommit main = walk.parseCommit(repo.resolve("refs/heads/main"));
      try (TreeWalk file = TreeWalk.forPath(repo, kustomization(tenant, env), main.getTree())) {
        return new String(repo.open(file.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  /** The commit {@code ref} points at, or null. */
  RevCommit tip(String ref) throws IOException {
    try (Repository repo = Git.open(bare.toFile()).getRepository();
        RevWalk walk = new RevWalk(repo)) {
      ObjectId id = repo.resolve(ref);
      return id == null ? null : walk.parseCommit(id);
    }
  }

  /** The subjects of {@code ref}'s history, newest first. */
  List<String> log(String ref) throws Exception {
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
