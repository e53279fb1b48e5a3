package dev.bulwark.gate.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.catalog.LicenseExpression;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

/**
 * SPDX licence expressions checked against the SPDX licence and exception list that CycloneDX's
 * schemas carry ({@code spdx.schema.json}): syntax by the catalogue's parser, every identifier
 * known to SPDX or a {@code LicenseRef-}/{@code DocumentRef-} reference.
 */
final class SpdxIds {

  private static final class Holder {
    static final Set<String> IDS = load();

    private static Set<String> load() {
      try (InputStream in = SpdxIds.class.getResourceAsStream("/spdx.schema.json")) {
        if (in == null) {
          throw new IllegalStateException("spdx.schema.json (cyclonedx-core-java) is missing");
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode id : JsonFiles.JSON.readTree(in).path("enum")) {
          ids.add(id.asText());
        }
        return Set.copyOf(ids);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private SpdxIds() {}

  /** The parsed expression; throws {@link IllegalArgumentException} saying what is wrong. */
  static LicenseExpression parse(String text) {
    LicenseExpression expression = LicenseExpression.parse(text);
    for (String id : expression.identifiers()) {
      if (!known(id)) {
        throw new IllegalArgumentException(
            "licence expression `" + text + "`: `" + id + "` is not an SPDX licence identifier");
      }
    }
    return expression;
  }

  static boolean known(String id) {
    String base = id.endsWith("+") ? id.substring(0, id.length() - 1) : id;
    return Holder.IDS.contains(base)
        || Holder.IDS.contains(id)
        || id.startsWith("LicenseRef-")
        || id.startsWith("DocumentRef-");
  }
}
