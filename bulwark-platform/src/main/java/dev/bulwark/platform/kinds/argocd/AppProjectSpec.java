package dev.bulwark.platform.kinds.argocd;

import dev.bulwark.platform.kinds.CustomResourceSpec;
import dev.bulwark.platform.kinds.FieldMap;
import dev.bulwark.platform.kinds.Required;
import java.util.List;
import java.util.Map;

/**
 * The spec of an Argo CD AppProject: which repositories its Applications may sync from, where to,
 * which kinds they may (cluster-scoped) or may not (namespaced) manage, and its roles.
 *
 * @param clusterResourceWhitelist cluster-scoped kinds allowed; empty allows none
 * @param namespaceResourceBlacklist namespaced kinds denied; empty denies none
 */
public record AppProjectSpec(
    String description,
    List<String> sourceRepos,
    List<Destination> destinations,
    List<GroupKind> clusterResourceWhitelist,
    List<GroupKind> namespaceResourceBlacklist,
    List<ProjectRole> roles)
    implements CustomResourceSpec {

  public AppProjectSpec {
    sourceRepos = Required.list(sourceRepos, "AppProject spec.sourceRepos");
    destinations = Required.list(destinations, "AppProject spec.destinations");
    clusterResourceWhitelist =
        Required.list(clusterResourceWhitelist, "AppProject spec.clusterResourceWhitelist");
    namespaceResourceBlacklist =
        Required.list(namespaceResourceBlacklist, "AppProject spec.namespaceResourceBlacklist");
    roles = Required.list(roles, "AppProject spec.roles");
  }

  @Override
  public String apiVersion() {
    return ArgoCd.API_VERSION;
  }

  @Override
  public String kind() {
    return "AppProject";
  }

  /** The group-kind entries stay records, so that an empty (core) group is still written. */
  @Override
  public Map<String, Object> toMap() {
    return FieldMap.create()
        .put("description", description)
        .put("sourceRepos", sourceRepos)
        .put("destinations", destinations)
        .putIfNotEmpty("clusterResourceWhitelist", clusterResourceWhitelist)
        .putIfNotEmpty("namespaceResourceBlacklist", namespaceResourceBlacklist)
        .putIfNotEmpty("roles", roles)
        .build();
  }
}
