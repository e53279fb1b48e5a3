package dev.bulwark.platform.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Renderer;
import io.fabric8.certmanager.api.model.v1.Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The gateway's Certificate names every host the Gateway serves, whatever the issuer: by name for
 * ACME HTTP-01, by wildcards where the issuer allows them (a wildcard covers one label only, so an
 * environment's hosts such as {@code www.dev.acme.example.com} need their own).
 */
class GatewayCertificateTest {

  /** The air-gapped profile serves through ingress-nginx: each Ingress gets its own certificate. */
  static final List<String> PROFILES =
      PlatformReleases.PROFILES.stream().filter(p -> !p.equals("airgapped")).toList();

  @ParameterizedTest
  @FieldSource("PROFILES")
  void namesEveryServedHost(String profile) {
    assertCovers(PlatformReleases.state(profile));
  }

  @Test
  void wildcardsOfASelfSignedCaCoverEnvironmentHosts() {
    DesiredState state =
        Renderer.standard()
            .render(
                PlatformReleases.acmeSpec(
                    t ->
                        t.replace(
                            "        email: platform-team@acme.example.com\n",
                            "        email: platform-team@acme.example.com\n"
                                + "        issuer: selfsigned\n")));
    List<String> names = certificate(state).getSpec().getDnsNames();
    assertThat(names).contains("acme.example.com", "*.acme.example.com", "*.dev.acme.example.com");
    assertThat(names).doesNotHaveDuplicates();
    assertCovers(state);
  }

  private static void assertCovers(DesiredState state) {
    List<String> names = certificate(state).getSpec().getDnsNames();
    assertThat(GatewayHosts.served(state))
        .isNotEmpty()
        .allSatisfy(
            host ->
                assertThat(GatewayHosts.covered(host, names))
                    .as("%s is named by the gateway's certificate %s", host, names)
                    .isTrue());
  }

  private static Certificate certificate(DesiredState state) {
    return state.objects().stream()
        .map(o -> o.object())
        .filter(
            o -> o instanceof Certificate c && c.getMetadata().getName().equals("bulwark-gateway"))
        .map(Certificate.class::cast)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no gateway Certificate rendered"));
  }
}
