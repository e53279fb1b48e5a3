package dev.bulwark.cli.live;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec;
import dev.bulwark.controlplane.ControlPlane;
import dev.bulwark.controlplane.Node;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.render.model.PlatformModel;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The demo's node ({@code bulwark demo --with-node}): a real node joins the control plane, the
 * first Application with a port gets a workload behind its rendered Service (the sample
 * application's image when it was built, the probe test image otherwise), and the demo prints the
 * node, the running pods and the Service's URL; {@code --check} proves it serves, from the host
 * through the Service's cluster IP and from a pod through its DNS name.
 */
final class DemoNode {

  private static final Duration START = Duration.ofMinutes(4);

  private final Node node;
  private final Workload workload;
  private final String probeImage;

  private DemoNode(Node node, Workload workload, String probeImage) {
    this.node = node;
    this.workload = workload;
    this.probeImage = probeImage;
  }

  /** The Application that gets a workload, its namespace, Service port and image. */
  record Workload(
      String name, String tenant, String namespace, String portName, int port, String image) {
    String dnsUrl() {
      return "http://" + name + "." + namespace + ".svc.cluster.local:" + port + "/";
    }
  }

  /** Starts the node, or says on {@code err} why it cannot (and returns empty). */
  static Optional<DemoNode> start(
      ControlPlane plane, BulwarkSpec spec, PrintWriter out, PrintWriter err) throws IOException {
    var setup = ControlPlane.locate(SharedData.repoDir()).value().map(Node::locate);
    if (setup.isEmpty() || setup.get().value().isEmpty()) {
      err.println(
          "bulwark demo: cannot add a node: "
              + setup.map(ControlPlane.Result::reason).orElse("no control plane"));
      return Optional.empty();
    }
    Optional<Application> app =
        spec.applications().stream()
            .filter(a -> a.getSpec().getPorts() != null && !a.getSpec().getPorts().isEmpty())
            .findFirst();
    if (app.isEmpty()) {
      err.println("bulwark demo: no Application with a port to run on the node");
      return Optional.empty();
    }
    out.println("adding a node (containerd, kubelet, kube-proxy, kube-scheduler, CoreDNS)");
    out.flush();
    Node node;
    try (Progress progress = Progress.of(out, () -> "starting the node")) {
      node = Node.start(setup.get().value().get(), plane, START);
    }
    ApplicationSpec.PortSpec port = app.get().getSpec().getPorts().get(0);
    // the platform admits only images of its own registry: the local image is named as its copy
    // there
    String key =
        setup.get().value().get().images().containsKey("SAMPLE_APP") ? "SAMPLE_APP" : "PROBE";
    String registry = PlatformModel.from(spec.platform()).registryHost();
    String image =
        node.alias(key, registry + "/bulwark/" + key.toLowerCase(Locale.ROOT).replace('_', '-'));
    String probe = node.alias("PROBE", registry + "/bulwark/probe");
    return Optional.of(
        new DemoNode(
            node,
            new Workload(
                app.get().getMetadata().getName(),
                app.get().getSpec().getTenant(),
                app.get().getMetadata().getNamespace(),
                port.getName(),
                port.getPort(),
                image),
            probe));
  }

  /** Runs the workload and waits until its pod is Ready; false (with the reason) when not. */
  boolean deploy(KubernetesClient admin, PrintWriter err) {
    admin
        .apps()
        .deployments()
        .inNamespace(workload.namespace())
        .resource(deployment())
        .serverSideApply();
    try {
      admin
          .apps()
          .deployments()
          .inNamespace(workload.namespace())
          .withName(workload.name())
          .waitUntilCondition(
              d ->
                  d != null
                      && d.getStatus() != null
                      && Integer.valueOf(1).equals(d.getStatus().getReadyReplicas()),
              2,
              TimeUnit.MINUTES);
      return true;
    } catch (RuntimeException e) {
      err.println(
          "bulwark demo: "
              + workload.name()
              + " did not become Ready on the node: "
              + e.getMessage());
      return false;
    }
  }

  /** The node, the running pods and the application's URLs. */
  void print(KubernetesClient admin, PrintWriter out) {
    var n = admin.nodes().withName(Node.NAME).get();
    String ready =
        n.getStatus().getConditions().stream()
            .filter(c -> "Ready".equals(c.getType()))
            .map(c -> c.getStatus())
            .findFirst()
            .orElse("Unknown");
    out.println();
    out.println(
        "NODE "
            + Node.NAME
            + "  Ready="
            + ready
            + "  kubelet "
            + n.getStatus().getNodeInfo().getKubeletVersion()
            + "  runtime "
            + n.getStatus().getNodeInfo().getContainerRuntimeVersion());
    out.println(String.format("%-40s %-10s %s", "POD", "PHASE", "IP"));
    for (Pod pod : admin.pods().inAnyNamespace().list().getItems()) {
      out.println(
          String.format(
              "%-40s %-10s %s",
              pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName(),
              pod.getStatus().getPhase(),
              pod.getStatus().getPodIP()));
    }
    out.println(workload.name() + " (image " + workload.image() + "):");
    out.println("  in the cluster: " + workload.dnsUrl());
    out.println("  from this host: " + hostUrl(admin));
    out.flush();
  }

  /** True when the application answers from the host and from a pod; says what failed on err. */
  boolean check(KubernetesClient admin, PrintWriter err) {
    String url = hostUrl(admin);
    // kube-proxy programs the Service a moment after the pod turns Ready
    String failure = "";
    for (int attempt = 0; attempt < 30; attempt++) {
      failure = get(url);
      if (failure.isEmpty()) {
        break;
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    if (!failure.isEmpty()) {
      err.println("bulwark demo: " + url + " does not serve: " + failure);
      return false;
    }
    admin.pods().inNamespace(workload.namespace()).resource(checkPod(workload.dnsUrl())).create();
    String phase =
        admin
            .pods()
            .inNamespace(workload.namespace())
            .withName("demo-check")
            .waitUntilCondition(
                p -> p != null && List.of("Succeeded", "Failed").contains(p.getStatus().getPhase()),
                2,
                TimeUnit.MINUTES)
            .getStatus()
            .getPhase();
    if (!"Succeeded".equals(phase)) {
      err.println("bulwark demo: a pod could not reach " + workload.dnsUrl() + " (" + phase + ")");
      return false;
    }
    return true;
  }

  /** Empty when {@code url} answers 200, else what happened. */
  private static String get(String url) {
    try (HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? "" : "HTTP " + response.statusCode();
    } catch (IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** Stops the node (before the control plane it joined), if there is one. */
  static void close(DemoNode demoNode) throws IOException {
    if (demoNode != null) {
      demoNode.node.close();
    }
  }

  private String hostUrl(KubernetesClient admin) {
    var service =
        admin.services().inNamespace(workload.namespace()).withName(workload.name()).get();
    return "http://" + service.getSpec().getClusterIP() + ":" + workload.port() + "/";
  }

  /** The workload: one replica, labelled as the Application's Service selects it. */
  private Deployment deployment() {
    return Serialization.unmarshal(
        DEPLOYMENT.formatted(
            workload.name(),
            workload.tenant(),
            restrictedContainer(
                    workload.image(), "[serve, -listen, \":%d\"]".formatted(workload.port()))
                + WORKLOAD_PORT.formatted(workload.portName(), workload.port())),
        Deployment.class);
  }

  /** A one-shot pod that GETs {@code url}; its phase says whether it got an answer. */
  private Pod checkPod(String url) {
    return Serialization.unmarshal(
        CHECK_POD.formatted(restrictedContainer(probeImage, "[get, \"" + url + "\"]")), Pod.class);
  }

  /** A container that meets the restricted Pod Security level (tenants' default). */
  private static String restrictedContainer(String image, String args) {
    return CONTAINER.formatted(image, args);
  }

  private static final String CONTAINER =
      """
            - name: app
              image: "%s"
              args: %s
              securityContext:
                allowPrivilegeEscalation: false
                capabilities: {drop: [ALL]}
              resources:
                requests: {cpu: 10m, memory: 16Mi}
                limits: {cpu: 100m, memory: 64Mi}
      """;

  /** The Application's port, and the probes the platform asks of long-running workloads. */
  private static final String WORKLOAD_PORT =
      """
              ports: [{name: %1$s, containerPort: %2$d}]
              readinessProbe: {httpGet: {path: /healthz, port: %1$s}, periodSeconds: 2}
              livenessProbe: {httpGet: {path: /healthz, port: %1$s}, periodSeconds: 10}
      """;

  private static final String POD_SECURITY =
      "securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}";

  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: %1$s
        labels: {app.kubernetes.io/name: %1$s, bulwark.dev/tenant: %2$s}
      spec:
        replicas: 1
        selector: {matchLabels: {app.kubernetes.io/name: %1$s}}
        template:
          metadata: {labels: {app.kubernetes.io/name: %1$s, bulwark.dev/tenant: %2$s}}
          spec:
            automountServiceAccountToken: false
            POD_SECURITY
            containers:
      %3$s"""
          .replace("POD_SECURITY", POD_SECURITY);

  private static final String CHECK_POD =
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: demo-check}
      spec:
        restartPolicy: Never
        automountServiceAccountToken: false
        POD_SECURITY
        containers:
      %s"""
          .replace("POD_SECURITY", POD_SECURITY);
}
