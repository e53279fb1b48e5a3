package dev.bulwark.cli.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark audit --cluster} against a real kube-apiserver. */
@RealApiServer
class AuditClusterTest {

  @TempDir Path dir;

  @Test
  void liveObjectsInTenantNamespacesAreAuditedAtTheirNamespacesLevel(
      KubernetesClient admin, Config config) throws Exception {
    admin
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("audit-live-dev")
                .addToLabels("bulwark.dev/tenant", "audit-live")
                .addToLabels("bulwark.dev/environment", "dev")
                .addToLabels("pod-security.kubernetes.io/enforce", "baseline")
                .endMetadata()
                .build())
        .serverSideApply();
    admin
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("audit-live-platform")
                .addToLabels("bulwark.dev/tenant", "platform")
                .endMetadata()
                .build())
        .serverSideApply();
    for (String ns : new String[] {"audit-live-dev", "audit-live-platform"}) {
      admin
          .resource(
              new DeploymentBuilder()
                  .withNewMetadata()
                  .withName("net")
                  .withNamespace(ns)
                  .endMetadata()
                  .withNewSpec()
                  .withNewSelector()
                  .addToMatchLabels("app", "net")
                  .endSelector()
                  .withNewTemplate()
                  .withNewMetadata()
                  .addToLabels("app", "net")
                  .endMetadata()
                  .withNewSpec()
                  .withHostNetwork(true)
                  .addNewContainer()
                  .withName("c")
                  .withImage("busybox")
                  .endContainer()
                  .endSpec()
                  .endTemplate()
                  .endSpec()
                  .build())
          .serverSideApply();
    }
    Path kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(kubeconfig, kubeconfig(config));

    PolicyCommandsTest.Run run =
        PolicyCommandsTest.run(
            "audit",
            "--cluster",
            "--kubeconfig",
            kubeconfig.toString(),
            "--policies",
            "pss-baseline");
    assertThat(run.code()).as(run.err()).isEqualTo(1);
    assertThat(run.out())
        .contains("cluster/audit-live-dev/Deployment/net:1: Deployment audit-live-dev/net")
        .contains("pss-host-namespaces")
        .doesNotContain("audit-live-platform");
    assertThat(PolicyCommandsTest.run("audit", "--cluster", "x.yaml").code()).isEqualTo(2);
  }

  /** A kubeconfig file for the test cluster's admin, from the client configuration. */
  static String kubeconfig(Config config) {
    return """
        apiVersion: v1
        kind: Config
        clusters: [{name: test, cluster: {server: '%s', certificate-authority-data: '%s'}}]
        users: [{name: admin, user: {client-certificate-data: '%s', client-key-data: '%s'}}]
        contexts: [{name: test, context: {cluster: test, user: admin}}]
        current-context: test
        """
        .formatted(
            config.getMasterUrl(),
            data(config.getCaCertData(), config.getCaCertFile()),
            data(config.getClientCertData(), config.getClientCertFile()),
            data(config.getClientKeyData(), config.getClientKeyFile()));
  }

  private static String data(String data, String file) {
    try {
      return data != null
          ? data
          : java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(file)));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
