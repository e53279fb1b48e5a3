package dev.bulwark.platform.identity;

import dev.bulwark.platform.database.PostgresCluster;
import dev.bulwark.platform.secrets.PlatformSecrets;
import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.ComponentApplication;
import dev.bulwark.platform.stack.ComponentUnit;
import dev.bulwark.platform.stack.CustomResource;
import dev.bulwark.platform.stack.Hosts;
import dev.bulwark.platform.stack.PlatformCatalog;
import dev.bulwark.platform.stack.PlatformObjects;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.SyncWave;
import dev.bulwark.platform.stack.Values;
import dev.bulwark.render.Ownership;
import dev.bulwark.render.model.TenantModel;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Identity: the Keycloak operator, a Keycloak on a CloudNativePG database, and the platform realm
 * imported through a KeycloakRealmImport: a group for every tenant role and the platform admins,
 * and an OIDC client for every UI, with the groups claim the UIs and the API server map to roles.
 */
public final class IdentityUnit extends ComponentUnit {

  public static final String KEYCLOAK = "keycloak";
  static final String DATABASE = "keycloak-db";

  public IdentityUnit() {}

  public IdentityUnit(PlatformCatalog catalog) {
    super(catalog);
  }

  @Override
  public String capability() {
    return "identity";
  }

  @Override
  protected List<HasMetadata> render(Stack stack, Component component) {
    List<HasMetadata> objects = new ArrayList<>();
    if (!stack.ownsIdentity()) {
      return objects;
    }
    String namespace = component.namespace();
    // ADR 0018: Keycloak ships its operator as a plain manifest, with no way to set its security
    // context.
    objects.add(
        PlatformObjects.namespace(
            namespace,
            capability(),
            "baseline",
            "the Keycloak operator's upstream Deployment sets no securityContext (non-root, seccomp, capabilities) and has no values to set one"));
    objects.add(ComponentApplication.of(stack, component, "keycloak").build());
    if (stack.has("database")) {
      objects.addAll(
          PostgresCluster.withBackups(
              stack,
              PostgresCluster.of(
                  stack,
                  DATABASE,
                  namespace,
                  Ownership.platform(),
                  2,
                  "10Gi",
                  "keycloak",
                  SyncWave.RESOURCES),
              null));
      if (stack.backup().isPresent()) {
        // The cluster's WAL archive and backups read the store's keys from this Secret.
        objects.addAll(
            PlatformSecrets.copy(
                stack,
                PostgresCluster.BACKUP_CREDENTIALS,
                namespace,
                PostgresCluster.PLATFORM_BACKUP_STORE_PATH,
                List.of(PostgresCluster.ACCESS_KEY, PostgresCluster.SECRET_KEY)));
      }
    }
    objects.add(keycloak(stack, namespace));
    objects.add(
        PlatformObjects.route(
            stack, KEYCLOAK, namespace, stack.host(Hosts.KEYCLOAK), "keycloak-service", 8080));
    for (OidcClient client : OidcClients.of(stack)) {
      if (client.confidential()) {
        objects.addAll(
            PlatformSecrets.copy(
                stack,
                client.secretName(),
                namespace,
                client.storePath(),
                List.of(OidcClient.SECRET_KEY)));
      }
    }
    objects.add(realmImport(stack, namespace));
    return objects;
  }

  private static HasMetadata keycloak(Stack stack, String namespace) {
    Map<String, Object> spec =
        Values.map(
            "instances", 2,
            "hostname", Values.map("hostname", "https://" + stack.host(Hosts.KEYCLOAK)),
            // TLS ends at the gateway; Keycloak trusts the gateway's forwarded headers only.
            "http", Values.map("httpEnabled", true),
            "proxy", Values.map("headers", "xforwarded"));
    if (stack.has("database")) {
      String appSecret = DATABASE + "-app";
      spec.put(
          "db",
          Values.map(
              "vendor",
              "postgres",
              "host",
              DATABASE + "-rw",
              "database",
              "keycloak",
              "usernameSecret",
              Values.map("name", appSecret, "key", "username"),
              "passwordSecret",
              Values.map("name", appSecret, "key", "password")));
    }
    return CustomResource.of("k8s.keycloak.org/v2alpha1", "Keycloak")
        .name(KEYCLOAK)
        .namespace(namespace)
        .labels(Ownership.platform())
        .wave(SyncWave.DERIVED_RESOURCES)
        .spec(spec)
        .build();
  }

  private static HasMetadata realmImport(Stack stack, String namespace) {
    List<OidcClient> clients = OidcClients.of(stack);
    Map<String, Object> placeholders = new TreeMap<>();
    List<Object> realmClients = new ArrayList<>();
    for (OidcClient client : clients) {
      realmClients.add(client(client));
      if (client.confidential()) {
        placeholders.put(
            placeholder(client),
            Values.map(
                "secret", Values.map("name", client.secretName(), "key", OidcClient.SECRET_KEY)));
      }
    }
    Map<String, Object> realm =
        Values.map(
            "realm",
            Stack.REALM,
            "displayName",
            stack.platform().name(),
            "enabled",
            true,
            "sslRequired",
            "external",
            "groups",
            groups(stack),
            "clients",
            realmClients);
    return CustomResource.of("k8s.keycloak.org/v2alpha1", "KeycloakRealmImport")
        .name(Stack.REALM)
        .namespace(namespace)
        .labels(Ownership.platform())
        .wave(SyncWave.SERVICES)
        .spec(Values.map("keycloakCRName", KEYCLOAK, "realm", realm, "placeholders", placeholders))
        .build();
  }

  /** The groups of the realm: the platform admins and every role group of every tenant. */
  static List<Object> groups(Stack stack) {
    TreeSet<String> names = new TreeSet<>();
    names.add(stack.platform().adminGroup());
    for (TenantModel tenant : stack.tenants()) {
      names.addAll(tenant.ownerGroups());
      names.addAll(tenant.developerGroups());
      names.addAll(tenant.viewerGroups());
    }
    return names.stream().<Object>map(n -> Values.map("name", n)).toList();
  }

  /**
   * The placeholder Keycloak replaces with the client secret: the secret never enters the realm.
   */
  static String placeholder(OidcClient client) {
    return client.clientId().toUpperCase(Locale.ROOT).replace('-', '_') + "_CLIENT_SECRET";
  }

  private static Map<String, Object> client(OidcClient client) {
    Map<String, Object> map =
        Values.map(
            "clientId", client.clientId(),
            "name", client.name(),
            "enabled", true,
            "protocol", "openid-connect",
            "publicClient", !client.confidential(),
            "standardFlowEnabled", true,
            "directAccessGrantsEnabled", false,
            "baseUrl", client.baseUrl(),
            "redirectUris", new ArrayList<Object>(client.redirectUris()),
            "webOrigins", Values.list("+"),
            "protocolMappers",
                Values.list(
                    Values.map(
                        "name", "groups",
                        "protocol", "openid-connect",
                        "protocolMapper", "oidc-group-membership-mapper",
                        "config",
                            Values.map(
                                "claim.name",
                                "groups",
                                "full.path",
                                "false",
                                "id.token.claim",
                                "true",
                                "access.token.claim",
                                "true",
                                "userinfo.token.claim",
                                "true"))));
    if (client.confidential()) {
      map.put("secret", "${" + placeholder(client) + "}");
    }
    return map;
  }
}
