package dev.bulwark.platform.kinds.externalsecrets;

import dev.bulwark.platform.kinds.FieldMap;
import dev.bulwark.platform.kinds.Required;
import dev.bulwark.platform.kinds.ResourceFields;
import java.util.Map;

/**
 * The Secret an ExternalSecret makes. Bulwark always lets the ExternalSecret own it ({@code
 * creationPolicy: Owner}), so that deleting the ExternalSecret deletes the Secret.
 *
 * @param template the Secret's shape, or null for the fetched data as is
 */
public record SecretTarget(String name, TargetTemplate template) implements ResourceFields {

  public SecretTarget {
    Required.text(name, "ExternalSecret spec.target.name");
  }

  /** The Secret of this name, holding the fetched data as is. */
  public static SecretTarget owned(String name) {
    return new SecretTarget(name, null);
  }

  @Override
  public Map<String, Object> toMap() {
    return FieldMap.create()
        .put("name", name)
        .put("creationPolicy", "Owner")
        .put("template", template)
        .build();
  }
}
