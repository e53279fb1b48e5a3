package dev.bulwark.api;

/** Label and annotation keys that Bulwark puts on every object it manages. */
public final class BulwarkLabels {

  public static final String GROUP = "bulwark.dev";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY_VALUE = "bulwark";
  public static final String TENANT = "bulwark.dev/tenant";
  public static final String ENVIRONMENT = "bulwark.dev/environment";
  public static final String APPLICATION = "bulwark.dev/application";
  public static final String CAPABILITY = "bulwark.dev/capability";
  public static final String PART_OF = "app.kubernetes.io/part-of";

  /**
   * Marks the platform's floor in a tenant namespace (the default-deny NetworkPolicy and its
   * openings): an admission policy keeps tenants from changing or deleting what carries it.
   */
  public static final String FLOOR = "bulwark.dev/floor";

  /** On the namespace of a production environment, where developers only read (ADR 0029). */
  public static final String PRODUCTION = "bulwark.dev/production";

  /** Value of {@link #TENANT} on objects that belong to the platform rather than a tenant. */
  public static final String PLATFORM_TENANT = "platform";

  private BulwarkLabels() {}
}
