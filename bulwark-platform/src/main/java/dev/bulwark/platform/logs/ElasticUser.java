package dev.bulwark.platform.logs;

import dev.bulwark.platform.kinds.externalsecrets.ExternalSecretSpec;
import dev.bulwark.platform.kinds.externalsecrets.SecretData;
import dev.bulwark.platform.kinds.externalsecrets.SecretStoreRef;
import dev.bulwark.platform.kinds.externalsecrets.SecretTarget;
import dev.bulwark.platform.kinds.externalsecrets.TargetTemplate;
import dev.bulwark.platform.metrics.GrafanaValues;
import dev.bulwark.platform.secrets.PlatformSecrets;
import dev.bulwark.platform.stack.Backend;
import dev.bulwark.platform.stack.CustomResource;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.SyncWave;
import dev.bulwark.render.Ownership;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Elasticsearch user that a platform component logs in as: a file-realm user of the ECK cluster
 * whose password OpenBao generates at {@code storePath}, so that the user's Secret in the
 * Elasticsearch namespace and its consumer's copy come from the same value and no password is in
 * the tree.
 *
 * @param username the user, for example {@code fluent-bit}
 * @param storePath the platform path in OpenBao with {@code username} and {@code password}
 * @param role the Elasticsearch role it gets (defined by the Elasticsearch configuration Job)
 */
public record ElasticUser(String username, String storePath, String role) {

  /** May create tenants' log indices and write documents to them, and nothing else. */
  public static final String WRITER_ROLE = "bulwark_logs_writer";

  /** May read tenants' log indices, for dashboards. */
  public static final String READER_ROLE = "bulwark_logs_reader";

  /** The users of the enabled components: Fluent Bit always, Grafana when metrics are on. */
  public static List<ElasticUser> of(Stack stack) {
    if (!stack.component("logs").map(c -> c.is("eck")).orElse(false)) {
      return List.of();
    }
    List<ElasticUser> users = new ArrayList<>();
    users.add(new ElasticUser("fluent-bit", TenantLogs.FLUENT_BIT_STORE_PATH, WRITER_ROLE));
    if (stack.has("metrics")) {
      users.add(
          new ElasticUser(
              GrafanaValues.ELASTICSEARCH_USER,
              GrafanaValues.ELASTICSEARCH_STORE_PATH,
              READER_ROLE));
    }
    return List.copyOf(users);
  }

  /** The basic-auth Secret in the Elasticsearch namespace that ECK's file realm reads. */
  public String realmSecret() {
    return "bulwark-es-user-" + username;
  }

  /**
   * The ExternalSecret that makes {@link #realmSecret()} of type {@code kubernetes.io/basic-auth},
   * with the {@code roles} key ECK's file realm takes roles from; empty without a secret store,
   * where administrators create the Secret by the same name.
   */
  public List<HasMetadata> realmExternalSecret(Stack stack) {
    if (!stack.has("secrets")) {
      return List.of();
    }
    Map<String, String> template = new LinkedHashMap<>();
    template.put("username", "{{ .username }}");
    template.put("password", "{{ .password }}");
    template.put("roles", role);
    return List.of(
        CustomResource.of(
                ExternalSecretSpec.properties(
                    SecretStoreRef.cluster(PlatformSecrets.PLATFORM_STORE),
                    new SecretTarget(
                        realmSecret(), TargetTemplate.typed("kubernetes.io/basic-auth", template)),
                    List.of(
                        SecretData.property("username", storePath, "username"),
                        SecretData.property("password", storePath, "password"))))
            .name(realmSecret())
            .namespace(Backend.ELASTIC_NAMESPACE)
            .labels(Ownership.platform())
            .wave(SyncWave.CREDENTIALS)
            .build());
  }

  /**
   * The OpenBao configuration Job's line: generate {@code password} once, with the fixed username.
   */
  public String generatedSecretLine() {
    return storePath + " password username=" + username;
  }
}
