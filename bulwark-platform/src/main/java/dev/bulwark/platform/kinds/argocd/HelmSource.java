package dev.bulwark.platform.kinds.argocd;

import dev.bulwark.platform.kinds.FieldMap;
import dev.bulwark.platform.kinds.Required;
import dev.bulwark.platform.kinds.ResourceFields;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How Argo CD renders a Helm chart source: the release name and the values. The values stay a
 * free-form map, as the chart's own schema (not Argo CD's) governs them; the record holds a
 * read-only copy of its top level.
 */
public record HelmSource(String releaseName, Map<String, Object> valuesObject)
    implements ResourceFields {

  public HelmSource {
    Required.text(releaseName, "Application spec.source.helm.releaseName");
    valuesObject =
        valuesObject == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(valuesObject));
  }

  @Override
  public Map<String, Object> toMap() {
    return FieldMap.create()
        .put("releaseName", releaseName)
        .putIfNotEmpty("valuesObject", valuesObject)
        .build();
  }
}
