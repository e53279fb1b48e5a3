package dev.bulwark.delivery;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec;
import dev.bulwark.api.v1alpha1.ApplicationSpec.AppEnvironmentSpec;
import dev.bulwark.api.v1alpha1.ApplicationSpec.AppEnvironmentSpec.Promotion;
import dev.bulwark.testkit.GitRemotes;
import dev.bulwark.testkit.SpecObjects;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A GitOps repository on disk for tests: a bare repository (the remote) holding a tree in the shape
 * {@code bulwark plan} writes, for tenant {@code acme} with environments dev, stage and prod and
 * two applications, {@code api} and {@code web}.
 */
final class GitOpsFixture {

  static final Digest A = Digest.of("sha256:" + "a".repeat(64));
  static final Digest B = Digest.of("sha256:" + "b".repeat(64));
  static final String API_IMAGE = "registry.example.com/acme/api";
  static final String WEB_IMAGE = "registry.example.com/acme/web";

  final Path bare;

  /**
   * What each environment's Argo CD Application reports, by "app/env"; healthy and synced by
   * default.
   */
  final Map<String, EnvironmentState> states = new ConcurrentHashMap<>();

  GitOpsFixture(Path dir) throws Exception {
    Path work = dir.resolve("work");
    try (Git git = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()) {
      for (String env : List.of("dev", "stage", "prod")) {
        Path file = work.resolve("tenants/acme/" + env + "/kustomization.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, kustomization(env));
      }
      git.add().addFilepattern(".").call();
      git.commit().setMessage("Plan the tree").setAuthor("plan", "plan@example.com").call();
    }
    bare = dir.resolve("remote.git");
    Git.cloneRepository()
        .setBare(true)
        .setURI(work.toUri().toString())
        .setDirectory(bare.toFile())
        .call()
        .close();
    GitRemotes.withoutHousekeeping(bare);
  }

  /** The tree's kustomization: dev runs digest A of api and B of web, the others their tag. */
  static String kustomization(String env) {
    String tag = "  newTag: \"1.0\"\n";
    boolean dev = env.equals("dev");
    return "# Rendered by Bulwark. Do not edit: change the spec and run bulwark plan.\n"
        + "apiVersion: kustomize.config.k8s.io/v1beta1\n"
        + "kind: Kustomization\n"
        + "namespace: acme-"
        + env
        + "\n"
        + "resources:\n"
        + "- deployment-api.yaml\n"
        + "- deployment-web.yaml\n"
        + "images:\n"
        + "- name: "
        + API_IMAGE
        + "\n"
        + (dev ? "  digest: " + A + "\n" : tag)
        + "- name: "
        + WEB_IMAGE
        + "\n"
        + (dev ? "  digest: " + B + "\n" : tag);
  }

  String uri() {
    return bare.toString();
  }

  /**
   * Evidence from {@link #states}: synced and healthy with the pinned images unless set otherwise.
   */
  PromotionEvidence evidence() {
    return (tenant, app, env) ->
        states.getOrDefault(
            app + "/" + env,
            new EnvironmentState(true, true, List.of(), "Application " + app + "-" + env));
  }

  /** Application {@code name} in dev, stage (auto) and prod (manual, by default). */
  static DeliveryTarget target(String name, String image) {
    return target(name, image, spec -> {});
  }

  /** The same, with {@code more} of the application's spec set (its security, its hosts). */
  static DeliveryTarget target(
      String name, String image, java.util.function.Consumer<ApplicationSpec> more) {
    Application app = new Application();
    app.setMetadata(new ObjectMetaBuilder().withName(name).build());
    ApplicationSpec spec = new ApplicationSpec();
    spec.setTenant("acme");
    List<AppEnvironmentSpec> envs = new ArrayList<>();
    for (String env : List.of("dev", "stage", "prod")) {
      AppEnvironmentSpec e = new AppEnvironmentSpec();
      e.setName(env);
      envs.add(e);
    }
    envs.get(1).setPromotion(Promotion.AUTO);
    spec.setEnvironments(envs);
    more.accept(spec);
    app.setSpec(spec);
    return DeliveryTarget.of(app, SpecObjects.tenant("acme", "dev", "stage", "prod"), image);
  }

  Repository open() throws IOException {
    return Git.open(bare.toFile()).getRepository();
  }

  RevCommit head(String branch) throws IOException {
    try (Repository repo = open();
        RevWalk walk = new RevWalk(repo)) {
      ObjectId id = repo.resolve("refs/heads/" + branch);
      return id == null ? null : walk.parseCommit(id);
    }
  }

  /** The file at the tip of main. */
  String read(String path) throws IOException {
    try (Repository repo = open();
        RevWalk walk = new RevWalk(repo)) {
      RevCommit tip = walk.parseCommit(repo.resolve("refs/heads/main"));
      try (TreeWalk tree = TreeWalk.forPath(repo, path, tip.getTree())) {
        return new String(
            repo.open(tree.getObjectId(0)).getBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
    }
  }

  /** The commits of main, newest first. */
  List<RevCommit> log() throws Exception {
    try (Git git = Git.open(bare.toFile())) {
      List<RevCommit> commits = new ArrayList<>();
      git.log().add(git.getRepository().resolve("refs/heads/main")).call().forEach(commits::add);
      return commits;
    }
  }
}
