package dev.bulwark.operator.reconcile;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.render.DesiredObject;
import java.util.Map;

/**
 * Which of the rendered objects a kind of owner applies, and the label selector its informers use,
 * so that the three controllers' caches never hold the same object twice.
 */
public enum Scope {
  /** Objects labelled {@code bulwark.dev/tenant=platform}. */
  PLATFORM(BulwarkLabels.MANAGED_BY + "=" + BulwarkLabels.MANAGED_BY_VALUE + "," + BulwarkLabels.TENANT + "=" + BulwarkLabels.PLATFORM_TENANT),
  /** A tenant's objects that belong to no application. */
  TENANT(BulwarkLabels.MANAGED_BY + "=" + BulwarkLabels.MANAGED_BY_VALUE + "," + BulwarkLabels.TENANT + ","
      + BulwarkLabels.TENANT + "!=" + BulwarkLabels.PLATFORM_TENANT + ",!" + BulwarkLabels.APPLICATION),
  /** An application's objects. */
  APPLICATION(BulwarkLabels.MANAGED_BY + "=" + BulwarkLabels.MANAGED_BY_VALUE + "," + BulwarkLabels.TENANT + ","
      + BulwarkLabels.TENANT + "!=" + BulwarkLabels.PLATFORM_TENANT + "," + BulwarkLabels.APPLICATION);

  private final String selector;

  Scope(String selector) {
    this.selector = selector;
  }

  /** The label selector of this scope's informers. */
  public String selector() {
    return selector;
  }

  /** Whether the scope of {@code tenant} (and {@code application}, for {@link #APPLICATION}) holds the object. */
  public boolean holds(DesiredObject object, String tenant, String application) {
    Map<String, String> labels = object.object().getMetadata().getLabels();
    String app = labels == null ? null : labels.get(BulwarkLabels.APPLICATION);
    return switch (this) {
      case PLATFORM -> BulwarkLabels.PLATFORM_TENANT.equals(object.tenant());
      case TENANT -> object.tenant().equals(tenant) && app == null;
      case APPLICATION -> object.tenant().equals(tenant) && application.equals(app);
    };
  }
}
