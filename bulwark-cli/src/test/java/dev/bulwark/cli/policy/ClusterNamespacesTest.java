package dev.bulwark.cli.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.webhook.NamespaceLookup;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The webhook's namespace lookup against a real API server. */
@RealApiServer
class ClusterNamespacesTest {

  @Test
  void namespacesComeFromTheApiServerAndUnknownOnesFromTheFallback(KubernetesClient admin) {
    admin
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("lookup-prod")
                .addToLabels("pod-security.kubernetes.io/enforce", "baseline")
                .addToLabels("bulwark.dev/environment", "prod")
                .endMetadata()
                .build())
        .serverSideApply();
    ClusterNamespaces lookup =
        new ClusterNamespaces(
            admin,
            NamespaceLookup.fixed("restricted", "latest"),
            Duration.ofSeconds(30),
            Clock.systemUTC());
    assertThat(lookup.namespace("lookup-prod").at("/metadata/labels").toString())
        .contains("\"bulwark.dev/environment\":\"prod\"")
        .contains("\"pod-security.kubernetes.io/enforce\":\"baseline\"");
    assertThat(
            lookup
                .namespace("no-such-namespace")
                .at("/metadata/labels/pod-security.kubernetes.io~1enforce")
                .asText())
        .isEqualTo("restricted");
    assertThat(lookup.namespace("")).isNull();
  }
}
