package dev.bulwark.spec;

import dev.bulwark.api.v1alpha1.TenantSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The namespace of a tenant environment, as the renderer computes it: as given, or
 * {@code <tenant>-<environment>}, which, when longer than a DNS label's 63 characters, keeps a
 * prefix and ends in the first eight hex digits of the SHA-256 of the full name.
 *
 * <p>This must agree with {@code dev.bulwark.render.model.TenantModel.namespaceOf} (and
 * {@code Names.label}); bulwark-spec cannot depend on the renderer, so the rule lives in both
 * places until it moves into bulwark-api.
 */
final class EnvironmentNamespaces {

  private static final int LABEL_MAX = 63;
  private static final int HASH_LENGTH = 8;

  private EnvironmentNamespaces() {}

  /** The namespace of the environment {@code env} of tenant {@code tenant}. */
  static String of(String tenant, TenantSpec.EnvironmentSpec env) {
    if (env.getNamespace() != null) {
      return env.getNamespace();
    }
    // Tenant and environment names are DNS labels already (the schema checked them).
    String joined = tenant + "-" + env.getName();
    if (joined.length() <= LABEL_MAX) {
      return joined;
    }
    String prefix = joined.substring(0, LABEL_MAX - HASH_LENGTH - 1).replaceAll("-+$", "");
    return prefix + "-" + sha256(joined).substring(0, HASH_LENGTH);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
