package dev.bulwark.cli.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.cli.Cli;
import dev.bulwark.cli.live.LivePlatform;
import dev.bulwark.controlplane.ControlPlane;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.Renderer;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import dev.bulwark.testkit.GitRemotes;
import dev.bulwark.testkit.cluster.ArgoCdApplications;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark promote}, {@code approve} and {@code status --repo} end to end: a bare Git
 * repository on disk, a real API server that says who the caller is (the test's admin, in
 * system:masters, promotes; owners and viewers approve as impersonated OIDC users, with only the
 * rights the rendered Role in the GitOps namespace gives them) and Argo CD Applications under Argo
 * CD's upstream CRD that say what passed.
 */
@RealApiServer
class PromoteCommandTest {

  private static final String IMAGE = "registry.example.com/promo/api";
  private static final String A = "sha256:" + "c".repeat(64);

  private static String spec(String owners) {
    return LivePlatform.YAML
        + """
        apiVersion: bulwark.dev/v1alpha1
        kind: Tenant
        metadata: {name: promo}
        spec:
          groups: {owners: [%s]}
          environments: [{name: dev}, {name: stage}, {name: prod}]
        ---
        apiVersion: bulwark.dev/v1alpha1
        kind: Application
        metadata: {name: api}
        spec:
          tenant: promo
          image: registry.example.com/promo/api:1.0.0
          environments: [{name: dev}, {name: stage, promotion: auto}, {name: prod, promotion: manual}]
        """
            .formatted(owners);
  }

  @Test
  void promoteRequestApproveAndStatus(ControlPlane plane, KubernetesClient admin, @TempDir Path dir)
      throws Exception {
    ArgoCdApplications.install(admin);
    passed(admin, "dev");
    Path bare = repository(dir);
    Path owners = dir.resolve("owners.yaml");
    Files.writeString(owners, spec("promo-owners"));
    applyArgoCdReaders(admin, owners);
    String kubeconfig = plane.kubeconfig().toString();
    List<String> common =
        List.of("--image", IMAGE, "--repo", bare.toString(), "--kubeconfig", kubeconfig);

    Cli stage = run(common, "promote", "api", "--to", "stage", "-f", owners.toString());
    assertThat(stage.exitCode()).as(stage.err()).isZero();
    assertThat(stage.out()).startsWith("promoted promo/api " + A + " in stage (commit ");

    Cli early = run(common, "promote", "api", "--to", "prod", "-f", owners.toString());
    assertThat(early.exitCode()).isEqualTo(1);
    assertThat(early.err())
        .contains(
            "bulwark promote: refused: "
                + A
                + " has not passed `stage`: the Argo CD Application of promo/api in stage (not found in namespace argocd)");

    passed(admin, "stage");
    Cli requested = run(common, "promote", "api", "--to", "prod", "-f", owners.toString());
    assertThat(requested.exitCode()).as(requested.err()).isZero();
    assertThat(requested.out())
        .startsWith(
            "requested promo/api "
                + A
                + " in prod: waits for an approval by a member of oidc:promo-owners");

    Cli status =
        Cli.run(
            "status",
            "--repo",
            bare.toString(),
            "-f",
            owners.toString(),
            "--images",
            "api=" + IMAGE,
            "--kubeconfig",
            kubeconfig);
    assertThat(status.out())
        .containsPattern("promo +api +prod +manual +tag 1\\.0 +" + A + " requested by ");
    assertThat(status.out()).containsPattern("promo +api +stage +auto +" + A + " +-");

    // a viewer, as the API server reports an OIDC user: refused, with the reason
    Cli refused = approveAs(common, owners, "vera", "oidc:promo-viewers");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err())
        .contains(
            "vera may not approve the promotion of promo/api to prod: an approval needs a member of the tenant's owner groups (oidc:promo-owners), and vera is in oidc:promo-viewers");

