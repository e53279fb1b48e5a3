package dev.bulwark.cli.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.cli.Cli;
import dev.bulwark.controlplane.ControlPlane;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A Secret in a tenant's namespace of a real cluster, holding a marked value in its data, its
 * stringData and the last-applied annotation {@code kubectl apply} leaves, a ConfigMap that holds
 * the same value by mistake (audit reads ConfigMaps), and a Deployment that reads the Secret: the
 * commands that read the live cluster ({@code audit --cluster}, {@code status}), in every output
 * format, print the value nowhere, and no Event in the cluster carries it.
 */
@RealApiServer
class LiveSecretsStaySecretTest {

  private static final String NAMESPACE = "secretsprobe-dev";

  @Test
  void liveCommandsNeverPrintASecretOfTheCluster(ControlPlane plane, KubernetesClient admin) {
    String secret = "bulwark-secret-" + UUID.randomUUID();
    plant(admin, secret);
    String kubeconfig = plane.kubeconfig().toString();
    Map<String, CommandSpec> leaves = SecretsStaySecretTest.leaves();
    List<List<String>> runs = new ArrayList<>();
    for (String format :
        SecretsStaySecretTest.values("audit", leaves.get("audit").findOption("--output"))) {
      runs.add(List.of("audit", "--cluster", "--kubeconfig", kubeconfig, "--output", format));
    }
    for (String format :
        SecretsStaySecretTest.values("status", leaves.get("status").findOption("--output"))) {
      runs.add(List.of("status", "--kubeconfig", kubeconfig, "--output", format));
    }
    assertThat(runs).hasSizeGreaterThan(3);
    try {
      boolean sawTheDeployment = false;
      for (List<String> args : runs) {
        Cli run = Cli.run(args.toArray(String[]::new));
        String where = "bulwark " + String.join(" ", args);
        assertThat(run.out()).as("stdout of %s", where).doesNotContain(secret);
        assertThat(run.err()).as("stderr of %s", where).doesNotContain(secret);
        sawTheDeployment |= args.get(0).equals("audit") && run.out().contains("reader");
      }
      assertThat(sawTheDeployment).as("the audit read the tenant's namespace").isTrue();
      String events = Serialization.asJson(admin.v1().events().inAnyNamespace().list().getItems());
      assertThat(events).as("events of the cluster").doesNotContain(secret);
    } finally {
      admin.namespaces().withName(NAMESPACE).delete();
    }
  }

  private static void plant(KubernetesClient admin, String secret) {
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(NAMESPACE)
                .addToLabels("bulwark.dev/tenant", "secretsprobe")
                .addToLabels("bulwark.dev/environment", "dev")
                .endMetadata()
                .build())
        .serverSideApply();
    String encoded = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
    admin
        .secrets()
        .inNamespace(NAMESPACE)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("registry-robot")
                .withNamespace(NAMESPACE)
                .addToAnnotations(
                    "kubectl.kubernetes.io/last-applied-configuration",
                    "{\"stringData\":{\"token\":\"" + secret + "\"}}")
                .endMetadata()
                .addToData("password", encoded)
                .addToStringData("token", secret)
                .build())
        .serverSideApply();
    admin
        .configMaps()
        .inNamespace(NAMESPACE)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("app-config")
                .withNamespace(NAMESPACE)
                .endMetadata()
                .addToData("DATABASE_PASSWORD", secret)
                .build())
        .serverSideApply();
    admin
        .apps()
        .deployments()
        .inNamespace(NAMESPACE)
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("reader")
                .withNamespace(NAMESPACE)
                .endMetadata()
                .withNewSpec()
                .withNewSelector()
                .addToMatchLabels("app", "reader")
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "reader")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("reader")
                .withImage("registry.example.org/reader:1.0")
                .addNewEnv()
                .withName("TOKEN")
                .withNewValueFrom()
                .withNewSecretKeyRef("token", "registry-robot", false)
                .endValueFrom()
                .endEnv()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .serverSideApply();
  }
}
