package dev.bulwark.cli.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bulwark.catalog.Component;
import dev.bulwark.catalog.LicenseCategory;
import dev.bulwark.catalog.UpgradeNote;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of catalogue data, with stable key order so output diffs cleanly. */
final class CatalogueJson {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CatalogueJson() {}

  static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Object> component(Component c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("name", c.name());
    m.put("capability", c.capability().id());
    m.put("choice", c.choice().id());
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("type", c.source().type().name().toLowerCase(java.util.Locale.ROOT));
    source.put("repository", c.source().repository());
    if (c.source().chart() != null) {
      source.put("chart", c.source().chart());
    }
    if (c.source().path() != null) {
      source.put("path", c.source().path());
    }
    source.put("version", c.source().version());
    m.put("source", source);
    m.put("appVersion", c.appVersion().text());
    m.put("namespace", c.namespace());
    m.put("license", c.license().toString());
    m.put(
        "licenseCategories",
        c.license().identifiers().stream()
            .map(id -> LicenseCategory.of(id).label())
            .distinct()
            .toList());
    c.licenseAlternative().ifPresent(a -> m.put("licenseAlternative", a));
    Map<String, Object> kubernetes = new LinkedHashMap<>();
    kubernetes.put("min", c.kubernetes().min().toString());
    c.kubernetes().max().ifPresent(max -> kubernetes.put("max", max.toString()));
    m.put("kubernetes", kubernetes);
    m.put("syncWave", c.syncWave());
    m.put("dependsOn", c.dependsOn());
    m.put(
        "crds",
        c.crds().stream()
            .map(crd -> Map.of("group", crd.group(), "kind", crd.kind(), "version", crd.version()))
            .toList());
    c.warning().ifPresent(w -> m.put("warning", w));
    m.put("releaseNotes", c.releaseNotes());
    m.put("upgrades", c.upgrades().stream().map(CatalogueJson::note).toList());
    if (!c.images().isEmpty()) {
      m.put(
          "images",
          c.images().stream().map(i -> Map.of("name", i.name(), "image", i.reference())).toList());
    }
    return m;
  }

  static Map<String, Object> note(UpgradeNote n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", n.from().text());
    m.put("to", n.to().text());
    m.put("breaking", n.breaking().map(b -> (Object) b).orElse("not reviewed"));
    m.put("notes", List.copyOf(n.notes()));
    return m;
  }
}
