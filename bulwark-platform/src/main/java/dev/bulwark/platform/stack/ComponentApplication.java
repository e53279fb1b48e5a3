package dev.bulwark.platform.stack;

import dev.bulwark.platform.kinds.argocd.ApplicationSource;
import dev.bulwark.platform.kinds.argocd.ApplicationSpec;
import dev.bulwark.platform.kinds.argocd.ArgoCd;
import dev.bulwark.platform.kinds.argocd.Destination;
import dev.bulwark.platform.kinds.argocd.HelmSource;
import dev.bulwark.platform.kinds.argocd.SyncPolicy;
import dev.bulwark.render.Names;
import dev.bulwark.render.Ownership;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;

/**
 * The Argo CD Application that installs one catalogue component at its pinned version, with the
 * Helm values Bulwark computed.
 *
 * <p>The user's {@code values} override Bulwark's on the implementation's first (main) component
 * only: they are an escape hatch, and merging them into every chart would surprise.
 */
public final class ComponentApplication {

  /** Where Argo CD and its Applications live, unless the spec adopts an instance elsewhere. */
  public static final String ARGOCD_NAMESPACE = "argocd";

  /** The AppProject of the platform's own Applications. */
  public static final String PLATFORM_PROJECT = "bulwark-platform";

  public static final String IN_CLUSTER = ArgoCd.IN_CLUSTER;

  /** Annotation with the version an Application installs; only component Applications have it. */
  public static final String VERSION = "bulwark.dev/version";

  /** Annotation that carries a warning about a component choice to whoever reads the tree. */
  public static final String WARNING = "bulwark.dev/warning";

  /** Directory of the GitOps repository where upstream release manifests are referenced. */
  public static final String UPSTREAM_DIR = "upstream";

  private final Stack stack;
  private final Component component;
  private final Install install;
  private Map<String, Object> values = Map.of();

  private ComponentApplication(Stack stack, Component component, Install install) {
    this.stack = stack;
    this.component = component;
    this.install = install;
  }

  /** The Application of one of the component's catalogue components. */
  public static ComponentApplication of(
      Stack stack, Component component, String catalogueComponent) {
    return new ComponentApplication(stack, component, component.install(catalogueComponent));
  }

  public ComponentApplication values(Map<String, Object> values) {
    this.values = values;
    return this;
  }

  public GenericKubernetesResource build() {
    // Large CRDs (Prometheus Operator's, Keycloak's) exceed the client-side last-applied
    // annotation, so every component is applied server-side.
    ApplicationSpec spec =
        new ApplicationSpec(
            stack.has("gitops") ? PLATFORM_PROJECT : "default",
            source(),
            Destination.inCluster(install.namespace()),
            SyncPolicy.autoSync("ServerSideApply=true"));
    CustomResource app =
        CustomResource.of(spec)
            .name(Names.label(install.component()))
            .namespace(stack.argoCdNamespace())
            .labels(Ownership.platform())
            .annotation(
                SyncWave.ANNOTATION,
                Integer.toString(SyncWave.application(component.capability(), install.syncWave())))
            .annotation(VERSION, install.version())
            .finalizer("resources-finalizer.argocd.argoproj.io");
    if (install.warning() != null) {
      app.annotation(WARNING, install.warning());
    }
    return app.build();
  }

  private ApplicationSource source() {
    return switch (install.type()) {
      case "helm", "oci" ->
          ApplicationSource.chart(
              helmRepository(install), install.chart(), install.version(), helm());
      case "git" -> ApplicationSource.path(install.repository(), install.path(), install.version());
      case "manifest" -> {
        GitOpsRepository repo = GitOpsRepository.of(stack);
        yield ApplicationSource.path(
            repo.repoURL(),
            repo.resolve(UPSTREAM_DIR + "/" + install.component()),
            repo.revision());
      }
      default ->
          throw new IllegalStateException(
              "unknown source type " + install.type() + " of " + install.component());
    };
  }

  private HelmSource helm() {
    boolean main = component.installs().get(0).equals(install);
    Map<String, Object> bulwarks = Values.merge(ChartMirrorValues.of(stack, install), values);
    return new HelmSource(
        install.component(), main ? Values.merge(bulwarks, component.values()) : bulwarks);
  }

  /**
   * Argo CD names a Helm chart in an OCI registry by the registry path without the scheme, and
   * needs that path registered as an OCI-enabled Helm repository (the gitops unit registers it).
   */
  public static String helmRepository(Install install) {
    return install.type().equals("oci")
        ? install.repository().replaceFirst("^oci://", "")
        : install.repository();
  }
}
