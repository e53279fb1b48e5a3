package dev.bulwark.render.existing;

import dev.bulwark.api.v1alpha1.ComponentSpec;
import dev.bulwark.api.v1alpha1.ComponentsSpec;
import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.render.model.PlatformModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A platform component the spec adopts instead of installing ({@code mode: existing}, ADR 0034),
 * with what Bulwark needs of the running instance. The renderer writes nothing that would install
 * or reconfigure it; the operator and {@code bulwark apply} check these requirements live and apply
 * nothing while one is unmet.
 *
 * @param capability the key in {@code spec.components}, for example {@code gitops}
 * @param implementation what runs, for example {@code argo-cd}
 * @param namespace where the instance runs, when the spec names it (always for Argo CD, into whose
 *     namespace Bulwark writes its Applications)
 * @param crds the CustomResourceDefinitions the instance must serve, by name
 * @param settings the configuration keys the instance must have
 * @param objects the cluster-scoped objects of the instance that Bulwark's objects name
 */
public record ExistingComponent(
    String capability,
    String implementation,
    Optional<String> namespace,
    List<String> crds,
    List<Setting> settings,
    List<ClusterObject> objects) {

  /** Where Argo CD runs when {@code components.gitops.namespace} does not say. */
  public static final String ARGOCD_NAMESPACE = "argocd";

  /** Argo CD's configuration ConfigMap, read and never written. */
  public static final String ARGOCD_CM = "argocd-cm";

  /**
   * The health check of Applications, which Argo CD dropped in 1.8; without it an app of apps does
   * not wait for one wave's Applications to be healthy before the next, and the sync-wave ladder
   * (ADR 10) falls apart.
   */
  public static final String APPLICATION_HEALTH =
      "resource.customizations.health.argoproj.io_Application";

  /** The capabilities that may be adopted. */
  public static final List<String> ADOPTABLE =
      List.of("certificates", "gitops", "metrics", "policy");

  private static final Setting APPLICATION_HEALTH_SETTING =
      new Setting(
          ARGOCD_CM,
          APPLICATION_HEALTH,
          "Bulwark's root Application waits for each sync wave of Applications to be healthy, which"
              + " needs Argo CD's health check of Applications: add the key, with the Lua check of"
              + " Argo CD's documentation on the app-of-apps health assessment, to the ConfigMap");

  /**
   * The CRDs an existing instance must serve, by capability and implementation; the first
   * implementation is the catalogue's default.
   */
  private static final Map<String, Map<String, List<String>>> CRDS =
      Map.of(
          "certificates",
          Map.of(
              "cert-manager",
              List.of("certificates.cert-manager.io", "clusterissuers.cert-manager.io")),
          "gitops",
          Map.of("argo-cd", List.of("applications.argoproj.io", "appprojects.argoproj.io")),
          "metrics",
          Map.of(
              "kube-prometheus-stack",
              List.of(
                  "servicemonitors.monitoring.coreos.com",
                  "prometheusrules.monitoring.coreos.com")),
          "policy",
          orderedMap(
              "gatekeeper",
              List.of("constrainttemplates.templates.gatekeeper.sh"),
              "kyverno",
              List.of("clusterpolicies.kyverno.io")));

  private static final Map<String, Function<ComponentsSpec, ComponentSpec>> SPECS =
      Map.of(
          "certificates", ComponentsSpec::getCertificates,
          "gitops", ComponentsSpec::getGitops,
          "metrics", ComponentsSpec::getMetrics,
          "policy", ComponentsSpec::getPolicy);

  /**
   * A configuration key the instance must have.
   *
   * @param configMap the ConfigMap, in the instance's namespace
   * @param key the key it must hold
   * @param why what breaks without it, and how to add it
   */
  public record Setting(String configMap, String key, String why) {}

  /**
   * A cluster-scoped object of the instance that must exist.
   *
   * @param apiVersion its group/version
   * @param kind its kind
   * @param name its name
   * @param why what names it, and how to provide it
   */
  public record ClusterObject(String apiVersion, String kind, String name, String why) {}

  private static Map<String, List<String>> orderedMap(
      String first, List<String> firstCrds, String second, List<String> secondCrds) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    map.put(first, firstCrds);
    map.put(second, secondCrds);
    return Collections.unmodifiableMap(map);
  }

  public ExistingComponent {
    crds = List.copyOf(crds);
    settings = List.copyOf(settings);
    objects = List.copyOf(objects);
  }

  /** The components {@code spec} adopts, in capability order. */
  public static List<ExistingComponent> of(PlatformSpec spec) {
    List<ExistingComponent> existing = new ArrayList<>();
    if (spec == null || spec.getComponents() == null) {
      return existing;
    }
    for (String capability : ADOPTABLE) {
      ComponentSpec component = SPECS.get(capability).apply(spec.getComponents());
      if (adopted(component)) {
        existing.add(of(capability, component));
      }
    }
    return existing;
  }

  /** True when {@code component} is on and says {@code mode: existing}. */
  public static boolean adopted(ComponentSpec component) {
    return component != null
        && !Boolean.FALSE.equals(component.getEnabled())
        && component.getMode() == ComponentSpec.Mode.EXISTING;
  }

  /** Where Bulwark's Argo CD objects go: the existing instance's namespace, or its own. */
  public static String argoCdNamespace(PlatformSpec spec) {
    ComponentSpec gitops = spec.getComponents() == null ? null : spec.getComponents().getGitops();
    return adopted(gitops) && gitops.getNamespace() != null
        ? gitops.getNamespace()
        : ARGOCD_NAMESPACE;
  }

  /**
   * The API groups of the CRDs any implementation of {@code capability} serves: the kinds Bulwark
   * writes for an existing instance rather than installs with it.
   */
  public static Set<String> apiGroups(String capability) {
    Set<String> groups = new TreeSet<>();
    CRDS.getOrDefault(capability, Map.of()).values().stream()
        .flatMap(List::stream)
        .forEach(crd -> groups.add(crd.substring(crd.indexOf('.') + 1)));
    return groups;
  }

  private static ExistingComponent of(String capability, ComponentSpec spec) {
    Map<String, List<String>> byImplementation = CRDS.get(capability);
    String implementation =
        spec.getImplementation() != null && byImplementation.containsKey(spec.getImplementation())
            ? spec.getImplementation()
            : byImplementation.keySet().iterator().next();
    boolean gitops = capability.equals("gitops");
    return new ExistingComponent(
        capability,
        implementation,
        gitops
            ? Optional.of(spec.getNamespace() == null ? ARGOCD_NAMESPACE : spec.getNamespace())
            : Optional.ofNullable(spec.getNamespace()),
        byImplementation.get(implementation),
        gitops ? List.of(APPLICATION_HEALTH_SETTING) : List.of(),
        capability.equals("certificates") ? existingIssuer(spec) : List.of());
  }

  /** The ClusterIssuer that {@code issuer: existing} names, which every certificate then uses. */
  private static List<ClusterObject> existingIssuer(ComponentSpec certificates) {
    return PlatformModel.existingIssuer(certificates).stream()
        .map(
            name ->
                new ClusterObject(
                    "cert-manager.io/v1",
                    "ClusterIssuer",
                    name,
                    "spec.components.certificates.settings.clusterIssuer names it for every"
                        + " certificate: create it, or name one that exists"))
        .toList();
  }
}
