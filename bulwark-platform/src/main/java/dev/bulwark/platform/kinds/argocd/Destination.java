package dev.bulwark.platform.kinds.argocd;

import dev.bulwark.platform.kinds.FieldMap;
import dev.bulwark.platform.kinds.Required;
import dev.bulwark.platform.kinds.ResourceFields;
import java.util.Map;

/**
 * Where an Application deploys, or where an AppProject lets its Applications deploy: a cluster's
 * API server and a namespace ({@code *} for any, in an AppProject).
 */
public record Destination(String server, String namespace) implements ResourceFields {

  public Destination {
    Required.text(server, "destination.server");
    Required.text(namespace, "destination.namespace");
  }

  /** A namespace of the cluster Argo CD runs in. */
  public static Destination inCluster(String namespace) {
    return new Destination(ArgoCd.IN_CLUSTER, namespace);
  }

  @Override
  public Map<String, Object> toMap() {
    return FieldMap.create().put("server", server).put("namespace", namespace).build();
  }
}
