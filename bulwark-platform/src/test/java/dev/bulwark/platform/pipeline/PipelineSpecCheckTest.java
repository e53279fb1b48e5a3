package dev.bulwark.platform.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.BuildSpec;
import dev.bulwark.api.v1alpha1.ComponentSpec;
import dev.bulwark.api.v1alpha1.ComponentsSpec;
import dev.bulwark.spec.SpecCheck.Finding;
import org.junit.jupiter.api.Test;

/** What the loader says about builds it cannot run. */
class PipelineSpecCheckTest {

  private final PipelineSpecCheck check = new PipelineSpecCheck();

  @Test
  void theFullProfilesBuildIsFine() {
    BulwarkSpec spec = PipelineUnitTest.full();
    assertThat(check.check(spec)).isEmpty();
    assertThat(check.warnings(spec)).isEmpty();
  }

  @Test
  void aBuildWithoutARepositoryIsRejected() {
    BulwarkSpec spec = PipelineUnitTest.full();
    storefront(spec).getSpec().setSource(null);
    assertThat(check.check(spec))
        .extracting(Finding::name, Finding::fieldPath)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("storefront", "spec.build.repoURL"));
  }

  @Test
  void aTestCommandWithoutAnImageIsRejected() {
    BulwarkSpec spec = PipelineUnitTest.full();
    storefront(spec).getSpec().getBuild().setTestImage(null);
    assertThat(check.check(spec))
        .singleElement()
        .satisfies(f -> assertThat(f.fieldPath()).isEqualTo("spec.build.testImage"))
        .satisfies(f -> assertThat(f.message()).contains("spec.build.testImage"));
  }

  @Test
  void anEnvironmentCannotTakeTheCiNamespace() {
    BulwarkSpec spec = PipelineUnitTest.full();
    spec.tenant("shop").orElseThrow().getSpec().getEnvironments().get(0).setNamespace("shop-ci");
    assertThat(check.check(spec))
        .singleElement()
        .satisfies(f -> assertThat(f.kind()).isEqualTo("Tenant"))
        .satisfies(f -> assertThat(f.fieldPath()).isEqualTo("spec.environments[0].namespace"));
    // An external build has no CI namespace to collide with.
    storefront(spec).getSpec().getBuild().setCi(BuildSpec.Ci.EXTERNAL);
    assertThat(check.check(spec)).isEmpty();
  }

  @Test
  void aTektonBuildWithoutTektonLoadsWithAWarning() {
    BulwarkSpec spec = PipelineUnitTest.full();
    ComponentsSpec components = spec.platform().getSpec().getComponents();
    ComponentSpec off = new ComponentSpec();
    off.setEnabled(false);
    components.setCi(off);
    assertThat(check.check(spec)).isEmpty();
    assertThat(check.warnings(spec))
        .singleElement()
        .satisfies(f -> assertThat(f.fieldPath()).isEqualTo("spec.build.ci"));
  }

  private static Application storefront(BulwarkSpec spec) {
    return spec.applications().stream()
        .filter(a -> a.getMetadata().getName().equals("storefront"))
        .findFirst()
        .orElseThrow();
  }
}
