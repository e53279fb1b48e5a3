package dev.bulwark.gate.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.testkit.Needed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The PolicyReport CRD as Kyverno's chart ships it (the wg-policy group's published CRD), read from
 * the shared charts folder; its Helm template lines ({@code {{ ... }}}) are dropped, they only add
 * labels and annotations.
 */
final class KyvernoPolicyReportCrd {

  static final String PATH =
      "charts/kyverno/3.9.0/charts/crds/templates/wgpolicyk8s.io/wgpolicyk8s.io_policyreports.yaml";

  private KyvernoPolicyReportCrd() {}

  static JsonNode load() throws IOException {
    Optional<Path> file = SharedData.resolve(PATH);
    Needed.require(
        file.isPresent() && Files.isRegularFile(file.get()),
        "the shared folder with Kyverno's chart (" + PATH + "); set -Dbulwark.shared.dir");
    String yaml =
        Files.readAllLines(file.get()).stream()
            .filter(line -> !line.strip().startsWith("{{"))
            .collect(Collectors.joining("\n"));
    return new YAMLMapper().readTree(yaml);
  }
}
