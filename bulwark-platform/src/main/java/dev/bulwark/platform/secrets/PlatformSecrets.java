package dev.bulwark.platform.secrets;

import dev.bulwark.platform.kinds.externalsecrets.ExternalSecretSpec;
import dev.bulwark.platform.kinds.externalsecrets.SecretData;
import dev.bulwark.platform.kinds.externalsecrets.SecretStoreRef;
import dev.bulwark.platform.kinds.externalsecrets.SecretTarget;
import dev.bulwark.platform.kinds.externalsecrets.TargetTemplate;
import dev.bulwark.platform.stack.CustomResource;
import dev.bulwark.platform.stack.OpenBaoPaths;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.SyncWave;
import dev.bulwark.platform.stack.Values;
import dev.bulwark.render.Ownership;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;

/**
 * Credentials of platform components, never in plaintext: each is a Secret that an ExternalSecret
 * fills from the platform's path of the secret store. Without the secrets component the same Secret
 * is expected to exist already, created by the platform's administrators, so a component reads it
 * by the same name either way.
 */
public final class PlatformSecrets {

  /**
   * The ClusterSecretStore of platform credentials; only platform component namespaces may use it.
   */
  public static final String PLATFORM_STORE = "bulwark-platform";

  /** The KV v2 mount in OpenBao that holds platform and tenant secrets. */
  public static final String KV_MOUNT = OpenBaoPaths.KV_MOUNT;

  private PlatformSecrets() {}

  /**
   * The ExternalSecret that materialises {@code secretName} in {@code namespace} from {@code
   * storePath}, copying the listed keys; empty when the platform has no secret store.
   */
  public static List<HasMetadata> copy(
      Stack stack, String secretName, String namespace, String storePath, List<String> keys) {
    return copy(stack, secretName, namespace, storePath, keys, Map.of());
  }

  /** As {@link #copy(Stack, String, String, String, List)}, with labels on the Secret it makes. */
  public static List<HasMetadata> copy(
      Stack stack,
      String secretName,
      String namespace,
      String storePath,
      List<String> keys,
      Map<String, String> secretLabels) {
    if (!stack.has("secrets")) {
      return List.of();
    }
    List<SecretData> data =
        keys.stream().map(key -> SecretData.property(key, storePath, key)).toList();
    SecretTarget target =
        new SecretTarget(
            secretName, secretLabels.isEmpty() ? null : TargetTemplate.labels(secretLabels));
    return List.of(
        CustomResource.of(
                ExternalSecretSpec.properties(SecretStoreRef.cluster(PLATFORM_STORE), target, data))
            .name(secretName)
            .namespace(namespace)
            .labels(Ownership.platform())
            .wave(SyncWave.CREDENTIALS)
            .build());
  }

  /** A reference to one key of a Secret, as Kubernetes env vars take it. */
  public static Map<String, Object> secretKeyRef(String secretName, String key) {
    return Values.map(
        "valueFrom", Values.map("secretKeyRef", Values.map("name", secretName, "key", key)));
  }
}
