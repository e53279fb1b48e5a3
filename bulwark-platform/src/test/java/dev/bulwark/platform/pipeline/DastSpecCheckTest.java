package dev.bulwark.platform.pipeline;

import static dev.bulwark.platform.pipeline.DastScanTaskTest.storefront;
import static dev.bulwark.platform.pipeline.PipelineUnitTest.full;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.BuildSpec;
import dev.bulwark.api.v1alpha1.SecuritySpec;
import dev.bulwark.spec.SpecCheck.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DAST requirements the platform could not act on are spec errors at the field to change. */
class DastSpecCheckTest {

  private final DastSpecCheck check = new DastSpecCheck();

  private static SecuritySpec security(BulwarkSpec spec) {
    return storefront(spec).getSpec().getSecurity();
  }

  @Test
  void theFullProfilesScanOfDevBeforeProdIsFine() {
    assertThat(check.check(full())).isEmpty();
  }

  @Test
  void theFirstEnvironmentCannotRequireAScanNothingRunsYetToScan() {
    BulwarkSpec spec = full();
    SecuritySpec.EnvironmentSpec dev = new SecuritySpec.EnvironmentSpec();
    dev.setName("dev");
    dev.setRequireDast(true);
    security(spec).setEnvironments(List.of(dev, security(spec).getEnvironments().get(0)));
    assertThat(check.check(spec))
        .singleElement()
        .satisfies(
            f -> assertThat(f.fieldPath()).isEqualTo("spec.security.environments[0].requireDast"))
        .satisfies(f -> assertThat(f.message()).startsWith("`dev` is the application's first"));
  }

  @Test
  void anApplicationBuiltElsewhereCannotWaitForAScanThePlatformNeverStarts() {
    BulwarkSpec spec = full();
    storefront(spec).getSpec().getBuild().setCi(BuildSpec.Ci.EXTERNAL);
    assertThat(check.check(spec))
        .singleElement()
        .satisfies(f -> assertThat(f.fieldPath()).isEqualTo("spec.security.requireDast"))
        .satisfies(
            f ->
                assertThat(f.message()).contains("before prod", "spec.build.ci: tekton", "--dast"));
  }

  @Test
  void aScanNeedsAUrlAHostOfTheScannedEnvironmentOrTheTarget() {
    BulwarkSpec spec = full();
    storefront(spec).getSpec().getHosts().removeIf(h -> h.getEnvironment().equals("dev"));
    assertThat(check.check(spec))
        .extracting(Finding::fieldPath, Finding::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "spec.security.dastTarget",
                "a DAST scan of `dev` needs its URL: route a host to it (spec.hosts) or set"
                    + " spec.security.dastTarget"));

    security(spec).setDastTarget("http://storefront.shop-dev.svc:8080/");
    assertThat(check.check(spec)).isEmpty();
  }

  @Test
  void theTargetMustBeAnHttpUrlAndCanServeOneScannedEnvironmentOnly() {
    BulwarkSpec spec = full();
    security(spec).setDastTarget("shop-dev.full.example.com");
    assertThat(check.check(spec))
        .singleElement()
        .satisfies(f -> assertThat(f.fieldPath()).isEqualTo("spec.security.dastTarget"))
        .satisfies(
            f ->
                assertThat(f.message())
                    .isEqualTo(
                        "expected an absolute http:// or https:// URL with a host, found"
                            + " `shop-dev.full.example.com`"));

    BulwarkSpec three = full();
    three.tenant("shop").orElseThrow().getSpec().getEnvironments().add(1, environment("stage"));
    security(three).setRequireDast(true);
    security(three).setDastTarget("https://shop-dev.full.example.com/");
    assertThat(check.check(three))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.message())
                    .startsWith("names one URL, but scans run in dev and stage"));
  }

  private static dev.bulwark.api.v1alpha1.TenantSpec.EnvironmentSpec environment(String name) {
    var env = new dev.bulwark.api.v1alpha1.TenantSpec.EnvironmentSpec();
    env.setName(name);
    return env;
  }
}
