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

  /** Value of {@link #TENANT} on objects that belong to the platform rather than a tenant. */
  public static final String PLATFORM_TENANT = "platform";

  private BulwarkLabels() {}
}
