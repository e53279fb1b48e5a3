package dev.bulwark.gate.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.gate.VexStatement;
import dev.bulwark.gate.VexStatement.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * VEX documents: OpenVEX (any {@code @context} under openvex.dev) or CycloneDX VEX (a BOM with
 * {@code vulnerabilities[].analysis.state}). CycloneDX states map onto OpenVEX's statuses:
 * not_affected and false_positive → not_affected, resolved and resolved_with_pedigree → fixed,
 * exploitable → affected, in_triage → under_investigation.
 */
public final class VexReader {

  private VexReader() {}

  public static List<VexStatement> read(Path file) throws InputException {
    JsonNode doc = JsonFiles.read(file);
    if (doc.path("@context").asText().contains("openvex")) {
      return openVex(file, doc);
    }
    if (doc.path("bomFormat").asText().equals("CycloneDX")) {
      return cycloneDx(file, doc);
    }
    throw new InputException(
        file.toString(), "expected an OpenVEX document (@context) or a CycloneDX VEX (bomFormat)");
  }

  private static List<VexStatement> openVex(Path file, JsonNode doc) throws InputException {
    List<VexStatement> statements = new ArrayList<>();
    int i = 0;
    for (JsonNode s : doc.path("statements")) {
      String at = "statements[" + i++ + "]";
      JsonNode vuln = s.path("vulnerability");
      String id = vuln.isTextual() ? vuln.asText() : vuln.path("name").asText("");
      if (id.isEmpty()) {
        throw new InputException(file.toString(), at + ": missing vulnerability name");
      }
      String statusText = s.path("status").asText("");
      Status status = openVexStatus(file, at, statusText);
      String justification = s.path("justification").asText(s.path("impact_statement").asText(""));
      for (String component : components(s.path("products"))) {
        statements.add(new VexStatement(id, component, status, justification, file.toString()));
      }
    }
    return statements;
  }

  /** The components a statement names; {@code null} stands for the whole image. */
  private static List<String> components(JsonNode products) {
    List<String> components = new ArrayList<>();
    for (JsonNode product : products) {
      String id = product.isTextual() ? product.asText() : product.path("@id").asText("");
      boolean sub = false;
      for (JsonNode subcomponent : product.path("subcomponents")) {
        components.add(
            subcomponent.isTextual() ? subcomponent.asText() : subcomponent.path("@id").asText());
        sub = true;
      }
      if (!sub) {
        // A statement about the image itself (pkg:oci/...) covers every component in it.
        components.add(id.startsWith("pkg:oci/") || id.isEmpty() ? null : id);
      }
    }
    if (components.isEmpty()) {
      components.add(null);
    }
    return components;
  }

  private static Status openVexStatus(Path file, String at, String text) throws InputException {
    try {
      return Status.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InputException(
          file.toString(),
          at
              + ": unknown status `"
              + text
              + "`; expected not_affected, affected, fixed or under_investigation");
    }
  }

  private static List<VexStatement> cycloneDx(Path file, JsonNode doc) throws InputException {
    Map<String, String> purlsByRef = new HashMap<>();
    for (JsonNode c : doc.path("components")) {
      purlsByRef.put(c.path("bom-ref").asText(), c.path("purl").asText(null));
    }
    List<VexStatement> statements = new ArrayList<>();
    int i = 0;
    for (JsonNode v : doc.path("vulnerabilities")) {
      String at = "vulnerabilities[" + i++ + "]";
      String id = JsonFiles.required(v, "/id", file);
      String state = v.at("/analysis/state").asText("");
      if (state.isEmpty()) {
        continue; // no analysis: the vulnerability is listed, nothing is stated about it
      }
      Status status = cycloneDxState(file, at, state);
      String justification = v.at("/analysis/justification").asText("");
      for (JsonNode affects : v.path("affects")) {
        String ref = affects.path("ref").asText();
        String purl = ref.startsWith("pkg:") ? ref : purlsByRef.getOrDefault(ref, ref);
        statements.add(
            new VexStatement(
                id, purl == null ? ref : purl, status, justification, file.toString()));
      }
    }
    return statements;
  }

  private static Status cycloneDxState(Path file, String at, String state) throws InputException {
    return switch (state) {
      case "not_affected", "false_positive" -> Status.NOT_AFFECTED;
      case "resolved", "resolved_with_pedigree" -> Status.FIXED;
      case "exploitable" -> Status.AFFECTED;
      case "in_triage" -> Status.UNDER_INVESTIGATION;
      default ->
          throw new InputException(
              file.toString(),
              at
                  + ".analysis.state: unknown state `"
                  + state
                  + "`; expected not_affected, false_positive, resolved, resolved_with_pedigree, exploitable or in_triage");
    };
  }
}
