package dev.bulwark.gate.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.catalog.LicenseExpression;
import dev.bulwark.gate.Component;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cyclonedx.Version;

/**
 * A CycloneDX 1.5 or 1.6 JSON SBOM of the image: valid against CycloneDX's schema, about the
 * image's digest ({@code metadata.component}'s version, purl or bom-ref), with every component's
 * licence as an SPDX expression. Several licences listed on one component all apply (AND); a
 * licence given by name only counts as {@code LicenseRef-<name>}, which no allow-list holds.
 */
public final class SbomReader {

  private SbomReader() {}

  public static List<Component> read(Path file, String digest) throws InputException {
    JsonNode bom = JsonFiles.read(file);
    if (!bom.path("bomFormat").asText().equals("CycloneDX")) {
      throw new InputException(file.toString(), "expected a CycloneDX SBOM (bomFormat CycloneDX)");
    }
    String specVersion = bom.path("specVersion").asText();
    Version version =
        switch (specVersion) {
          case "1.5" -> Version.VERSION_15;
          case "1.6" -> Version.VERSION_16;
          default ->
              throw new InputException(
                  file.toString(),
                  "CycloneDX specVersion `" + specVersion + "`; expected 1.5 or 1.6");
        };
    validate(file, bom, version);
    Set<String> digests = new LinkedHashSet<>();
    for (String field : List.of("version", "purl", "bom-ref")) {
      String d = Digests.of(JsonFiles.text(bom, "/metadata/component/" + field));
      if (!d.isEmpty()) {
        digests.add(d);
      }
    }
    Digests.check(file, "the SBOM", digests, digest);
    List<Component> components = new ArrayList<>();
    collect(file, bom.path("components"), "components", components);
    return components;
  }

  private static void validate(Path file, JsonNode bom, Version version) throws InputException {
    var errors = CycloneDxSchemas.of(version).validate(bom);
    if (!errors.isEmpty()) {
      throw new InputException(
          file.toString(),
          "not valid CycloneDX "
              + version.getVersionString()
              + ": "
              + String.join("; ", errors.stream().limit(5).map(Object::toString).toList()));
    }
  }

  private static void collect(Path file, JsonNode list, String at, List<Component> out)
      throws InputException {
    int i = 0;
    for (JsonNode c : list) {
      String path = at + "[" + i++ + "]";
      String purl = c.path("purl").asText("");
      String name =
          purl.isEmpty() ? c.path("name").asText() + "@" + c.path("version").asText("") : purl;
      out.add(new Component(name, licence(file, path, c.path("licenses"))));
      collect(file, c.path("components"), path + ".components", out);
    }
  }

  private static Optional<LicenseExpression> licence(Path file, String at, JsonNode licenses)
      throws InputException {
    List<String> parts = new ArrayList<>();
    for (JsonNode entry : licenses) {
      if (entry.has("expression")) {
        parts.add(entry.path("expression").asText());
      } else if (entry.at("/license/id").isTextual()) {
        parts.add(entry.at("/license/id").asText());
      } else if (entry.at("/license/name").isTextual()) {
        parts.add(
            "LicenseRef-" + entry.at("/license/name").asText().replaceAll("[^A-Za-z0-9.-]", "-"));
      }
    }
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    String text =
        parts.size() == 1
            ? parts.get(0)
            : String.join(" AND ", parts.stream().map(p -> "(" + p + ")").toList());
    try {
      return Optional.of(SpdxIds.parse(text));
    } catch (IllegalArgumentException e) {
      throw new InputException(file.toString(), at + ".licenses: " + e.getMessage());
    }
  }
}
