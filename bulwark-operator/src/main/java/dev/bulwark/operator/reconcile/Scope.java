package dev.bulwark.operator.reconcile;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;

/**
 * Which of the rendered objects a kind of owner applies, and the label selector its informers use,
 * so that the three controllers' caches never hold the same object twice.
 */
public enum Scope {
  /** Objects labelled {@code bulwark.dev/tenant=platform}. */
  PLATFORM(
      BulwarkLabels.MANAGED_BY
          + "="
          + BulwarkLabels.MANAGED_BY_VALUE
          + ","
          + BulwarkLabels.TENANT
          + "="
          + BulwarkLabels.PLATFORM_TENANT),
  /** A tenant's objects that belong to no application. */
  TENANT(
      BulwarkLabels.MANAGED_BY
          + "="
          + BulwarkLabels.MANAGED_BY_VALUE
          + ","
          + BulwarkLabels.TENANT
          + ","
          + BulwarkLabels.TENANT
          + "!="
          + BulwarkLabels.PLATFORM_TENANT
          + ",!"
          + BulwarkLabels.APPLICATION),
  /** An application's objects. */
  APPLICATION(
      BulwarkLabels.MANAGED_BY
          + "="
          + BulwarkLabels.MANAGED_BY_VALUE
          + ","
          + BulwarkLabels.TENANT
          + ","
          + BulwarkLabels.TENANT
          + "!="
          + BulwarkLabels.PLATFORM_TENANT
          + ","
          + BulwarkLabels.APPLICATION);

  /** The capability whose objects bootstrap the cluster and are not the operator's to apply. */
  public static final String BOOTSTRAP = "bootstrap";

  private static final String KUSTOMIZE_GROUP = "kustomize.config.k8s.io/";

  private final String selector;

  Scope(String selector) {
    this.selector = selector;
  }

  /** The label selector of this scope's informers. */
  public String selector() {
    return selector;
  }

  /**
   * The objects of {@code state} that this scope of {@code tenant} (and {@code application}) holds,
   * in rendering order.
   */
  public List<HasMetadata> objectsOf(DesiredState state, String tenant, String application) {
    return state.objects().stream()
        .filter(o -> holds(o, tenant, application))
        .map(DesiredObject::object)
        .toList();
  }

  /**
   * Whether the scope of {@code tenant} (and {@code application}, for {@link #APPLICATION}) holds
   * the object.
   */
  public boolean holds(DesiredObject object, String tenant, String application) {
    if (object.object().getApiVersion().startsWith(KUSTOMIZE_GROUP)) {
      return false; // a kustomization is a file of the GitOps tree, not an API object
    }
    Map<String, String> labels = object.object().getMetadata().getLabels();
    String app = labels == null ? null : labels.get(BulwarkLabels.APPLICATION);
    return switch (this) {
      // bootstrap objects (cluster-admin for the GitOps engine) are applied once by an
      // administrator, never by the operator, whose role must stay far below cluster-admin
      case PLATFORM ->
          BulwarkLabels.PLATFORM_TENANT.equals(object.tenant())
              && !BOOTSTRAP.equals(object.capability());
      case TENANT -> object.tenant().equals(tenant) && app == null;
      case APPLICATION -> object.tenant().equals(tenant) && application.equals(app);
    };
  }
}
