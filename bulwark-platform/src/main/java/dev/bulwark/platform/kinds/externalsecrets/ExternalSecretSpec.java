package dev.bulwark.platform.kinds.externalsecrets;

import dev.bulwark.platform.kinds.CustomResourceSpec;
import dev.bulwark.platform.kinds.FieldMap;
import dev.bulwark.platform.kinds.Required;
import java.util.List;
import java.util.Map;

/**
 * The spec of an ExternalSecret: which store to read, how often, which Secret to make, and which
 * secrets of the store fill it (single properties in {@code data}, whole secrets in {@code
 * dataFrom}).
 */
public record ExternalSecretSpec(
    String refreshInterval,
    SecretStoreRef secretStoreRef,
    SecretTarget target,
    List<SecretData> data,
    List<DataFrom> dataFrom)
    implements CustomResourceSpec {

  /**
   * How often Bulwark's ExternalSecrets read their store again, so rotated secrets arrive within
   * the hour.
   */
  public static final String HOURLY = "1h";

  public ExternalSecretSpec {
    Required.text(refreshInterval, "ExternalSecret spec.refreshInterval");
    Required.present(secretStoreRef, "ExternalSecret spec.secretStoreRef");
    Required.present(target, "ExternalSecret spec.target");
    data = Required.list(data, "ExternalSecret spec.data");
    dataFrom = Required.list(dataFrom, "ExternalSecret spec.dataFrom");
    if (data.isEmpty() && dataFrom.isEmpty()) {
      throw new IllegalArgumentException(
          "ExternalSecret spec of "
              + target.name()
              + ": data or dataFrom is required, got neither");
    }
  }

  /** Hourly refreshed keys, each from one property of a secret in the store. */
  public static ExternalSecretSpec properties(
      SecretStoreRef store, SecretTarget target, List<SecretData> data) {
    return new ExternalSecretSpec(HOURLY, store, target, data, null);
  }

  /** Hourly refreshed: every property of the secret at {@code path}. */
  public static ExternalSecretSpec extract(SecretStoreRef store, SecretTarget target, String path) {
    return new ExternalSecretSpec(HOURLY, store, target, null, List.of(DataFrom.extract(path)));
  }

  @Override
  public String apiVersion() {
    return ExternalSecrets.API_VERSION;
  }

  @Override
  public String kind() {
    return "ExternalSecret";
  }

  @Override
  public Map<String, Object> toMap() {
    return FieldMap.create()
        .put("refreshInterval", refreshInterval)
        .put("secretStoreRef", secretStoreRef)
        .put("target", target)
        .putIfNotEmpty("data", data)
        .putIfNotEmpty("dataFrom", dataFrom)
        .build();
  }
}