    // an owner: its group compared as bound, the evidence read by name with the Role's rights
    Cli approved = approveAs(common, owners, "olga", "oidc:promo-owners");
    assertThat(approved.exitCode()).as(approved.err()).isZero();
    assertThat(approved.out()).startsWith("promoted promo/api " + A + " in prod");
    try (Git git = Git.open(bare.toFile())) {
      var tip = git.log().setMaxCount(1).call().iterator().next();
      assertThat(tip.getFooterLines("Approved-as")).containsExactly("oidc:promo-owners");
    }

    Cli groupAlone =
        run(common, "approve", "api", "--env", "prod", "-f", owners.toString(), "--as-group", "x");
    assertThat(groupAlone.exitCode()).isEqualTo(2);
    assertThat(groupAlone.err()).contains("--as-group needs --as");
  }

  private static Cli approveAs(List<String> common, Path spec, String user, String group) {
    return run(
        common,
        "approve",
        "api",
        "--env",
        "prod",
        "-f",
        spec.toString(),
        "--as",
        user,
        "--as-group",
        group);
  }

  /** The Role and RoleBinding the GitOps unit renders for the tenant's owners, applied. */
  private static void applyArgoCdReaders(KubernetesClient admin, Path spec) {
    LoadResult loaded = SpecLoader.load(List.of(spec.toString()));
    assertThat(loaded.errors()).isEmpty();
    List<HasMetadata> readers =
        Renderer.standard().render(loaded.spec()).objects().stream()
            .map(DesiredObject::object)
            .filter(o -> o instanceof Role || o instanceof RoleBinding)
            .filter(o -> ArgoCdApplications.NAMESPACE.equals(o.getMetadata().getNamespace()))
            .filter(o -> "promo".equals(o.getMetadata().getLabels().get(BulwarkLabels.TENANT)))
            .toList();
    assertThat(readers).hasSize(2);
    readers.forEach(o -> admin.resource(o).forceConflicts().serverSideApply());
  }

  @Test
  void badInputIsExitTwoWithTheReason(ControlPlane plane, @TempDir Path dir) throws Exception {
    Path owners = dir.resolve("spec.yaml");
    Files.writeString(owners, spec("system:masters"));
    List<String> common =
        List.of(
            "--repo",
            dir.toString(),
            "--kubeconfig",
            plane.kubeconfig().toString(),
            "-f",
            owners.toString());

    Cli digest =
        run(common, "promote", "api", "--to", "stage", "--digest", "sha256:abc", "--image", IMAGE);
    assertThat(digest.exitCode()).isEqualTo(2);
    assertThat(digest.err())
        .contains("expected an image digest sha256:<64 lowercase hex digits>, found `sha256:abc`");

    Cli unknown = run(common, "approve", "web", "--env", "prod");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("no Application `web` in the spec");
  }

  private static Cli run(List<String> common, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(common);
    return Cli.run(all.toArray(String[]::new));
  }

  /** A GitOps repository whose dev pins digest A of the image and the others tag 1.0. */
  private static Path repository(Path dir) throws Exception {
    Path work = dir.resolve("work");
    try (Git git = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()) {
      for (String env : List.of("dev", "stage", "prod")) {
        Path file = work.resolve("tenants/promo/" + env + "/kustomization.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(
            file,
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nimages:\n- name: "
                + IMAGE
                + "\n"
                + (env.equals("dev") ? "  digest: " + A : "  newTag: \"1.0\"")
                + "\n");
      }
      git.add().addFilepattern(".").call();
      git.commit().setMessage("Plan").setAuthor("plan", "plan@example.com").call();
    }
    Path bare = dir.resolve("gitops.git");
    Git.cloneRepository()
        .setBare(true)
        .setURI(work.toUri().toString())
        .setDirectory(bare.toFile())
        .call()
        .close();
    GitRemotes.withoutHousekeeping(bare);
    return bare;
  }

  /** The Argo CD Application of promo/api in {@code env}: synced, healthy, running digest A. */
  private static void passed(KubernetesClient admin, String env) {
    ArgoCdApplications.report(
        admin, "promo", "api", env, "Synced", "Healthy", List.of(IMAGE + "@" + A));
  }
}
