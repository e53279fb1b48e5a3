package dev.bulwark.platform.kinds.argocd;

import dev.bulwark.platform.kinds.FieldMap;
import dev.bulwark.platform.kinds.Required;
import dev.bulwark.platform.kinds.ResourceFields;
import java.util.List;
import java.util.Map;

/**
 * When and how Argo CD syncs an Application.
 *
 * @param automated whether Argo CD syncs on its own, and with pruning and self-healing; null for
 *     manual syncs
 * @param syncOptions options such as {@code ServerSideApply=true}
 */
public record SyncPolicy(Automated automated, List<String> syncOptions) implements ResourceFields {

  public SyncPolicy {
    syncOptions = Required.list(syncOptions, "Application spec.syncPolicy.syncOptions");
  }

  /**
   * Automated sync that prunes what left Git and undoes changes made in the cluster, with these
   * options.
   */
  public static SyncPolicy autoSync(String... syncOptions) {
    return new SyncPolicy(new Automated(true, true), List.of(syncOptions));
  }

  @Override
  public Map<String, Object> toMap() {
    return FieldMap.create()
        .put("automated", automated)
        .putIfNotEmpty("syncOptions", syncOptions)
        .build();
  }

  /** Automated sync: whether it deletes resources gone from the source, and undoes drift. */
  public record Automated(boolean prune, boolean selfHeal) implements ResourceFields {

    @Override
    public Map<String, Object> toMap() {
      return FieldMap.create().put("prune", prune).put("selfHeal", selfHeal).build();
    }
  }
}
