package dev.bulwark.platform.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec.HostSpec;
import dev.bulwark.platform.TestSpecs;
import dev.bulwark.policy.export.PolicyRenderUnit;
import dev.bulwark.render.RenderContext;
import dev.bulwark.render.Renderer;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The route-hosts admission policy carries the hosts claimed outside the tenants' domains in one
 * CEL literal: hosts under a tenant's domain stay out of it, however many; too many claims
 * elsewhere are a spec error at the application claiming the most, not a policy the API server
 * refuses (as it did at 3,000 hosts, 106,213 code points).
 */
class ClaimedHostsCheckTest {

  private final ClaimedHostsCheck check = new ClaimedHostsCheck();

  @Test
  void hostsUnderTheTenantsDomainStayOutOfThePolicyHoweverMany() {
    BulwarkSpec spec = TestSpecs.profile("full");
    Application app = spec.applications().get(0);
    String tenantDomain = app.getSpec().getTenant() + "." + domain(spec);
    for (int i = 0; i < 4_000; i++) {
      app.getSpec().getHosts().add(host("service-" + i + "." + tenantDomain));
    }

    assertThat(check.check(spec)).isEmpty();
    @SuppressWarnings("unchecked")
    Map<String, Object> claimed =
        (Map<String, Object>) PolicyRenderUnit.params(RenderContext.of(spec)).get("tenantHosts");
    assertThat(claimed.values().toString()).doesNotContain(tenantDomain);
    String literal = routeHostsParams(spec);
    assertThat(literal.length()).isLessThan(ClaimedHostsCheck.CEL_EXPRESSION_LIMIT / 10);
  }

  @Test
  void aSpecFarFromTheLimitIsCheckedWithoutReadingThePolicyLibrary() {
    ClaimedHostsCheck withoutLibrary =
        new ClaimedHostsCheck(
            () -> {
              throw new AssertionError("the library was read: validate would pay for loading it");
            });
    assertThat(withoutLibrary.check(TestSpecs.profile("full"))).isEmpty();
  }

  @Test
  void tooManyHostsClaimedElsewhereAreASpecErrorAtTheApplicationClaimingMost() {
    BulwarkSpec spec = TestSpecs.profile("full");
    Application app = spec.applications().get(1);
    for (int i = 0; i < 3_000; i++) {
      app.getSpec().getHosts().add(host("shop-" + i + ".vanity-storefront.example.org"));
    }

    assertThat(check.check(spec))
        .singleElement()
        .satisfies(f -> assertThat(f.kind()).isEqualTo("Application"))
        .satisfies(f -> assertThat(f.name()).isEqualTo(app.getMetadata().getName()))
        .satisfies(f -> assertThat(f.fieldPath()).isEqualTo("spec.hosts"))
        .satisfies(
            f ->
                assertThat(f.message())
                    .contains(
                        "outside their tenants' domains",
                        "platform-route-hosts",
                        "at most 100000",
                        "serve hosts under the tenant's domain"));
    assertThat(routeHostsParams(spec).length())
        .isGreaterThan(ClaimedHostsCheck.CEL_EXPRESSION_LIMIT);
  }

  private static HostSpec host(String name) {
    HostSpec host = new HostSpec();
    host.setHost(name);
    host.setEnvironment("dev");
    return host;
  }

  private static String domain(BulwarkSpec spec) {
    return RenderContext.of(spec).platform().domain();
  }

  /** The parameters' literal in the route-hosts policy as rendered for the API server. */
  private static String routeHostsParams(BulwarkSpec spec) {
    return Renderer.standard().render(spec).objects().stream()
        .map(o -> o.object())
        .filter(o -> o instanceof ValidatingAdmissionPolicy)
        .map(o -> (ValidatingAdmissionPolicy) o)
        .filter(p -> p.getMetadata().getName().equals("bulwark-platform-route-hosts"))
        .findFirst()
        .orElseThrow()
        .getSpec()
        .getVariables()
        .stream()
        .filter(v -> v.getName().equals("params"))
        .findFirst()
        .orElseThrow()
        .getExpression();
  }
}
