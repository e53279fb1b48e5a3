package dev.bulwark.render.model;

import dev.bulwark.api.v1alpha1.TenantSpec.QuotaSpec;

/** A namespace quota with every default resolved. Quantities are Kubernetes quantity strings. */
public record QuotaModel(
    String cpu,
    String memory,
    String storage,
    int pods,
    String defaultCpuRequest,
    String defaultMemoryRequest,
    String defaultMemoryLimit,
    String ephemeralStorage) {

  public static final QuotaModel DEFAULT =
      new QuotaModel("4", "8Gi", "50Gi", QuotaSpec.DEFAULT_PODS, "100m", "128Mi", "512Mi", "20Gi");

  /** The quota given by {@code spec}, with {@code base} filling whatever it leaves out. */
  public static QuotaModel of(QuotaSpec spec, QuotaModel base) {
    if (spec == null) {
      return base;
    }
    return new QuotaModel(
        or(spec.getCpu(), base.cpu()),
        or(spec.getMemory(), base.memory()),
        or(spec.getStorage(), base.storage()),
        spec.getPods() == null ? base.pods() : spec.getPods(),
        or(spec.getDefaultCpuRequest(), base.defaultCpuRequest()),
        or(spec.getDefaultMemoryRequest(), base.defaultMemoryRequest()),
        or(spec.getDefaultMemoryLimit(), base.defaultMemoryLimit()),
        or(spec.getEphemeralStorage(), base.ephemeralStorage()));
  }

  private static String or(String value, String fallback) {
    return value == null ? fallback : value;
  }
}
