package dev.bulwark.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.testkit.cluster.HelmChart;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * The console's own identity from the Helm chart (ServiceAccount, ClusterRole and binding), applied
 * to a real API server, and a client config that authenticates as that ServiceAccount with a token
 * of its own, so that its impersonation and SubjectAccessReviews meet the API server's authorizer
 * as they would in a cluster (impersonating the ServiceAccount instead would hide the impersonate
 * right the console needs).
 */
final class ConsoleIdentity {

  static final String ACCOUNT = "bulwark-console";

  private ConsoleIdentity() {}

  /** The chart's console RBAC objects, rendered with it turned on. */
  static List<JsonNode> rendered() throws Exception {
    return HelmChart.render(
        "--set", "console.rbac.create=true", "--show-only", "templates/console-rbac.yaml");
  }

  /** Applies the console's RBAC; returns a config that acts as its ServiceAccount. */
  static Config install(KubernetesClient admin, Config config) throws Exception {
    if (admin.namespaces().withName(HelmChart.NAMESPACE).get() == null) {
      admin
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(HelmChart.NAMESPACE)
                  .endMetadata()
                  .build())
          .create();
    }
    for (JsonNode object : rendered()) {
      GenericKubernetesResource resource =
          admin.getKubernetesSerialization().convertValue(object, GenericKubernetesResource.class);
      admin.resource(resource).fieldManager("helm").forceConflicts().serverSideApply();
    }
    String token =
        admin
            .serviceAccounts()
            .inNamespace(HelmChart.NAMESPACE)
            .withName(ACCOUNT)
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(3600L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    return new ConfigBuilder(config)
        .withClientCertData(null)
        .withClientCertFile(null)
        .withClientKeyData(null)
        .withClientKeyFile(null)
        .withUsername(null)
        .withPassword(null)
        .withImpersonateUsername(null)
        .withImpersonateGroups()
        .withOauthToken(token)
        .build();
  }
}
