package dev.bulwark.platform.kinds.externalsecrets;

import dev.bulwark.platform.kinds.FieldMap;
import dev.bulwark.platform.kinds.Required;
import dev.bulwark.platform.kinds.ResourceFields;
import java.util.Map;

/**
 * A secret in the store: its path and, to take one value of it, the property.
 *
 * @param key the secret's path in the store
 * @param property one property of the secret, or null for all of them
 */
public record RemoteRef(String key, String property) implements ResourceFields {

  public RemoteRef {
    Required.text(key, "ExternalSecret remoteRef.key");
  }

  @Override
  public Map<String, Object> toMap() {
    return FieldMap.create().put("key", key).put("property", property).build();
  }
}
