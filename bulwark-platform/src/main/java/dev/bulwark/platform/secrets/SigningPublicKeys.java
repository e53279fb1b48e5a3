package dev.bulwark.platform.secrets;

import dev.bulwark.platform.kinds.externalsecrets.ExternalSecretSpec;
import dev.bulwark.platform.kinds.externalsecrets.SecretStoreRef;
import dev.bulwark.platform.kinds.externalsecrets.SecretStoreSpec;
import dev.bulwark.platform.kinds.externalsecrets.SecretTarget;
import dev.bulwark.platform.kinds.externalsecrets.VaultProvider;
import dev.bulwark.platform.kinds.externalsecrets.VaultProvider.ServiceAccountRef;
import dev.bulwark.platform.stack.CustomResource;
import dev.bulwark.platform.stack.OpenBaoPaths;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.SyncWave;
import dev.bulwark.render.Ownership;
import dev.bulwark.render.tenancy.SignatureRequirement;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import java.util.List;
import java.util.Map;

/**
 * The platform's cosign public keys in the namespace of Bulwark's own operator and webhook, where
 * the webhook's image signature check reads them (ADR 0040): an ExternalSecret copies every entry
 * of OpenBao's {@code platform/ci/signing-public-keys} ({@code current.pub}, during a rotation
 * {@code next.pub} too) into the Secret the operator's chart mounts read-only.
 *
 * <p>The namespace is the Helm release's, not a platform component's, so it does not use the
 * platform ClusterSecretStore (which would let it read every platform credential): it has a store
 * of its own whose OpenBao role may read that one path. Rendered only when some tenant environment
 * is bound to the check: elsewhere the path may well be empty, and the ExternalSecret would only
 * report errors.
 */
public final class SigningPublicKeys {

  /** The Secret the chart mounts into the webhook (value {@code webhook.imageSignatures}). */
  public static final String SECRET = "bulwark-signing-public-keys";

  /** The OpenBao role, the namespace's SecretStore and the ServiceAccount it logs in as. */
  public static final String ROLE = "bulwark-signing-public-keys";

  private SigningPublicKeys() {}

  /** Whether the platform renders the keys at all. */
  public static boolean wanted(Stack stack) {
    return SignatureRequirement.anyIn(stack.context());
  }

  /** The ServiceAccount, the SecretStore and the ExternalSecret; empty when not {@link #wanted}. */
  public static List<HasMetadata> objects(Stack stack) {
    if (!wanted(stack)) {
      return List.of();
    }
    String namespace = stack.platform().namespace();
    Map<String, String> labels = Ownership.platform();
    HasMetadata account =
        CustomResource.withWave(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName(ROLE)
                .withNamespace(namespace)
                .withLabels(labels)
                .endMetadata()
                .withAutomountServiceAccountToken(false)
                .build(),
            SyncWave.SECRET_STORES);
    VaultProvider vault =
        new VaultProvider(
            OpenBao.address(stack),
            PlatformSecrets.KV_MOUNT,
            "v2",
            OpenBao.AUTH_MOUNT,
            ROLE,
            new ServiceAccountRef(ROLE, null));
    HasMetadata store =
        CustomResource.of(SecretStoreSpec.namespaced(vault))
            .name(ROLE)
            .namespace(namespace)
            .labels(labels)
            .wave(SyncWave.SECRET_STORES)
            .build();
    HasMetadata keys =
        CustomResource.of(
                ExternalSecretSpec.extract(
                    SecretStoreRef.namespaced(ROLE),
                    SecretTarget.owned(SECRET),
                    OpenBaoPaths.SIGNING_PUBLIC_KEYS))
            .name(SECRET)
            .namespace(namespace)
            .labels(labels)
            .wave(SyncWave.CREDENTIALS)
            .build();
    return List.of(account, store, keys);
  }

  /**
   * The OpenBao configuration Job's files for the role: a policy that reads the one path, and the
   * namespace and ServiceAccount that may log in with it; empty when not {@link #wanted}.
   */
  public static Map<String, String> configuration(Stack stack) {
    if (!wanted(stack)) {
      return Map.of();
    }
    String policy =
        "path \""
            + OpenBaoPaths.data(OpenBaoPaths.SIGNING_PUBLIC_KEYS)
            + "\" {\n  capabilities = [\"read\"]\n}\n";
    return Map.of(
        "policy-" + ROLE + ".hcl",
        policy,
        "role-" + ROLE,
        stack.platform().namespace() + "\n" + ROLE + "\n");
  }
}
