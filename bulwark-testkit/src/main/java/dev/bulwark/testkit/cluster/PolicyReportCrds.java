package dev.bulwark.testkit.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.testkit.Needed;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The wg-policy PolicyReport and ClusterPolicyReport CRDs as Kyverno's chart ships them, from the
 * shared charts folder; their Helm template lines only add labels and are dropped.
 */
public final class PolicyReportCrds {

  private static final String DIR = "charts/kyverno/3.9.0/charts/crds/templates/wgpolicyk8s.io/";

  private PolicyReportCrds() {}

  /** Installs both CRDs and waits until they are served. */
  public static void install(KubernetesClient admin) throws IOException {
    for (String file :
        List.of("wgpolicyk8s.io_policyreports.yaml", "wgpolicyk8s.io_clusterpolicyreports.yaml")) {
      Optional<Path> path = SharedData.resolve(DIR + file);
      Needed.require(
          path.isPresent() && Files.isRegularFile(path.get()),
          "the shared folder with Kyverno's chart (" + DIR + file + "); set -Dbulwark.shared.dir");
      String yaml =
          Files.readAllLines(path.get()).stream()
              .filter(line -> !line.strip().startsWith("{{"))
              .collect(Collectors.joining("\n"));
      Crds.applyAndAwait(
          admin,
          new ObjectMapper()
              .treeToValue(new YAMLMapper().readTree(yaml), CustomResourceDefinition.class));
    }
  }
}
