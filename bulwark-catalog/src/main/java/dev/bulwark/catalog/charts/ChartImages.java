package dev.bulwark.catalog.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.catalog.Image;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The images inside each pinned upstream chart, as its Pods name them when templated with the
 * values Bulwark renders (ADR 0033). Bulwark does not run helm, so the list is data: {@code
 * chart-images.yaml}, written by a test that templates every pinned chart with real helm and fails
 * while the file is out of date. A mirror needs these copied as much as the images the catalogue
 * pins itself.
 */
public final class ChartImages {

  /** The resource, next to components.yaml. */
  public static final String RESOURCE = "/dev/bulwark/catalog/chart-images.yaml";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ChartImages() {}

  /** The images of each component's chart, by component id, as the resource lists them. */
  public static Map<String, List<Image>> standard() {
    try (InputStream in = ChartImages.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the catalogue lacks " + RESOURCE);
      }
      return parse(YAML.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  private static Map<String, List<Image>> parse(JsonNode root) {
    Map<String, List<Image>> byComponent = new LinkedHashMap<>();
    root.properties()
        .forEach(
            entry -> {
              List<Image> images = new ArrayList<>();
              entry.getValue().forEach(reference -> images.add(image(reference.asText())));
              byComponent.put(entry.getKey(), List.copyOf(images));
            });
    return byComponent;
  }

  /**
   * A Pod's image reference as an {@link Image}: {@code repository[:tag][@digest]}, where a colon
   * after the last slash starts the tag (a colon before it belongs to a registry port). Without a
   * tag the runtime pulls {@code latest}.
   */
  public static Image image(String reference) {
    String digest = "";
    String name = reference;
    int at = reference.indexOf('@');
    if (at >= 0) {
      digest = reference.substring(at);
      name = reference.substring(0, at);
    }
    int colon = name.lastIndexOf(':');
    boolean tagged = colon > name.lastIndexOf('/');
    String repository = tagged ? name.substring(0, colon) : name;
    String tag = (tagged ? name.substring(colon + 1) : "latest") + digest;
    return new Image("chart", repository, tag);
  }
}
