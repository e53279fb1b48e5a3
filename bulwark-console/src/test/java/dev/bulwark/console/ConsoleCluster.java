package dev.bulwark.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.delivery.Actor;
import dev.bulwark.delivery.ArgoCdEvidence;
import dev.bulwark.delivery.Digest;
import dev.bulwark.delivery.GitOpsRepository;
import dev.bulwark.delivery.Outcome;
import dev.bulwark.delivery.Promoter;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.Renderer;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import dev.bulwark.testkit.GitRemotes;
import dev.bulwark.testkit.cluster.ArgoCdApplications;
import dev.bulwark.testkit.cluster.Crds;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;

/**
 * A platform on a real API server as the console sees it: Bulwark's CRDs, two tenants (acme with
 * dev and a manual prod, beta with dev) applied with the tenancy objects the renderer makes for
 * them (namespaces, the owner, developer and viewer RBAC, quotas), Argo CD Applications reporting
 * dev healthy with digest A, and a GitOps repository in which a promotion of A to acme's prod waits
 * for an owner.
 */
final class ConsoleCluster {

  static final Digest A = Digest.of("sha256:" + "a".repeat(64));
  static final String API_IMAGE = "registry.example.test/acme/api";

  static final String SPEC =
      """
      apiVersion: bulwark.dev/v1alpha1
      kind: Platform
      metadata: {name: console}
      spec:
        domain: console.example.test
        # what the platform's spec checks ask of the default stack (bulwark-platform is on the
        # test class path for the login on Keycloak)
        components:
          certificates: {settings: {email: platform@console.example.test}}
          gitops: {settings: {repoURL: "https://git.console.example.test/platform.git"}}
      ---
      apiVersion: bulwark.dev/v1alpha1
      kind: Tenant
      metadata: {name: acme}
      spec:
        displayName: ACME Corporation
        environments: [{name: dev}, {name: prod, production: true}]
        quota: {cpu: "4", memory: 8Gi, pods: 40}
      ---
      apiVersion: bulwark.dev/v1alpha1
      kind: Tenant
      metadata: {name: beta}
      spec:
        displayName: Beta Ltd
        environments: [{name: dev}]
      ---
      apiVersion: bulwark.dev/v1alpha1
      kind: Application
      metadata: {name: api, namespace: acme-dev}
      spec:
        tenant: acme
        environments: [{name: dev}, {name: prod, promotion: manual}]
        ports: [{name: http, port: 8080}]
        image: registry.example.test/acme/api:1.0.0
      ---
      apiVersion: bulwark.dev/v1alpha1
      kind: Application
      metadata: {name: billing, namespace: beta-dev}
      spec:
        tenant: beta
        ports: [{name: http, port: 8080}]
        image: registry.example.test/beta/billing:2.0.0
      """;

  private ConsoleCluster() {}

  /** Applies the platform; returns the GitOps repository (a bare one, by path). */
  static Path apply(KubernetesClient admin, Path dir) throws Exception {
    installCrds(admin);
    LoadResult loaded = SpecLoader.loadStrings(Map.of("spec.yaml", SPEC));
    assertThat(loaded.errors()).isEmpty();
    BulwarkSpec spec = loaded.spec();
    applySpec(admin, spec);
    ArgoCdApplications.report(
        admin, "acme", "api", "dev", "Synced", "Healthy", List.of(API_IMAGE + "@" + A.value()));
    ArgoCdApplications.report(admin, "acme", "api", "prod", "Synced", "Healthy", List.of());
    Path repo = gitops(dir);
    requestPromotion(admin, spec, repo);
    return repo;
  }

  /**
   * What the console reads of {@code spec}: the tenancy objects the renderer makes (namespaces
   * first), the Platform, Tenants and Applications, and Argo CD's Application CRD.
   */
  static void applySpec(KubernetesClient admin, BulwarkSpec spec) throws Exception {
    List<HasMetadata> tenancy =
        Renderer.standard().render(spec).objects().stream()
            .filter(d -> d.capability().equals("tenancy"))
            .map(DesiredObject::object)
            .sorted(Comparator.comparing(o -> o.getKind().equals("Namespace") ? 0 : 1))
            .toList();
    for (HasMetadata object : tenancy) {
      admin.resource(object).forceConflicts().serverSideApply();
    }
    admin.resource(spec.platform()).forceConflicts().serverSideApply();
    for (Tenant tenant : spec.tenants()) {
      admin.resource(tenant).forceConflicts().serverSideApply();
    }
    for (Application app : spec.applications()) {
      admin.resource(app).forceConflicts().serverSideApply();
    }
    ArgoCdApplications.install(admin);
  }

  /** Bulwark's CRDs as bulwark-api generates them. */
  static void installCrds(KubernetesClient admin) throws Exception {
    for (String kind : List.of("platforms", "tenants", "applications")) {
      try (InputStream in =
          Application.class
              .getClassLoader()
              .getResourceAsStream("META-INF/fabric8/" + kind + ".bulwark.dev-v1.yml")) {
        assertThat(in).as("bulwark-api's generated CRD for " + kind).isNotNull();
        CustomResourceDefinition crd =
            admin.apiextensions().v1().customResourceDefinitions().load(in).item();
        Crds.applyAndAwait(admin, crd);
      }
    }
  }

  /** The tree bulwark plan writes, reduced to acme's kustomizations: dev runs A, prod a tag. */
  private static Path gitops(Path dir) throws Exception {
    Path bare = dir.resolve("gitops.git");
    Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
    GitRemotes.withoutHousekeeping(bare);
    Path work = dir.resolve("work");
    try (Git git = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()) {
      for (String env : List.of("dev", "prod")) {
        Path file = work.resolve("tenants/acme/" + env + "/kustomization.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(
            file,
            "apiVersion: kustomize.config.k8s.io/v1beta1\n"
                + "kind: Kustomization\n"
                + "namespace: acme-"
                + env
                + "\nresources:\n- deployment-api.yaml\nimages:\n- name: "
                + API_IMAGE
                + "\n"
                + (env.equals("dev") ? "  digest: " + A.value() + "\n" : "  newTag: \"1.0.0\"\n"));
      }
      git.add().addFilepattern(".").call();
      git.commit().setMessage("Plan the tree").setAuthor("plan", "plan@example.test").call();
      git.push().setRemote(bare.toUri().toString()).add("main").call();
    }
    return bare;
  }

  /** A developer asks for A in prod, as bulwark promote does: it waits for an owner. */
  private static void requestPromotion(KubernetesClient admin, BulwarkSpec spec, Path repo) {
    Application api =
        spec.applications().stream()
            .filter(a -> a.getMetadata().getName().equals("api"))
            .findFirst()
            .orElseThrow();
    Tenant acme = spec.tenant("acme").orElseThrow();
    try (GitOpsRepository repository = GitOpsRepository.open(repo.toString(), "main")) {
      Outcome outcome =
          new Promoter(repository, new ArgoCdEvidence(admin), Clock.systemUTC())
              .promote(
                  Delivery.target(api, acme).orElseThrow(),
                  "prod",
                  Optional.of(A),
                  new Actor("dana", List.of("acme-developers")));
      assertThat(outcome.kind()).isEqualTo(Outcome.Kind.PENDING_APPROVAL);
    }
  }
}
