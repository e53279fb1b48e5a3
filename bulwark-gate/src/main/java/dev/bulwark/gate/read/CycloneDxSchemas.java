package dev.bulwark.gate.read;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.cyclonedx.Version;

/**
 * CycloneDX's JSON schemas as cyclonedx-core-java ships them, their references to each other
 * ({@code spdx.schema.json}, {@code jsf-0.82.schema.json}) resolved on the class path, never on the
 * network. Validated here rather than through the library's parser so errors name the field.
 */
final class CycloneDxSchemas {

  /** Draft 7, knowing CycloneDX's annotation keywords so the validator does not warn about them. */
  private static final Dialect DIALECT =
      Dialect.builder(Dialects.getDraft7())
          .keyword(new NonValidationKeyword("meta:enum"))
          .keyword(new NonValidationKeyword("deprecated"))
          .build();

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          DIALECT,
          builder ->
              builder.schemaIdResolvers(
                  ids -> ids.mapPrefix("http://cyclonedx.org/schema/", "classpath:")));

  private static final class V15 {
    static final Schema SCHEMA = load("bom-1.5.schema.json");
  }

  private static final class V16 {
    static final Schema SCHEMA = load("bom-1.6.schema.json");
  }

  private CycloneDxSchemas() {}

  static Schema of(Version version) {
    return version == Version.VERSION_15 ? V15.SCHEMA : V16.SCHEMA;
  }

  private static Schema load(String name) {
    try (InputStream in = CycloneDxSchemas.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalStateException(name + " (cyclonedx-core-java) is not on the class path");
      }
      return REGISTRY.getSchema(JsonFiles.JSON.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
