package dev.bulwark.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controlplane.SharedData;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.Renderer;
import dev.bulwark.spec.SpecLoader;
import dev.bulwark.testkit.schema.Schemas;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatekeeperStandInTest {

  @Test
  void everyRenderedConstraintHasAValidCrdDerivedFromItsTemplate() {
    var spec =
        SpecLoader.load(List.of(SharedData.repoDir().resolve("examples/acme").toString())).spec();
    List<DesiredObject> objects = Renderer.standard().render(spec).objects();
    List<CustomResourceDefinition> crds =
        objects.stream()
            .flatMap(o -> GatekeeperStandIn.constraintCrd(o.object()).stream())
            .toList();
    List<String> constraintKinds =
        objects.stream()
            .map(DesiredObject::object)
            .filter(o -> o.getApiVersion().startsWith(GatekeeperStandIn.CONSTRAINTS + "/"))
            .map(o -> o.getKind())
            .distinct()
            .sorted()
            .toList();
    assertThat(constraintKinds).isNotEmpty();
    assertThat(crds)
        .extracting(c -> c.getSpec().getNames().getKind())
        .containsExactlyInAnyOrderElementsOf(constraintKinds);
    for (CustomResourceDefinition crd : crds) {
      assertThat(crd.getMetadata().getName())
          .isEqualTo(
              crd.getSpec().getNames().getKind().toLowerCase(java.util.Locale.ROOT)
                  + ".constraints.gatekeeper.sh");
      assertThat(crd.getSpec().getScope()).isEqualTo("Cluster");
      assertThat(crd.getSpec().getVersions())
          .filteredOn(v -> v.getStorage())
          .extracting(v -> v.getName())
          .containsExactly("v1beta1");
      if (SharedData.dir().isPresent()) {
        assertThat(Schemas.validate(crd)).as(crd.getMetadata().getName()).isEmpty();
      }
    }
  }

  @Test
  void otherObjectsGetNoCrd() {
    var configMap = new GenericKubernetesResource();
    configMap.setApiVersion("v1");
    configMap.setKind("ConfigMap");
    assertThat(GatekeeperStandIn.constraintCrd(configMap)).isEmpty();
  }
}
