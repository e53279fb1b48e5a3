package dev.bulwark.platform.kinds.externalsecrets;

import dev.bulwark.platform.kinds.FieldMap;
import dev.bulwark.platform.kinds.Required;
import dev.bulwark.platform.kinds.ResourceFields;
import java.util.Map;

/** The store an ExternalSecret reads from. */
public record SecretStoreRef(StoreKind kind, String name) implements ResourceFields {

  public SecretStoreRef {
    Required.present(kind, "ExternalSecret spec.secretStoreRef.kind");
    Required.text(name, "ExternalSecret spec.secretStoreRef.name");
  }

  /** The SecretStore of this name in the ExternalSecret's namespace. */
  public static SecretStoreRef namespaced(String name) {
    return new SecretStoreRef(StoreKind.SECRET_STORE, name);
  }

  /** The ClusterSecretStore of this name. */
  public static SecretStoreRef cluster(String name) {
    return new SecretStoreRef(StoreKind.CLUSTER_SECRET_STORE, name);
  }

  @Override
  public Map<String, Object> toMap() {
    return FieldMap.create().put("kind", kind.kind()).put("name", name).build();
  }
}
