package dev.bulwark.testkit.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.controlplane.HelmBinary;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.testkit.Needed;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The chart {@code deploy/helm/bulwark} rendered by a real {@code helm template}: from {@code
 * $BULWARK_HELM}, the directory {@code tools/install-helm.sh} installs into, or the PATH. Without a
 * helm binary, tests that need one are skipped with a message saying how to get it.
 */
public final class HelmChart {

  /** Bulwark's chart in this checkout. */
  public static final Path CHART = SharedData.repoDir().resolve("deploy/helm/bulwark");

  /** The namespace the tests install the chart into. */
  public static final String NAMESPACE = "bulwark-system";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private HelmChart() {}

  /** The helm binary, if one is installed (see {@link HelmBinary}). */
  public static Optional<Path> helm() {
    return HelmBinary.locate();
  }

  /**
   * Every object of {@code helm template} with the chart's default values (and its CRDs), as JSON.
   */
  public static List<JsonNode> render() throws IOException, InterruptedException {
    return render("--include-crds");
  }

  /** Every object of {@code helm template} with {@code options} (such as {@code --set a=b}). */
  public static List<JsonNode> render(String... options) throws IOException, InterruptedException {
    Optional<Path> helm = helm();
    Needed.require(
        helm.isPresent(), "skipped: no helm binary; install one with tools/install-helm.sh");
    List<String> command =
        new ArrayList<>(
            List.of(
                helm.get().toString(),
                "template",
                "bulwark",
                CHART.toString(),
                "--namespace",
                NAMESPACE,
                "--kube-version",
                "1.37.2"));
    command.addAll(List.of(options));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("helm template failed:\n" + output);
    }
    return objects(output);
  }

  /** The Kubernetes objects of a multi-document YAML text such as helm's output, as JSON. */
  public static List<JsonNode> objects(String yaml) throws IOException {
    List<JsonNode> objects = new ArrayList<>();
    try (var parser = YAML.createParser(yaml)) {
      for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
        JsonNode doc = it.next();
        if (doc != null && doc.isObject() && doc.has("kind")) {
          objects.add(doc);
        }
      }
    }
    return objects;
  }

  /** The identity of the chart's ServiceAccount, as the API server sees it. */
  public static final String SERVICE_ACCOUNT = "system:serviceaccount:" + NAMESPACE + ":bulwark";

  /**
   * Applies the chart's ServiceAccount, ClusterRole(Binding) and leader-election Role(Binding), as
   * helm would.
   */
  public static void installRbac(KubernetesClient admin) throws IOException, InterruptedException {
    if (admin.namespaces().withName(NAMESPACE).get() == null) {
      admin
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .create();
    }
    List<String> kinds =
        List.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");
    for (JsonNode object : render()) {
      if (kinds.contains(object.path("kind").asText())) {
        GenericKubernetesResource resource =
            admin
                .getKubernetesSerialization()
                .convertValue(object, GenericKubernetesResource.class);
        admin.resource(resource).fieldManager("helm").forceConflicts().serverSideApply();
      }
    }
  }

  /** Makes {@code config} act as the chart's service account (impersonation). */
  public static Config asServiceAccount(Config config) {
    config.setImpersonateUsername(SERVICE_ACCOUNT);
    config.setImpersonateGroups(
        "system:serviceaccounts", "system:serviceaccounts:" + NAMESPACE, "system:authenticated");
    return config;
  }

  /** The one object of {@code kind} among {@code objects}. */
  public static JsonNode only(List<JsonNode> objects, String kind) {
    List<JsonNode> matches =
        objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    if (matches.size() != 1) {
      throw new AssertionError("expected one " + kind + " in the chart, found " + matches.size());
    }
    return matches.get(0);
  }
}
