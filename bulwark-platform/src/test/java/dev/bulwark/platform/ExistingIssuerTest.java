package dev.bulwark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Renderer;
import dev.bulwark.render.existing.ExistingComponent;
import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code issuer: existing} on an adopted cert-manager: Bulwark renders no ClusterIssuer, every
 * certificate and issuer annotation names the existing one, and the live checks require it.
 */
class ExistingIssuerTest {

  private static final String ISSUER = "corp-ca";

  private final DesiredState adopted = Renderer.standard().render(withExistingIssuer());
  private final DesiredState own = Profiles.state("existing");

  @Test
  void noClusterIssuerIsRendered() {
    assertThat(kinds(own)).contains("ClusterIssuer");
    assertThat(kinds(adopted)).doesNotContain("ClusterIssuer");
  }

  @Test
  void everyReferenceNamesTheExistingIssuer() {
    List<Certificate> certificates =
        objects(adopted).stream()
            .filter(Certificate.class::isInstance)
            .map(Certificate.class::cast)
            .toList();
    assertThat(certificates).isNotEmpty();
    assertThat(certificates)
        .allSatisfy(c -> assertThat(c.getSpec().getIssuerRef().getName()).isEqualTo(ISSUER));
    // its challenge type is unknown, so no wildcard name an HTTP-01 issuer could not prove
    assertThat(certificates)
        .flatExtracting(c -> c.getSpec().getDnsNames())
        .noneMatch(name -> name.startsWith("*."));
    assertThat(objects(adopted))
        .map(o -> o.getMetadata().getAnnotations())
        .filteredOn(a -> a != null && a.containsKey("cert-manager.io/cluster-issuer"))
        .allSatisfy(a -> assertThat(a).containsEntry("cert-manager.io/cluster-issuer", ISSUER));
  }

  @Test
  void theLiveChecksRequireTheIssuer() {
    ExistingComponent certManager =
        ExistingComponent.of(withExistingIssuer().platform().getSpec()).get(0);
    assertThat(certManager.objects())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.kind()).isEqualTo("ClusterIssuer");
              assertThat(o.name()).isEqualTo(ISSUER);
            });
    assertThat(
            ExistingComponent.of(Profiles.spec("existing").platform().getSpec()).get(0).objects())
        .isEmpty();
  }

  private static BulwarkSpec withExistingIssuer() {
    BulwarkSpec spec = TestSpecs.profile("existing");
    var certificates = spec.platform().getSpec().getComponents().getCertificates();
    Map<String, String> settings =
        new HashMap<>(certificates.getSettings() == null ? Map.of() : certificates.getSettings());
    settings.put("issuer", "existing");
    settings.put("clusterIssuer", ISSUER);
    certificates.setSettings(settings);
    return spec;
  }

  private static List<HasMetadata> objects(DesiredState state) {
    return state.objects().stream().map(DesiredObject::object).toList();
  }

  private static List<String> kinds(DesiredState state) {
    return objects(state).stream().map(HasMetadata::getKind).toList();
  }
}
