package dev.bulwark.testkit.cluster;

import dev.bulwark.controlplane.ControlPlane;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Bulwark's chart installed by a real {@code helm install} into {@link HelmChart#NAMESPACE}, with
 * the operator image of the local build (pinned by its digest) and a self-signed serving
 * certificate for the webhook's Service, made by openssl: the release a user would install, with
 * only the ServiceMonitor left out (no Prometheus Operator CRDs here).
 */
record OperatorRelease(ControlPlane plane, Path helm, String name) {

  /** The webhook's Service, as the chart names it ({@code bulwark.fullname}). */
  String service() {
    return name;
  }

  /** Creates the namespace and the webhook's TLS Secret, then runs {@code helm install}. */
  void install(KubernetesClient admin, String imageWithDigest) throws IOException {
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(HelmChart.NAMESPACE)
                .endMetadata()
                .build())
        .serverSideApply();
    Path dir = Files.createTempDirectory(plane.dir(), "webhook-tls-");
    String host = service() + "." + HelmChart.NAMESPACE + ".svc";
    run(
        List.of(
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=" + host,
            "-addext",
            "subjectAltName=DNS:" + host,
            "-keyout",
            dir.resolve("tls.key").toString(),
            "-out",
            dir.resolve("tls.crt").toString()));
    byte[] certificate = Files.readAllBytes(dir.resolve("tls.crt"));
    admin
        .secrets()
        .inNamespace(HelmChart.NAMESPACE)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("bulwark-webhook-tls")
                .endMetadata()
                .withType("kubernetes.io/tls")
                .withData(
                    Map.of(
                        "tls.crt", Base64.getEncoder().encodeToString(certificate),
                        "tls.key",
                            Base64.getEncoder()
                                .encodeToString(Files.readAllBytes(dir.resolve("tls.key")))))
                .build())
        .serverSideApply();
    String digest = imageWithDigest.substring(imageWithDigest.indexOf('@') + 1);
    helm(
        "install",
        name,
        HelmChart.CHART.toString(),
        "--set",
        "image.digest=" + digest,
        "--set",
        "webhook.caBundle=" + Base64.getEncoder().encodeToString(certificate),
        "--set",
        "serviceMonitor.enabled=false");
  }

  /** {@code helm uninstall}, waiting for the release's objects to go. */
  void uninstall() throws IOException {
    helm("uninstall", name, "--wait", "--timeout", "2m");
  }

  private void helm(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(helm.toString()));
    command.addAll(List.of(args));
    command.addAll(
        List.of("--namespace", HelmChart.NAMESPACE, "--kubeconfig", plane.kubeconfig().toString()));
    run(command);
  }

  private static void run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IOException(String.join(" ", command.subList(0, 2)) + " failed:\n" + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + command.get(0), e);
    }
  }
}
