package dev.bulwark.platform.logs;

import dev.bulwark.platform.identity.OidcClient;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.Values;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;

/**
 * The ECK Elasticsearch and Kibana of the logs capability. Kibana signs in through an OpenID
 * Connect realm of Elasticsearch (an Elastic subscription feature), whose client secret goes into
 * the Elasticsearch keystore from the {@code oidc-kibana} Secret.
 */
final class ElasticStack {

  static final String REALM = "oidc1";

  private ElasticStack() {}

  static HasMetadata elasticsearch(Stack stack, String namespace, OidcClient kibana) {
    String issuer = stack.issuerUrl();
    String prefix = "xpack.security.authc.realms.oidc." + REALM + ".";
    Map<String, Object> config =
        Values.map(
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
                "secureSettings",
                    Values.list(
                        Values.map(
                            "secretName",
                            kibana.secretName(),
                            "entries",
                            Values.list(
                                Values.map(
                                    "key",
                                    OidcClient.SECRET_KEY,
                                    "path",
                                    prefix + "rp.client_secret")))),
                "nodeSets",
                    Values.list(
                        Values.map(
                            "name",
                            "default",
                            "count",
                            3,
                            "config",
                            config,
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

  static HasMetadata kibana(Stack stack, String namespace, OidcClient client) {
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
                        "server.publicBaseUrl", client.baseUrl(),
                        "xpack.security.authc.providers",
                            Values.map(
                                "oidc",
                                    Values.map(
                                        REALM,
                                        Values.map(
                                            "order",
                                            0,
                                            "realm",
                                            REALM,
                                            "description",
                                            "Bulwark SSO")),
                                "basic", Values.map("basic1", Values.map("order", 1))))))
        .build();
  }
}
