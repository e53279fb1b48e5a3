package dev.bulwark.scorecard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.ObjectKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The judges on hand-built live observations: each way a line can turn. */
class JudgeTest {

  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
  private static final Observation.SpecFacts SPEC =
      new Observation.SpecFacts("1.37", "default", List.of());

  private static DesiredObject object(
      String capability, String tenant, String apiVersion, String kind, String ns, String name) {
    return new DesiredObject(
        capability,
        tenant,
        null,
        new GenericKubernetesResourceBuilder()
            .withApiVersion(apiVersion)
            .withKind(kind)
            .withNewMetadata()
            .withNamespace(ns)
            .withName(name)
            .endMetadata()
            .build());
  }

  private static final DesiredObject DENY_WEB =
      object("tenancy", "web", "networking.k8s.io/v1", "NetworkPolicy", "web-dev", "default-deny");
  private static final DesiredObject DENY_DATA =
      object("tenancy", "data", "networking.k8s.io/v1", "NetworkPolicy", "data-prod", "deny");
  private static final DesiredObject ISSUER =
      object("certificates", "platform", "cert-manager.io/v1", "ClusterIssuer", null, "bulwark");
  private static final DesiredObject CERT =
      object("gateway", "platform", "cert-manager.io/v1", "Certificate", "gw", "bulwark-gateway");

  private static Observation live(
      String tenant,
      Map<ObjectKey, Observation.Seen> seen,
      List<Observation.PolicyResult> results) {
    return new Observation(
        Observation.Source.LIVE,
        tenant,
        List.of(DENY_WEB, DENY_DATA, ISSUER, CERT),
        seen,
        results,
        SPEC,
        NOW);
  }

  private static Observation.Seen seen(DesiredObject o, String ready, Map<String, String> facts) {
    return new Observation.Seen(o.key(), ready, "Because", facts);
  }

  private static Map<ObjectKey, Observation.Seen> allPresent(String notAfter) {
    Map<ObjectKey, Observation.Seen> seen = new HashMap<>();
    for (DesiredObject o : List.of(DENY_WEB, DENY_DATA, ISSUER)) {
      seen.put(o.key(), seen(o, "", Map.of()));
    }
    seen.put(CERT.key(), seen(CERT, "True", Map.of("notAfter", notAfter)));
    return seen;
  }

  @Test
  void everyCarrierPresentAndACertificateFarFromExpiryIsMet() {
    Scorecard card = Essentials.judge(live("", allPresent("2027-03-01T00:00:00Z"), List.of()));

    assertThat(OfflineScorecardTest.line(card, "network-policies").status()).isEqualTo(Status.MET);
    Line tls = OfflineScorecardTest.line(card, "tls");
    assertThat(tls.status()).isEqualTo(Status.MET);
    assertThat(tls.evidence())
        .contains(
            Evidence.ok("Certificate gw/bulwark-gateway", "valid until 2027-03-01T00:00:00Z"));
  }

  @Test
  void anAbsentCarrierIsFailingAndNamedOnlyInItsTenantsScorecard() {
    Map<ObjectKey, Observation.Seen> seen = allPresent("2027-03-01T00:00:00Z");
    seen.remove(DENY_WEB.key());

    Line whole =
        OfflineScorecardTest.line(Essentials.judge(live("", seen, List.of())), "network-policies");
    assertThat(whole.status()).isEqualTo(Status.FAILING);
    assertThat(whole.evidence().get(0))
        .isEqualTo(Evidence.notOk("NetworkPolicy web-dev/default-deny", "absent from the cluster"));
    assertThat(whole.nextStep()).contains("web-dev/default-deny");

    Line data =
        OfflineScorecardTest.line(
            Essentials.judge(live("data", seen, List.of())), "network-policies");
    assertThat(data.status()).isEqualTo(Status.MET);
  }

  @Test
  void aNotReadyCarrierIsFailingWithItsReason() {
    Map<ObjectKey, Observation.Seen> seen = allPresent("2027-03-01T00:00:00Z");
    seen.put(
        ISSUER.key(),
        new Observation.Seen(ISSUER.key(), "False", "ErrRegisterACMEAccount", Map.of()));

    Line tls = OfflineScorecardTest.line(Essentials.judge(live("", seen, List.of())), "tls");
    assertThat(tls.status()).isEqualTo(Status.FAILING);
    assertThat(tls.evidence().get(0).fact()).isEqualTo("Ready=False: ErrRegisterACMEAccount");
  }

  @Test
  void aCertificateNearExpiryOrNotIssuedMakesTlsPartial() {
    Line soon =
        OfflineScorecardTest.line(
            Essentials.judge(live("", allPresent("2026-12-10T12:00:00Z"), List.of())), "tls");
    assertThat(soon.status()).isEqualTo(Status.PARTIAL);
    assertThat(soon.evidence().get(0).fact()).startsWith("expires in 7 days");

    Map<ObjectKey, Observation.Seen> unissued = allPresent("x");
    unissued.put(CERT.key(), seen(CERT, "False", Map.of()));
    assertThat(
            OfflineScorecardTest.line(Essentials.judge(live("", unissued, List.of())), "tls")
                .status())
        .isEqualTo(Status.FAILING);
  }

  @Test
  void gateEvidenceDecidesSastAndScanning() {
    List<Observation.PolicyResult> results =
        List.of(
            new Observation.PolicyResult(
                "web-dev/gate-cms-dev-abc", "web", "bulwark-gate", "code", "pass", "low", "ok"),
            new Observation.PolicyResult(
                "web-dev/gate-cms-dev-abc",
                "web",
                "bulwark-gate",
                "dast",
                "fail",
                "high",
                "XSS in /search"));
    Scorecard card = Essentials.judge(live("", allPresent("2027-03-01T00:00:00Z"), results));

    assertThat(OfflineScorecardTest.line(card, "sast").status()).isEqualTo(Status.MET);
    Line dast = OfflineScorecardTest.line(card, "dast");
    assertThat(dast.status()).isEqualTo(Status.FAILING);
    assertThat(dast.evidence().get(0))
        .isEqualTo(
            Evidence.notOk("PolicyReport web-dev/gate-cms-dev-abc", "fail (high): XSS in /search"));
    // the data tenant has no gate decision
    Scorecard data = Essentials.judge(live("data", allPresent("2027-03-01T00:00:00Z"), results));
    assertThat(OfflineScorecardTest.line(data, "dast").status()).isEqualTo(Status.MISSING);
  }

  @Test
  void scoresAreTheMeanOfPointsPerCategory() {
    Essential a = new Essential("a", Category.SECURITY, "A");
    Essential b = new Essential("b", Category.SECURITY, "B");
    Essential c = new Essential("c", Category.OBSERVABILITY, "C");
    Scorecard card =
        new Scorecard(
            Observation.Source.LIVE,
            "",
            List.of(
                new Line(a, Status.MET, List.of(), ""),
                new Line(b, Status.PARTIAL, List.of(), "x"),
                new Line(c, Status.FAILING, List.of(), "y")));

    assertThat(card.scoreByCategory())
        .containsEntry(Category.SECURITY, 75)
        .containsEntry(Category.OBSERVABILITY, 0)
        .doesNotContainKey(Category.INFRASTRUCTURE);
    assertThat(card.overall()).isEqualTo(50);
  }
}
