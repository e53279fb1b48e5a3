package dev.bulwark.render;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The one way Bulwark turns objects into YAML text: map keys sorted, nulls and empty values left
 * out, no document marker, strings quoted whenever a reader could take them for anything else.
 * Byte-identical output for equal objects is what makes plans diffable.
 */
public final class Manifests {

  private static final ObjectMapper YAML =
      new ObjectMapper(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                  .disable(YAMLGenerator.Feature.SPLIT_LINES)
                  .build())
          .setSerializationInclusion(JsonInclude.Include.NON_EMPTY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private Manifests() {}

  public static String toYaml(Object object) {
    try {
      return YamlText.write(YAML.valueToTree(object));
    } catch (IllegalArgumentException e) {
      throw new RenderException("cannot serialise " + describe(object) + ": " + e.getMessage());
    }
  }

  /** The shared mapper, for readers of rendered YAML. */
  public static ObjectMapper mapper() {
    return YAML.copy();
  }

  private static String describe(Object object) {
    return object instanceof HasMetadata h
        ? ObjectKey.of(h).toString()
        : object.getClass().getSimpleName();
  }
}
