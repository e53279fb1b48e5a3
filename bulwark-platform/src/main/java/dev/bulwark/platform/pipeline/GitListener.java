package dev.bulwark.platform.pipeline;

import dev.bulwark.platform.stack.CustomResource;
import dev.bulwark.platform.stack.Hosts;
import dev.bulwark.platform.stack.PlatformObjects;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.SyncWave;
import dev.bulwark.platform.stack.TenantCi;
import dev.bulwark.platform.stack.Values;
import dev.bulwark.render.Ownership;
import dev.bulwark.render.model.TenantModel;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;

/**
 * A tenant's EventListener and its public route. The listener has one trigger group per Git host:
 * GitHub's and GitLab's interceptors verify the webhook's signature or token with the tenant's
 * webhook secret and accept pushes only; a CEL overlay then writes the pushed commit and the
 * repository's URLs where every application's Trigger reads them ({@code extensions.revision},
 * {@code extensions.repository}), whichever host sent the event.
 */
final class GitListener {

  /** The listener's name; Triggers makes its Service {@code el-<name>}. */
  static final String NAME = "bulwark-git";

  /** The port of the listener's Service. */
  static final int PORT = 8080;

  private GitListener() {}

  static List<HasMetadata> objects(Stack stack, TenantModel tenant) {
    String namespace = TenantCi.namespace(tenant.name());
    HasMetadata listener =
        CustomResource.of("triggers.tekton.dev/v1beta1", "EventListener")
            .name(NAME)
            .namespace(namespace)
            .labels(Ownership.platform())
            .wave(SyncWave.TENANTS)
            .spec(
                Values.map(
                    "serviceAccountName",
                    CiNamespace.LISTENER_ACCOUNT,
                    "triggerGroups",
                    List.of(
                        group(
                            tenant,
                            "github",
                            List.of("push"),
                            "body.after",
                            "[body.repository.clone_url, body.repository.ssh_url]"),
                        group(
                            tenant,
                            "gitlab",
                            List.of("Push Hook"),
                            "body.checkout_sha",
                            "[body.project.git_http_url, body.project.git_ssh_url]"))))
            .build();
    HasMetadata route =
        CustomResource.withWave(
            PlatformObjects.route(
                stack,
                NAME,
                namespace,
                stack.host(Hosts.CI_HOOKS),
                path(tenant),
                "el-" + NAME,
                PORT),
            SyncWave.TENANTS);
    return List.of(listener, route);
  }

  /** The path under the hooks host that the tenant's Git hosts send webhooks to. */
  static String path(TenantModel tenant) {
    return "/" + tenant.name();
  }

  private static Map<String, Object> group(
      TenantModel tenant,
      String host,
      List<String> eventTypes,
      String revision,
      String repositoryUrls) {
    return Values.map(
        "name",
        host,
        "interceptors",
        List.of(
            Values.map(
                "name",
                "verify",
                "ref",
                Values.map("kind", "ClusterInterceptor", "name", host),
                "params",
                List.of(
                    Values.map(
                        "name",
                        "secretRef",
                        "value",
                        Values.map(
                            "secretName",
                            CiNamespace.WEBHOOK_SECRET,
                            "secretKey",
                            CiNamespace.WEBHOOK_KEY)),
                    Values.map("name", "eventTypes", "value", eventTypes))),
            Values.map(
                "name",
                "normalise",
                "ref",
                Values.map("kind", "ClusterInterceptor", "name", "cel"),
                "params",
                List.of(
                    Values.map(
                        "name",
                        "overlays",
                        "value",
                        List.of(
                            Values.map("key", "revision", "expression", revision),
                            Values.map("key", "repository", "expression", repositoryUrls)))))),
        "triggerSelector",
        Values.map(
            "namespaceSelector",
            Values.map("matchNames", List.of(TenantCi.namespace(tenant.name()))),
            "labelSelector",
            Values.map("matchLabels", Map.of(AppPipeline.LISTENER_LABEL, tenant.name()))));
  }
}
