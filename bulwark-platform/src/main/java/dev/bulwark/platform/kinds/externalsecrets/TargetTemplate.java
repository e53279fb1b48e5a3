package dev.bulwark.platform.kinds.externalsecrets;

import dev.bulwark.platform.kinds.FieldMap;
import dev.bulwark.platform.kinds.Required;
import dev.bulwark.platform.kinds.ResourceFields;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the target Secret is shaped: its type, labels, and data templated from the fetched values
 * (External Secrets' template engine v2, Go templates).
 *
 * @param engineVersion the template engine, {@code v2}; null when only labels are set
 * @param type the Secret's type, such as {@code kubernetes.io/basic-auth}, or null
 * @param labels labels of the Secret
 * @param data the Secret's keys and their templates
 */
public record TargetTemplate(
    String engineVersion, String type, Map<String, String> labels, Map<String, String> data)
    implements ResourceFields {

  public TargetTemplate {
    labels = labels == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labels));
    data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    if (!data.isEmpty()) {
      Required.text(engineVersion, "ExternalSecret spec.target.template.engineVersion");
    }
  }

  /** A Secret of this type whose keys are the given templates. */
  public static TargetTemplate typed(String type, Map<String, String> data) {
    return new TargetTemplate(
        "v2", Required.text(type, "ExternalSecret spec.target.template.type"), null, data);
  }

  /** A Secret that carries these labels, its data copied as fetched. */
  public static TargetTemplate labels(Map<String, String> labels) {
    return new TargetTemplate(null, null, labels, null);
  }

  @Override
  public Map<String, Object> toMap() {
    return FieldMap.create()
        .put("engineVersion", engineVersion)
        .put("type", type)
        .putIfNotEmpty("metadata", labels.isEmpty() ? null : Map.of("labels", labels))
        .putIfNotEmpty("data", data)
        .build();
  }
}
