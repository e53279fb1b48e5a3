package dev.bulwark.cli.gate;

import dev.bulwark.gate.Component;
import dev.bulwark.gate.Finding;
import dev.bulwark.gate.GateInputs;
import dev.bulwark.gate.SignatureFacts;
import dev.bulwark.gate.VexStatement;
import dev.bulwark.gate.read.InputException;
import dev.bulwark.gate.read.SarifReader;
import dev.bulwark.gate.read.SbomReader;
import dev.bulwark.gate.read.SignatureFactsReader;
import dev.bulwark.gate.read.VexReader;
import dev.bulwark.gate.read.VulnerabilityReports;
import dev.bulwark.gate.read.ZapReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The gate's input files, read all at once so that every problem is reported, not the first. */
record InputFiles(
    String digest,
    List<Path> sarif,
    Path sbom,
    Path vulns,
    List<Path> vex,
    Path dast,
    Path provenance) {

  /**
   * The inputs, or empty after adding every problem (file and what is wrong) to {@code problems}.
   */
  Optional<GateInputs> read(List<String> problems) {
    List<Finding> findings = new ArrayList<>();
    List<Component> components = new ArrayList<>();
    List<VexStatement> statements = new ArrayList<>();
    Optional<SignatureFacts> facts = Optional.empty();
    for (Path file : sarif) {
      attempt(problems, () -> findings.addAll(SarifReader.read(file)));
    }
    if (sbom != null) {
      attempt(problems, () -> components.addAll(SbomReader.read(sbom, digest)));
    }
    if (vulns != null) {
      attempt(problems, () -> findings.addAll(VulnerabilityReports.read(vulns, digest)));
    }
    for (Path file : vex) {
      attempt(problems, () -> statements.addAll(VexReader.read(file)));
    }
    if (dast != null) {
      attempt(problems, () -> findings.addAll(ZapReader.read(dast)));
    }
    if (provenance != null) {
      List<SignatureFacts> read = new ArrayList<>();
      attempt(problems, () -> read.add(SignatureFactsReader.read(provenance, digest)));
      facts = read.stream().findFirst();
    }
    if (!problems.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new GateInputs(
            digest,
            findings,
            components,
            sbom != null,
            vulns != null,
            dast != null,
            statements,
            facts));
  }

  private interface Read {
    void run() throws InputException;
  }

  private static void attempt(List<String> problems, Read read) {
    try {
      read.run();
    } catch (InputException e) {
      problems.add(e.getMessage());
    }
  }
}
