package dev.bulwark.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecError;
import dev.bulwark.spec.SpecLoader;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policy read from a loaded spec, and the loader's checks of spec.security. */
class SpecPolicyTest {

  static final String PLATFORM =
      """
      apiVersion: bulwark.dev/v1alpha1
      kind: Platform
      metadata:
        name: acme
      spec:
        domain: acme.example.com
        licenses:
          allow: [Apache-2.0, MIT, BSD-3-Clause]
      ---
      apiVersion: bulwark.dev/v1alpha1
      kind: Tenant
      metadata:
        name: payments
      spec:
        environments:
          - name: dev
          - name: prod
            namespace: payments-live
      """;

  static String app(String security) {
    return """
        apiVersion: bulwark.dev/v1alpha1
        kind: Application
        metadata:
          name: api
        spec:
          tenant: payments
          image: harbor.example.com/payments/api:1.0.0
          environments:
            - name: dev
            - name: prod
          security:
        %s"""
        .formatted(security.indent(4));
  }

  static final String SECURITY =
      """
      failOn: high
      requireSignature: false
      waivers:
        - id: CVE-2026-4242
          reason: only reachable through the admin port, closed in prod
          owner: team-payments
          expires: "2999-01-31"
          component: pkg:maven/org.example/lib
      environments:
        - name: prod
          failOn: medium
          requireSignature: true
          requireDast: true
      """;

  static LoadResult load(String security) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("platform.yaml", PLATFORM);
    files.put("api.yaml", app(security));
    return SpecLoader.loadStrings(files);
  }

  @Test
  void anApplicationWideDastRequirementSparesTheFirstEnvironmentWhereAReleaseStarts() {
    LoadResult loaded = load("requireDast: true\n");
    assertThat(loaded.errors()).isEmpty();
    LocalDate today = LocalDate.of(2026, 12, 3);

    // nothing ran in dev yet when the release pipeline's gate decides, so nothing could be scanned
    assertThat(SpecPolicy.of(loaded.spec(), "api", "dev", today).requireDast()).isFalse();
    assertThat(SpecPolicy.of(loaded.spec(), "api", "prod", today).requireDast()).isTrue();
  }

  @Test
  void theEnvironmentsOverrideTheApplicationsSettings() {
    LoadResult loaded = load(SECURITY);
    assertThat(loaded.errors()).isEmpty();
    LocalDate today = LocalDate.of(2026, 12, 3);

    GatePolicy dev = SpecPolicy.of(loaded.spec(), "api", "dev", today);
    assertThat(dev.failOn()).isEqualTo(Severity.HIGH);
    assertThat(dev.requireSignature()).isFalse();
    assertThat(dev.requireDast()).isFalse();
    assertThat(dev.allowedLicences())
        .containsExactlyInAnyOrder("Apache-2.0", "MIT", "BSD-3-Clause");
    assertThat(dev.waivers())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.expires()).isEqualTo(LocalDate.of(2999, 1, 31));
              assertThat(w.component()).isEqualTo("pkg:maven/org.example/lib");
            });

    GatePolicy prod = SpecPolicy.of(loaded.spec(), "payments/api", "prod", today);
    assertThat(prod.failOn()).isEqualTo(Severity.MEDIUM);
    assertThat(prod.requireSignature()).isTrue();
    assertThat(prod.requireDast()).isTrue();
    assertThat(SpecPolicy.namespace(loaded.spec(), prod)).isEqualTo("payments-live");
  }

  @Test
  void anUnknownApplicationOrEnvironmentIsAnError() {
    LoadResult loaded = load(SECURITY);
    LocalDate today = LocalDate.of(2026, 12, 3);
    assertThatThrownBy(() -> SpecPolicy.of(loaded.spec(), "web", "dev", today))
        .hasMessage("no application `web` in the spec; expected one of payments/api");
    assertThatThrownBy(() -> SpecPolicy.of(loaded.spec(), "api", "stage", today))
        .hasMessage(
            "application payments/api has no environment `stage`; expected one of dev, prod");
  }

  @Test
  void aWaiverWithoutExpiryOrWithAnUnknownSeverityIsASpecError() {
    List<String> errors =
        load(
                """
                failOn: severe
                waivers:
                  - id: CVE-2026-1
                    reason: none yet
                    owner: team-payments
                """)
            .errors()
            .stream()
            .map(SpecError::toString)
            .toList();

    assertThat(errors).hasSize(2);
    assertThat(errors.get(0))
        .startsWith("api.yaml:12:")
        .contains("spec.security.failOn")
        .contains("severe");
    assertThat(errors.get(1))
        .startsWith("api.yaml:14:")
        .contains("spec.security.waivers[0]")
        .contains("expires");
  }

  @Test
  void anExpiredWaiverIsASpecErrorAtItsExpiryLine() {
    String expired = SECURITY.replace("2999-01-31", "2026-12-02");

    LoadResult loaded = load(expired);
    assertThat(loaded.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.source()).isEqualTo("api.yaml");
              assertThat(e.line()).isEqualTo(18);
              assertThat(e.fieldPath()).isEqualTo("spec.security.waivers[0].expires");
              assertThat(e.message()).contains("CVE-2026-4242 expired on 2026-12-02");
            });
  }

  @Test
  void aWaiverIsValidUpToItsLastDay() {
    LoadResult loaded = load(SECURITY);
    var check =
        new WaiverCheck(
            Clock.fixed(
                LocalDate.of(2999, 1, 31).atStartOfDay().toInstant(ZoneOffset.UTC),
                ZoneOffset.UTC));
    assertThat(check.check(loaded.spec())).isEmpty();
    var dayAfter =
        new WaiverCheck(
            Clock.fixed(
                LocalDate.of(2999, 2, 1).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
    assertThat(dayAfter.check(loaded.spec()))
        .extracting(f -> f.fieldPath())
        .containsExactly("spec.security.waivers[0].expires");
  }

  @Test
  void anOverrideForAnEnvironmentTheApplicationDoesNotRunInIsASpecError() {
    LoadResult loaded =
        load(SECURITY.replace("- name: prod\n    failOn", "- name: stage\n    failOn"));
    assertThat(loaded.errors())
        .singleElement()
        .satisfies(
            e -> assertThat(e.toString()).contains("spec.security.environments[0].name", "stage"));
  }
}
