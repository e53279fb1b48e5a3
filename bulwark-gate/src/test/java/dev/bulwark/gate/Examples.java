package dev.bulwark.gate;

import dev.bulwark.catalog.LicenseExpression;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/** Small model values for the decision tests, and seeded random ones for the property tests. */
final class Examples {

  static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);
  static final LocalDate TODAY = LocalDate.of(2026, 12, 3);

  private Examples() {}

  static Finding vuln(String id, Severity severity, String purl) {
    return new Finding(
        Finding.Kind.VULNERABILITY, id, Set.of(), severity, purl, "", "grype.json", "");
  }

  static Finding code(String rule, Severity severity) {
    return new Finding(
        Finding.Kind.CODE, rule, Set.of(), severity, null, "src/App.java:12", "sast.sarif", "");
  }

  static Finding secret(String rule) {
    return new Finding(
        Finding.Kind.SECRET, rule, Set.of(), Severity.LOW, null, ".env:1", "gitleaks.sarif", "");
  }

  static Component component(String purl, String licence) {
    return new Component(purl, Optional.ofNullable(licence).map(LicenseExpression::parse));
  }

  static GateInputs inputs(List<Finding> findings, List<Component> components) {
    return new GateInputs(
        DIGEST, findings, components, true, true, false, List.of(), Optional.empty());
  }

  static GatePolicy policy(Severity failOn, Waiver... waivers) {
    return new GatePolicy(
        "payments/api",
        "prod",
        failOn,
        false,
        false,
        Set.of("Apache-2.0", "MIT"),
        List.of(waivers),
        TODAY);
  }

  static Waiver waiver(String id, String purl, LocalDate expires) {
    return new Waiver(id, "no fix upstream yet", "team-payments", expires, purl);
  }

  /** A random finding from a small id space, so that waivers and findings meet often. */
  static Finding randomFinding(Random random) {
    Severity severity = Severity.values()[random.nextInt(Severity.values().length)];
    String id = "CVE-2026-" + (1000 + random.nextInt(20));
    return switch (random.nextInt(4)) {
      case 0 -> code("rule-" + random.nextInt(5), severity);
      case 1 -> secret("generic-api-key-" + random.nextInt(3));
      default ->
          vuln(
              id,
              severity,
              "pkg:maven/org.example/lib" + random.nextInt(4) + "@1." + random.nextInt(3));
    };
  }

  static Component randomComponent(Random random) {
    String[] licences = {"Apache-2.0", "MIT", "GPL-3.0-only", "MIT OR GPL-3.0-only", null};
    return component(
        "pkg:npm/pkg" + random.nextInt(50) + "@1.0." + random.nextInt(3),
        licences[random.nextInt(licences.length)]);
  }

  static GateInputs randomInputs(Random random) {
    List<Finding> findings = new ArrayList<>();
    for (int i = random.nextInt(8); i > 0; i--) {
      findings.add(randomFinding(random));
    }
    List<Component> components = new ArrayList<>();
    for (int i = random.nextInt(6); i > 0; i--) {
      components.add(randomComponent(random));
    }
    return inputs(findings, components);
  }

  static Waiver randomWaiver(Random random) {
    String purl = random.nextBoolean() ? null : "pkg:maven/org.example/lib" + random.nextInt(4);
    return waiver(
        random.nextInt(4) == 0 ? "GPL-3.0-only" : "CVE-2026-" + (1000 + random.nextInt(20)),
        purl,
        TODAY.plusDays(random.nextInt(61) - 30));
  }
}
