package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controlplane.SharedData;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Renderer;
import dev.bulwark.render.UpstreamKustomization;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import dev.bulwark.spec.schema.SchemaError;
import dev.bulwark.testkit.Needed;
import dev.bulwark.testkit.schema.Schemas;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A rendered object that the API server would reject is not a feature. Every object of the acme
 * plan, from every capability, is validated against Kubernetes' own OpenAPI schema or the upstream
 * CRD it belongs to (../shared), and against the fabric8 typed model by construction.
 */
class SchemaConformanceTest {

  @Test
  void everyObjectOfTheAcmePlanIsValidAgainstTheRealSchemas() {
    Needed.require(
        SharedData.dir().isPresent(), "../shared is absent: the schema conformance checks need it");
    LoadResult loaded = SpecLoader.load(List.of(PlanGoldenTest.EXAMPLE.toString()));
    assertThat(loaded.errors()).isEmpty();
    DesiredState state = Renderer.standard().render(loaded.spec());
    List<String> problems = new ArrayList<>();
    for (DesiredObject object : state.objects()) {
      if (UpstreamKustomization.is(object.object())) {
        continue; // a kustomization file of the GitOps tree (upstream/<component>/), not an API
        // object
      }
      if (object.key().group().equals("constraints.gatekeeper.sh")) {
        continue; // its CRD is made by Gatekeeper from its template; bulwark-platform's
        // AdmissionWiringTest checks it there
      }
      for (SchemaError error : Schemas.validate(object.object())) {
        problems.add(object.capability() + " " + object.key() + ": " + error);
      }
    }
    assertThat(problems).as("schema violations").isEmpty();
    assertThat(state.objects())
        .extracting(o -> o.key().kind())
        .contains(
            "Namespace",
            "NetworkPolicy",
            "HTTPRoute",
            "ServiceAccount",
            "Deployment",
            "PodDisruptionBudget",
            "HorizontalPodAutoscaler");
  }
}
