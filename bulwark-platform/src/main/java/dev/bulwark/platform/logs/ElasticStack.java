package dev.bulwark.platform.logs;

import dev.bulwark.platform.identity.OidcClient;
import dev.bulwark.platform.stack.Hosts;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.Values;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ECK Elasticsearch and Kibana of the logs capability. With a licence that has it (ADR 0049),
 * Kibana signs in through an OpenID Connect realm of Elasticsearch whose client secret goes into
 * the Elasticsearch keystore from the {@code oidc-kibana} Secret; on the basic licence neither the
 * realm nor Kibana's OIDC provider is configured, since Elasticsearch would refuse the realm.
 */
final class ElasticStack {

  static final String REALM = "oidc1";

  private ElasticStack() {}

  static HasMetadata elasticsearch(Stack stack, String namespace, Optional<OidcClient> signOn) {
    Map<String, Object> config = signOn.map(c -> realm(stack, c)).orElseGet(Values::map);
    return LogsUnit.elasticResource("elasticsearch.k8s.elastic.co/v1", "Elasticsearch", namespace)
        .spec(
            Values.map(
                "version", LogsUnit.stackVersion(stack),
                // TLS ends at the gateway and in-cluster traffic stays inside the network policies.
                "http",
                    Values.map(
                        "tls", Values.map("selfSignedCertificate", Values.map("disabled", true))),
                // The components' users, from Secrets External Secrets fills with OpenBao-generated
                // passwords.
                "auth",
                    Values.map(
                        "fileRealm",
                        ElasticUser.of(stack).stream()
                            .<Object>map(u -> Values.map("secretName", u.realmSecret()))
                            .toList()),
                "secureSettings", signOn.map(ElasticStack::clientSecret).orElse(null),
                "nodeSets",
                    Values.list(
                        Values.map(
                            "name",
                            "default",
                            "count",
                            3,
                            "config",
                            config.isEmpty() ? null : config,
                            "volumeClaimTemplates",
                            Values.list(
                                Values.map(
                                    "metadata", Values.map("name", "elasticsearch-data"),
                                    "spec",
                                        Values.map(
                                            "accessModes",
                                            Values.list("ReadWriteOnce"),
                                            "resources",
                                            Values.map(
                                                "requests", Values.map("storage", "100Gi")))))))))
        .build();
  }

  static HasMetadata kibana(Stack stack, String namespace, Optional<OidcClient> signOn) {
    Map<String, Object> providers = new LinkedHashMap<>();
    signOn.ifPresent(
        c ->
            providers.put(
                "oidc",
                Values.map(
                    REALM, Values.map("order", 0, "realm", REALM, "description", "Bulwark SSO"))));
    // On the basic licence Kibana is the administrators' console with Elasticsearch's own users.
    providers.put("basic", Values.map("basic1", Values.map("order", 1)));
    return LogsUnit.elasticResource("kibana.k8s.elastic.co/v1", "Kibana", namespace)
        .spec(
            Values.map(
                "version", LogsUnit.stackVersion(stack),
                "count", 1,
                "elasticsearchRef", Values.map("name", LogsUnit.CLUSTER),
                "http",
                    Values.map(
                        "tls", Values.map("selfSignedCertificate", Values.map("disabled", true))),
                "config",
                    Values.map(
                        "server.publicBaseUrl",
                        "https://" + stack.host(Hosts.KIBANA),
                        "xpack.security.authc.providers",
                        providers)))
        .build();
  }

  /** The OpenID Connect realm that trusts the platform's Keycloak, as node settings. */
  private static Map<String, Object> realm(Stack stack, OidcClient kibana) {
    String issuer = stack.issuerUrl();
    String prefix = realmPrefix();
    return Values.map(
        prefix + "order",
        2,
        prefix + "rp.client_id",
        kibana.clientId(),
        prefix + "rp.response_type",
        "code",
        prefix + "rp.redirect_uri",
        kibana.redirectUris().get(0),
        prefix + "op.issuer",
        issuer,
        prefix + "op.authorization_endpoint",
        issuer + "/protocol/openid-connect/auth",
        prefix + "op.token_endpoint",
        issuer + "/protocol/openid-connect/token",
        prefix + "op.userinfo_endpoint",
        issuer + "/protocol/openid-connect/userinfo",
        prefix + "op.jwkset_path",
        issuer + "/protocol/openid-connect/certs",
        prefix + "claims.principal",
        "preferred_username",
        prefix + "claims.groups",
        "groups");
  }

  /** The realm's client secret, from the client's Secret into the Elasticsearch keystore. */
  private static List<Object> clientSecret(OidcClient kibana) {
    return Values.list(
        Values.map(
            "secretName",
            kibana.secretName(),
            "entries",
            Values.list(
                Values.map(
                    "key", OidcClient.SECRET_KEY, "path", realmPrefix() + "rp.client_secret"))));
  }

  private static String realmPrefix() {
    return "xpack.security.authc.realms.oidc." + REALM + ".";
  }
}
