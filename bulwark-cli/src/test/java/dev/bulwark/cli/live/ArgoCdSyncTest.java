package dev.bulwark.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controlplane.ControlPlane;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.operator.live.CrdInstaller;
import dev.bulwark.testkit.Needed;
import dev.bulwark.testkit.cluster.ArgoCdApplications;
import dev.bulwark.testkit.cluster.RealApiServer;
import dev.bulwark.testkit.engines.ArgoCd;
import dev.bulwark.testkit.engines.EngineReport;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Argo CD itself syncs the GitOps tree Bulwark writes: {@code bulwark plan --out} writes the tree
 * of a platform with one tenant, Git commits it to a bare repository reached by a {@code file://}
 * URL, and the bootstrap objects Bulwark renders for an existing Argo CD (its platform AppProject
 * and the root Application) are applied. Argo CD's real application controller and repo server
 * (built from its Go module, with Redis) run as processes against the API server; the root
 * Application must report the commit Synced, and the tenant's objects must be in the cluster,
 * applied by Argo CD (its tracking annotation names the root Application). A second plan, with one
 * more environment, is committed next: Argo CD must find the new commit and sync it by itself.
 */
@RealApiServer
@ExtendWith(EngineReport.class)
class ArgoCdSyncTest {

  /** Argo CD's namespace; the tenant's name is unique to this test in the shared cluster. */
  private static final String ARGOCD = "argo-synced";

  private static final String TENANT = "synced";

  private static final Duration SYNC = Duration.ofMinutes(5);

  private static final ResourceDefinitionContext APPLICATIONS = ArgoCdApplications.KIND;
  private static final ResourceDefinitionContext PROJECTS =
      new ResourceDefinitionContext.Builder()
          .withGroup("argoproj.io")
          .withVersion("v1alpha1")
          .withKind("AppProject")
          .withPlural("appprojects")
          .withNamespaced(true)
          .build();

  /**
   * The Platform is acme, as in the other tests of this cluster (a cluster has one Platform);
   * minimal, with Argo CD existing, so that bootstrap/ holds only what Argo CD needs to sync the
   * tree.
   */
  private static final String SPEC =
      """
      apiVersion: bulwark.dev/v1alpha1
      kind: Platform
      metadata: {name: acme}
      spec:
        domain: acme.example.com
        profile: minimal
        components:
          gitops:
            mode: existing
            namespace: ARGOCD
            settings: {repoURL: "REPO"}
          gateway: {enabled: false}
          certificates: {enabled: false}
          policy: {enabled: false}
      ---
      apiVersion: bulwark.dev/v1alpha1
      kind: Tenant
      metadata: {name: TENANT}
      spec:
        environments: ENVIRONMENTS
      """;

  @TempDir Path dir;

  private ArgoCd argo;
  private boolean bootstrapped;

  @AfterEach
  void stopArgoCdAndRemoveTheTenant(KubernetesClient admin) {
    if (argo != null) {
      argo.close();
    }
    if (!bootstrapped) {
      return;
    }
    // the root Application has no finalizer: deleting it leaves what it synced, removed here
    admin.genericKubernetesResources(APPLICATIONS).inNamespace(ARGOCD).delete();
    admin.genericKubernetesResources(PROJECTS).inNamespace(ARGOCD).delete();
    for (String environment : List.of("dev", "stage")) {
      admin.namespaces().withName(TENANT + "-" + environment).delete();
    }
  }

  @Test
  void argoCdSyncsTheTreeBulwarkWroteFromAGitRepository(ControlPlane plane, KubernetesClient admin)
      throws Exception {
    ArgoCd.requireInputs();
    Path crds = SharedData.resolve("crds/argo-cd").orElse(null);
    Needed.require(crds != null, "../shared/crds/argo-cd is absent: Argo CD's upstream CRDs");

    Path bare = dir.resolve("gitops.git");
    git(dir, "init", "--quiet", "--bare", "--initial-branch=main", bare.toString());
    Path tree = plan(bare, "first", "[{name: dev}]");
    String first = commit(bare, tree, "The tree bulwark plan wrote");

    anArgoCdNamespace(admin, crds);
    bootstrapped = true;
    for (Path file : bootstrapObjects(tree)) {
      try (InputStream in = Files.newInputStream(file)) {
        for (HasMetadata object : admin.load(in).items()) {
          admin.resource(object).forceConflicts().serverSideApply();
        }
      }
    }
    argo =
        ArgoCd.start(plane.kubeconfig(), ARGOCD, dir.resolve("argocd"), Path.of("target/argocd"));

    GenericKubernetesResource root = awaitSynced(admin, first);
    assertThat((String) root.get("status", "operationState", "phase")).isEqualTo("Succeeded");
    assertEnvironmentSynced(admin, "dev");
    assertThat(
            admin.genericKubernetesResources(PROJECTS).inNamespace(ARGOCD).withName(TENANT).get())
        .as("the tenant's AppProject, synced from tenants/synced/_shared")
        .isNotNull();

    // the next plan, one more environment, is a new commit that Argo CD finds and syncs by itself
    String second =
        commit(bare, plan(bare, "second", "[{name: dev}, {name: stage}]"), "A stage environment");
    awaitSynced(admin, second);
    assertEnvironmentSynced(admin, "stage");
  }

  /** Writes the plan of the tenant with {@code environments} into a new directory {@code name}. */
  private Path plan(Path bare, String name, String environments) throws IOException {
    Path tree = dir.resolve(name);
    Path spec = dir.resolve(name + ".yaml");
    Files.writeString(
        spec,
        SPEC.replace("ARGOCD", ARGOCD)
            .replace("TENANT", TENANT)
            .replace("ENVIRONMENTS", environments)
            .replace("REPO", bare.toUri().toString()));
    CliRun plan = CliRun.of("plan", spec.toString(), "--out", tree.toString());
    assertThat(plan.exit()).as(plan.out() + plan.err()).isZero();
    return tree;
  }

  /** The environment's namespace and its objects are in the cluster, applied by Argo CD. */
  private static void assertEnvironmentSynced(KubernetesClient admin, String environment) {
    String name = TENANT + "-" + environment;
    var namespace = admin.namespaces().withName(name).get();
    assertThat(namespace)
        .as("namespace %s, from tenants/%s/%s", name, TENANT, environment)
        .isNotNull();
    assertThat(namespace.getMetadata().getAnnotations())
        .hasEntrySatisfying(
            "argocd.argoproj.io/tracking-id", id -> assertThat(id).startsWith("bulwark-root:"));
    assertThat(admin.resourceQuotas().inNamespace(name).withName("bulwark-quota").get())
        .isNotNull();
    assertThat(
            admin
                .network()
                .networkPolicies()
                .inNamespace(name)
                .withName("bulwark-default-deny")
                .get())
        .isNotNull();
  }

  /**
   * Waits until Argo CD reports the root Application Synced at {@code commit} with its operation
   * finished; a component that exits or a sync that fails ends the wait with Argo CD's logs.
   */
  private GenericKubernetesResource awaitSynced(KubernetesClient admin, String commit)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(SYNC);
    GenericKubernetesResource root = null;
    while (Instant.now().isBefore(deadline)) {
      assertThat(argo.alive()).as(argo.logTails()).isTrue();
      root =
          admin
              .genericKubernetesResources(APPLICATIONS)
              .inNamespace(ARGOCD)
              .withName("bulwark-root")
              .get();
      String phase = root == null ? null : root.get("status", "operationState", "phase");
      // Argo CD retries a failed sync (its phase is Running again meanwhile); each attempt keeps
      // the result of every object, so an object Argo CD could not apply ends the wait at once
      assertThat(failedObjects(root))
          .as("objects Argo CD failed to sync\n%s", argo.logTails())
          .isEmpty();
      if ("Synced".equals(root == null ? null : root.get("status", "sync", "status"))
          && commit.equals(root.get("status", "sync", "revision"))
          && "Succeeded".equals(phase)) {
        return root;
      }
      TimeUnit.SECONDS.sleep(2);
    }
    throw new AssertionError(
        "bulwark-root is not Synced at "
            + commit
            + " after "
            + SYNC
            + ": "
            + root
            + "\n"
            + argo.logTails());
  }

  /** The sync results of the last attempt that are not Synced, with Argo CD's message. */
  private static List<String> failedObjects(GenericKubernetesResource root) {
    List<Map<String, Object>> results =
        root == null ? null : root.get("status", "operationState", "syncResult", "resources");
    if (results == null) {
      return List.of();
    }
    return results.stream()
        .filter(r -> "SyncFailed".equals(r.get("status")))
        .map(
            r ->
                r.get("kind")
                    + " "
                    + r.get("namespace")
                    + "/"
                    + r.get("name")
                    + ": "
                    + r.get("message"))
        .toList();
  }

  /** Argo CD's CRDs, its namespace and the minimal settings its controller reads. */
  private static void anArgoCdNamespace(KubernetesClient admin, Path crds) {
    CrdInstaller installer = new CrdInstaller(admin);
    List<String> names = new ArrayList<>();
    names.addAll(installer.installFile(crds.resolve("application-crd.yaml")));
    names.addAll(installer.installFile(crds.resolve("appproject-crd.yaml")));
    installer.awaitEstablished(names);
    admin
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(ARGOCD).endMetadata().build())
        .serverSideApply();
    // Argo CD reads only ConfigMaps and Secrets that carry its part-of label
    Map<String, String> partOf = Map.of("app.kubernetes.io/part-of", "argocd");
    admin
        .configMaps()
        .inNamespace(ARGOCD)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("argocd-cm")
                .withLabels(partOf)
                .endMetadata()
                .build())
        .serverSideApply();
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    admin
        .secrets()
        .inNamespace(ARGOCD)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("argocd-secret")
                .withLabels(partOf)
                .endMetadata()
                .addToData("server.secretkey", Base64.getEncoder().encodeToString(key))
                .build())
        .serverSideApply();
  }

  /** bootstrap/'s objects, as a platform engineer applies them (its kustomization aside). */
  private static List<Path> bootstrapObjects(Path tree) throws IOException {
    try (Stream<Path> files = Files.list(tree.resolve("bootstrap"))) {
      List<Path> objects =
          files
              .filter(f -> !f.getFileName().toString().equals("kustomization.yaml"))
              .sorted()
              .toList();
      assertThat(objects).as("bootstrap/ for an existing Argo CD").isNotEmpty();
      return objects;
    }
  }

  /**
   * Commits {@code tree} as the whole content of the bare repository's main branch (a file the
   * previous commit had and the tree lacks is removed); the commit's id.
   */
  private static String commit(Path bare, Path tree, String message) throws Exception {
    String gitDir = "--git-dir=" + bare;
    String workTree = "--work-tree=" + tree;
    git(tree, gitDir, workTree, "add", "--all");
    git(
        tree,
        gitDir,
        workTree,
        "-c",
        "user.name=Bulwark Test",
        "-c",
        "user.email=test@bulwark.invalid",
        "commit",
        "--quiet",
        "--message",
        message);
    return git(tree, gitDir, "rev-parse", "main").strip();
  }

  private static String git(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.redirectErrorStream(true);
    // no user or system Git configuration: the same outcome on every machine
    builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
    builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    Process process = builder.start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("git %s", command).isTrue();
    assertThat(process.exitValue()).as("git %s: %s", command, out).isZero();
    return out;
  }
}
