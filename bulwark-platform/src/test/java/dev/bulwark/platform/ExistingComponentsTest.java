package dev.bulwark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.existing.ExistingComponent;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The {@code existing} profile adopts Argo CD (in namespace {@code gitops}), cert-manager, the
 * Prometheus operator and Gatekeeper (ADR 0034): nothing installs them, Bulwark's Argo CD objects
 * go to the adopted instance's namespace in Bulwark's own projects, and what Bulwark asks of the
 * instances (issuers, ServiceMonitors, constraints) is still there. The full profile is the same
 * spec managed, the contrast that shows each assertion could fail.
 */
class ExistingComponentsTest {

  private static final String ARGO_NAMESPACE = "gitops";
  private static final Set<String> INSTALLS =
      Set.of("argo-cd", "cert-manager", "kube-prometheus-stack", "gatekeeper");

  private final DesiredState existing = Profiles.state("existing");
  private final DesiredState managed = Profiles.state("full");

  @Test
  void noApplicationInstallsAnAdoptedComponent() {
    assertThat(componentApplications(managed)).containsAll(INSTALLS);
    assertThat(componentApplications(existing))
        .doesNotContainAnyElementsOf(INSTALLS)
        .contains("external-secrets", "openbao", "harbor");
  }

  @Test
  void noNamespaceNorWorkloadOfAnAdoptedComponent() {
    Set<String> installNamespaces = Set.of("argocd", "cert-manager", "gatekeeper-system");
    assertThat(namespaces(managed)).containsAll(installNamespaces);
    assertThat(namespaces(existing))
        .doesNotContainAnyElementsOf(installNamespaces)
        .doesNotContain(ARGO_NAMESPACE);
    assertThat(objects(existing))
        .as("objects in the adopted instances' namespaces that are not their own kinds")
        .filteredOn(
            o ->
                o.getMetadata().getNamespace() != null
                    && installNamespaces.contains(o.getMetadata().getNamespace()))
        .isEmpty();
    assertThat(objects(existing))
        .as("the bootstrap installer and its cluster-admin binding")
        .filteredOn(o -> o.getMetadata().getName().equals("bulwark-bootstrap"))
        .isEmpty();
  }

  @Test
  void argoCdConfigurationIsNeverWritten() {
    assertThat(objects(existing))
        .filteredOn(o -> o.getMetadata().getName().startsWith("argocd-"))
        .filteredOn(o -> o.getKind().equals("ConfigMap") || o.getKind().equals("Secret"))
        .isEmpty();
  }

  @Test
  void bulwarksArgoCdObjectsGoToTheAdoptedNamespaceInItsOwnProjects() {
    List<HasMetadata> argo =
        objects(existing).stream()
            .filter(o -> o.getApiVersion().startsWith("argoproj.io/"))
            .toList();
    assertThat(argo).hasSizeGreaterThan(10);
    Set<String> projects = new TreeSet<>();
    argo.stream()
        .filter(o -> o.getKind().equals("AppProject"))
        .forEach(o -> projects.add(o.getMetadata().getName()));
    assertThat(projects).containsExactlyInAnyOrder("bulwark-platform", "shop", "analytics");
    for (HasMetadata object : argo) {
      assertThat(object.getMetadata().getNamespace())
          .as(object.getKind())
          .isEqualTo(ARGO_NAMESPACE);
      assertThat(object.getMetadata().getLabels())
          .as("%s %s", object.getKind(), object.getMetadata().getName())
          .containsEntry(BulwarkLabels.MANAGED_BY, BulwarkLabels.MANAGED_BY_VALUE);
      if (object.getKind().equals("Application")) {
        assertThat(spec(object).get("project"))
            .as("project of Application %s", object.getMetadata().getName())
            .isIn(projects);
      }
    }
  }

  @Test
  void theRootApplicationSyncsInBulwarksProjectFromBootstrap() {
    HasMetadata root =
        existing.objects().stream()
            .filter(o -> o.capability().equals("bootstrap"))
            .map(DesiredObject::object)
            .filter(o -> o.getMetadata().getName().equals("bulwark-root"))
            .findFirst()
            .orElseThrow();
    assertThat(spec(root).get("project")).isEqualTo("bulwark-platform");
    assertThat(
            existing.objects().stream()
                .filter(o -> o.capability().equals("bootstrap"))
                .map(o -> o.object().getKind())
                .toList())
        .containsExactlyInAnyOrder("AppProject", "Application");
  }

  @Test
  void whatBulwarkAsksOfTheAdoptedInstancesStays() {
    Set<String> kinds = new TreeSet<>();
    objects(existing).forEach(o -> kinds.add(o.getApiVersion() + " " + o.getKind()));
    assertThat(kinds)
        .contains(
            "cert-manager.io/v1 ClusterIssuer",
            "monitoring.coreos.com/v1 ServiceMonitor",
            "templates.gatekeeper.sh/v1 ConstraintTemplate");
  }

  @Test
  void theRequirementsNameTheAdoptedInstances() {
    List<ExistingComponent> adopted =
        ExistingComponent.of(Profiles.spec("existing").platform().getSpec());
    assertThat(adopted)
        .extracting(ExistingComponent::implementation)
        .containsExactly("cert-manager", "argo-cd", "kube-prometheus-stack", "gatekeeper");
    assertThat(adopted.get(1).namespace()).contains(ARGO_NAMESPACE);
    assertThat(adopted.get(1).settings())
        .extracting(ExistingComponent.Setting::key)
        .containsExactly(ExistingComponent.APPLICATION_HEALTH);
    assertThat(ExistingComponent.of(Profiles.spec("full").platform().getSpec())).isEmpty();
  }

  @Test
  void everyObjectConformsToItsSchema() {
    List<String> failures = new ArrayList<>();
    for (DesiredObject desired : Profiles.platformObjects(existing)) {
      if (SchemaConformanceTest.withoutSchema(desired)) {
        continue;
      }
      List<String> errors = new ArrayList<>(SchemaConformanceTest.errors(desired));
      errors.addAll(SchemaConformanceTest.errorsAsWritten(desired.object()));
      if (!errors.isEmpty()) {
        failures.add(desired.key() + ": " + String.join("; ", errors));
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void matchesGolden() throws IOException {
    GoldenTest.compare("existing", existing);
  }

  private static List<HasMetadata> objects(DesiredState state) {
    return Profiles.platformObjects(state).stream().map(DesiredObject::object).toList();
  }

  private static Set<String> componentApplications(DesiredState state) {
    Set<String> names = new TreeSet<>();
    objects(state).stream()
        .filter(o -> o.getKind().equals("Application"))
        .filter(
            o ->
                o.getMetadata().getAnnotations() != null
                    && o.getMetadata().getAnnotations().containsKey("bulwark.dev/version"))
        .forEach(o -> names.add(o.getMetadata().getName()));
    return names;
  }

  private static Set<String> namespaces(DesiredState state) {
    Set<String> names = new TreeSet<>();
    objects(state).stream()
        .filter(o -> o.getKind().equals("Namespace"))
        .forEach(o -> names.add(o.getMetadata().getName()));
    return names;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(HasMetadata object) {
    return (Map<String, Object>)
        ((GenericKubernetesResource) object).getAdditionalProperties().get("spec");
  }
}
