package dev.bulwark.platform.kinds.externalsecrets;

import dev.bulwark.platform.kinds.FieldMap;
import dev.bulwark.platform.kinds.Required;
import dev.bulwark.platform.kinds.ResourceFields;
import java.util.Map;

/** Every property of one secret in the store, each becoming a key of the target Secret. */
public record DataFrom(RemoteRef extract) implements ResourceFields {

  public DataFrom {
    Required.present(extract, "ExternalSecret spec.dataFrom[].extract");
  }

  /** All properties of the secret at {@code path}. */
  public static DataFrom extract(String path) {
    return new DataFrom(new RemoteRef(path, null));
  }

  @Override
  public Map<String, Object> toMap() {
    return FieldMap.create().put("extract", extract).build();
  }
}
