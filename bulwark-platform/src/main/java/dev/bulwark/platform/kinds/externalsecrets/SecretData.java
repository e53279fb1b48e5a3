package dev.bulwark.platform.kinds.externalsecrets;

import dev.bulwark.platform.kinds.FieldMap;
import dev.bulwark.platform.kinds.Required;
import dev.bulwark.platform.kinds.ResourceFields;
import java.util.Map;

/** One key of the target Secret, filled from one property of a secret in the store. */
public record SecretData(String secretKey, RemoteRef remoteRef) implements ResourceFields {

  public SecretData {
    Required.text(secretKey, "ExternalSecret spec.data[].secretKey");
    Required.present(remoteRef, "ExternalSecret spec.data[" + secretKey + "].remoteRef");
  }

  /** The key {@code secretKey} from property {@code property} of the secret at {@code path}. */
  public static SecretData property(String secretKey, String path, String property) {
    return new SecretData(
        secretKey,
        new RemoteRef(
            path,
            Required.text(
                property, "ExternalSecret spec.data[" + secretKey + "].remoteRef.property")));
  }

  @Override
  public Map<String, Object> toMap() {
    return FieldMap.create().put("secretKey", secretKey).put("remoteRef", remoteRef).build();
  }
}
