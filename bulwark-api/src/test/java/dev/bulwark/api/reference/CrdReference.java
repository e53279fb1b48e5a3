package dev.bulwark.api.reference;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference page of Bulwark's custom resources, {@code docs/reference/crds.md}: one table per
 * kind with every field path, generated from the CRDs the build generates from the API types.
 */
final class CrdReference {

  /**
   * A custom resource: its CRD and the Java type its objects deserialize to.
   *
   * @param crd the generated CRD
   * @param type the custom resource class, whose fields carry the not-supported-yet marks
   */
  record Kind(CustomResourceDefinition crd, Class<?> type) {}

  /** How to refresh the page; said in the page and in the drift test's failure. */
  static final String UPDATE_COMMAND = "./mvnw -pl bulwark-api test -Dcrds.update=true";

  private CrdReference() {}

  /** The whole page. */
  static String markdown(List<Kind> kinds) {
    StringBuilder page = new StringBuilder();
    page.append("# Custom resource reference\n\n")
        .append(
            "<!-- Generated from the API types in bulwark-api; do not edit by hand. Refresh with\n     ")
        .append(UPDATE_COMMAND)
        .append(" -->\n\n")
        .append(
            "Every field of Bulwark's custom resources, as the CRDs in `deploy/crds/` declare them.\n")
        .append(
            "A path names an array's items with `[]` and a map's values with `<key>`. *Required* means\n")
        .append(
            "the API server refuses the object without the field whenever its parent is set; *Default*\n")
        .append(
            "is what the API server fills in. A field marked **not supported yet** is part of the API,\n")
        .append(
            "but nothing acts on it yet: `bulwark validate` rejects a spec that sets it, with the reason\n")
        .append("given here.\n");
    for (Kind kind : kinds) {
      page.append('\n');
      section(page, kind);
    }
    return page.toString();
  }

  private static void section(StringBuilder page, Kind kind) {
    var spec = kind.crd().getSpec();
    page.append("## ")
        .append(spec.getNames().getKind())
        .append("\n\n")
        .append("`")
        .append(kind.crd().getMetadata().getName())
        .append("`, scope ")
        .append(spec.getScope());
    List<String> shortNames = spec.getNames().getShortNames();
    if (shortNames != null && !shortNames.isEmpty()) {
      page.append(", short names ")
          .append(String.join(", ", shortNames.stream().map(Markdown::code).toList()));
    }
    page.append(".\n");
    for (CustomResourceDefinitionVersion version : spec.getVersions()) {
      page.append("\n### ")
          .append(spec.getGroup())
          .append('/')
          .append(version.getName())
          .append("\n\n")
          .append("| Field | Type | Required | Default | Validation | Description |\n")
          .append("|---|---|---|---|---|---|\n");
      for (SchemaFields.Field field :
          SchemaFields.of(version.getSchema().getOpenAPIV3Schema(), kind.type())) {
        page.append(row(field)).append('\n');
      }
    }
  }

  private static String row(SchemaFields.Field field) {
    List<String> cells = new ArrayList<>();
    cells.add(Markdown.code(field.path()));
    cells.add(field.type());
    cells.add(field.required() ? "yes" : "");
    cells.add(field.defaultValue().map(Markdown::code).orElse(""));
    cells.add(String.join("; ", field.validation()));
    cells.add(
        field.notSupported().map(CrdReference::notSupported).orElse("") + field.description());
    return "| " + String.join(" | ", cells.stream().map(Markdown::cell).toList()) + " |";
  }

  private static String notSupported(String reason) {
    return "**Not supported yet:** " + reason + (reason.endsWith(".") ? " " : ". ");
  }
}
