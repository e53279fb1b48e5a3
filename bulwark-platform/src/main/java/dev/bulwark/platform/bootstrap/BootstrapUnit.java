package dev.bulwark.platform.bootstrap;

import dev.bulwark.platform.gitops.ArgoCdValues;
import dev.bulwark.platform.gitops.GitOpsUnit;
import dev.bulwark.platform.kinds.argocd.ApplicationSource;
import dev.bulwark.platform.kinds.argocd.ApplicationSpec;
import dev.bulwark.platform.kinds.argocd.Destination;
import dev.bulwark.platform.kinds.argocd.DirectorySource;
import dev.bulwark.platform.kinds.argocd.SyncPolicy;
import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.ComponentApplication;
import dev.bulwark.platform.stack.ComponentUnit;
import dev.bulwark.platform.stack.ConfigJob;
import dev.bulwark.platform.stack.CustomResource;
import dev.bulwark.platform.stack.GitOpsRepository;
import dev.bulwark.platform.stack.Install;
import dev.bulwark.platform.stack.PlatformCatalog;
import dev.bulwark.platform.stack.PlatformObjects;
import dev.bulwark.platform.stack.Scripts;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.SyncWave;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.render.Manifests;
import dev.bulwark.render.Ownership;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code bootstrap/} directory: what a platform engineer applies once with {@code kubectl apply
 * -k bootstrap/}. A Job installs Argo CD from its pinned chart with the same values the
 * self-managing Application uses, and the root Application (app of apps) syncs the rendered tree,
 * in which Argo CD then manages itself.
 */
public final class BootstrapUnit extends ComponentUnit {

  public static final String ROOT = "bulwark-root";
  static final String INSTALLER = "bulwark-bootstrap";
  private static final String SCRIPT = Scripts.load(BootstrapUnit.class, "install-argo-cd.sh");

  public BootstrapUnit() {}

  public BootstrapUnit(PlatformCatalog catalog) {
    super(catalog);
  }

  @Override
  public String capability() {
    return "bootstrap";
  }

  @Override
  protected String component() {
    return "gitops";
  }

  @Override
  protected List<HasMetadata> render(Stack stack, Component component) {
    if (component.existing()) {
      // Argo CD runs already (ADR 0034): nothing to install, no cluster-admin binding; the root
      // Application syncs in Bulwark's own project, which therefore comes first.
      return List.of(GitOpsUnit.platformProject(stack), root(stack));
    }
    Install argo = component.install("argo-cd");
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(PlatformObjects.namespace(argo.namespace(), "gitops", "restricted"));
    // The installer's identity is in the Job's wave, so that whoever applies by the ladder (Argo
    // CD,
    // bulwark apply) creates it before the Job: the kind order puts ServiceAccounts and bindings
    // before Jobs within one wave.
    objects.add(
        CustomResource.withWave(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName(INSTALLER)
                .withNamespace(argo.namespace())
                .withLabels(Ownership.platform())
                .endMetadata()
                .build(),
            SyncWave.CONFIGURATION));
    // Installing Argo CD creates CRDs and cluster roles, which only a cluster admin may do; the
    // exemption says so where the policy that forbids cluster-admin bindings will look.
    objects.add(
        CustomResource.withWave(
            new ClusterRoleBindingBuilder()
                .withNewMetadata()
                .withName(INSTALLER)
                .withLabels(Ownership.platform())
                .addToAnnotations(
                    PolicyLibrary.EXEMPTION_ANNOTATION_PREFIX + "platform-rbac-cluster-admin",
                    "the bootstrap Job installs Argo CD, whose CRDs and cluster roles only a cluster admin may create")
                .endMetadata()
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("ClusterRole")
                .withName("cluster-admin")
                .endRoleRef()
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName(INSTALLER)
                .withNamespace(argo.namespace())
                .endSubject()
                .build(),
            SyncWave.CONFIGURATION));
    List<HasMetadata> job =
        new ArrayList<>(
            ConfigJob.of(
                INSTALLER,
                argo.namespace(),
                argo.image("helm").reference(),
                SCRIPT,
                Map.of("values.yaml", Manifests.toYaml(ArgoCdValues.of(stack))),
                installEnv(argo),
                INSTALLER));
    objects.addAll(job);
    objects.add(root(stack));
    return objects;
  }

  /** What the install script needs to know of the chart, and helm's writable home. */
  private static List<EnvVar> installEnv(Install argo) {
    boolean oci = argo.type().equals("oci");
    List<EnvVar> env =
        new ArrayList<>(
            List.of(
                ConfigJob.env("HOME", "/tmp"),
                ConfigJob.env("RELEASE", argo.component()),
                ConfigJob.env("RELEASE_NAMESPACE", argo.namespace()),
                ConfigJob.env("CHART", oci ? argo.repository() + "/" + argo.chart() : argo.chart()),
                ConfigJob.env("CHART_VERSION", argo.version())));
    if (!oci) {
      env.add(ConfigJob.env("CHART_REPO", argo.repository()));
    }
    return env;
  }

  /** The app of apps: every directory of the tree but bootstrap/, as plain manifests. */
  private static HasMetadata root(Stack stack) {
    GitOpsRepository repo = GitOpsRepository.of(stack);
    ApplicationSource source =
        ApplicationSource.directory(
            repo.repoURL(),
            repo.path(),
            repo.revision(),
            // Argo CD matches the exclusion against each file's path below the tree's root, where
            // "**/kustomization.yaml" misses the root's own kustomization.yaml (no "/" before it)
            new DirectorySource(
                true,
                "{bootstrap/*,"
                    + ComponentApplication.UPSTREAM_DIR
                    + "/*,kustomization.yaml,**/kustomization.yaml}"));
    return CustomResource.of(
            new ApplicationSpec(
                stack.has("gitops") && stack.require("gitops").existing()
                    ? ComponentApplication.PLATFORM_PROJECT
                    : "default",
                source,
                Destination.inCluster(stack.argoCdNamespace()),
                SyncPolicy.autoSync("ServerSideApply=true")))
        .name(ROOT)
        .namespace(stack.argoCdNamespace())
        .labels(Ownership.platform())
        .build();
  }
}
