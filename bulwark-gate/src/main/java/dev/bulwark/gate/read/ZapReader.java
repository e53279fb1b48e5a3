package dev.bulwark.gate.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.gate.Finding;
import dev.bulwark.gate.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * ZAP's traditional JSON report. Each alert is one finding named by its plugin id (its alertRef is
 * an alias); riskcode 3 → high, 2 → medium, 1 → low, 0 → info (ZAP has no critical).
 */
public final class ZapReader {

  private ZapReader() {}

  public static List<Finding> read(Path file) throws InputException {
    JsonNode report = JsonFiles.read(file);
    if (!report.path("site").isArray()) {
      throw new InputException(
          file.toString(), "expected a ZAP traditional-json report with a site array");
    }
    List<Finding> findings = new ArrayList<>();
    int s = 0;
    for (JsonNode site : report.path("site")) {
      int a = 0;
      for (JsonNode alert : site.path("alerts")) {
        String at = "site[" + s + "].alerts[" + a++ + "]";
        String plugin = JsonFiles.required(alert, "/pluginid", file);
        String ref = alert.path("alertRef").asText("");
        findings.add(
            new Finding(
                Finding.Kind.DAST,
                plugin,
                ref.isEmpty() || ref.equals(plugin) ? Set.of() : Set.of(ref),
                risk(file, at, alert.path("riskcode").asText("")),
                null,
                site.path("@name").asText(""),
                file.toString(),
                alert.path("alert").asText(alert.path("name").asText(""))));
      }
      s++;
    }
    return findings;
  }

  private static Severity risk(Path file, String at, String code) throws InputException {
    return switch (code) {
      case "3" -> Severity.HIGH;
      case "2" -> Severity.MEDIUM;
      case "1" -> Severity.LOW;
      case "0" -> Severity.INFO;
      default ->
          throw new InputException(
              file.toString(), at + ": unknown riskcode `" + code + "`; expected 0, 1, 2 or 3");
    };
  }
}
