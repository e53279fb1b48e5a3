package dev.bulwark.console;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Kubernetes client per session that impersonates its user and groups, so that the API server's
 * RBAC decides every read the console makes for them: a viewer of one tenant gets 403 on another's
 * namespaces, whatever the console asks. The names carry the prefixes the API server's own OIDC
 * authenticator would give them, so that the same RoleBindings apply to the console and to kubectl.
 */
final class UserClients implements AutoCloseable {

  private final Config service;
  private final String usernamePrefix;
  private final String groupPrefix;
  private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();

  UserClients(Config service, String usernamePrefix, String groupPrefix) {
    this.service = service;
    this.usernamePrefix = usernamePrefix;
    this.groupPrefix = groupPrefix;
  }

  KubernetesClient of(Session session) {
    return clients.computeIfAbsent(session.id(), id -> impersonating(session));
  }

  private KubernetesClient impersonating(Session session) {
    Config config =
        new ConfigBuilder(service)
            .withImpersonateUsername(usernamePrefix + session.user())
            .withImpersonateGroups(
                session.groups().stream().map(g -> groupPrefix + g).toArray(String[]::new))
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  void forget(String sessionId) {
    KubernetesClient client = sessionId == null ? null : clients.remove(sessionId);
    if (client != null) {
      client.close();
    }
  }

  @Override
  public void close() {
    clients.values().forEach(KubernetesClient::close);
    clients.clear();
  }
}
