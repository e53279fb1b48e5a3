package dev.bulwark.platform.scanning;

import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.ComponentApplication;
import dev.bulwark.platform.stack.ComponentUnit;
import dev.bulwark.platform.stack.Install;
import dev.bulwark.platform.stack.Mirror;
import dev.bulwark.platform.stack.PlatformCatalog;
import dev.bulwark.platform.stack.PlatformObjects;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.Values;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;

/**
 * Scanning: the Trivy Operator writing vulnerability, config-audit, exposed-secret and SBOM reports
 * for every workload, with its metrics scraped when the metrics stack runs.
 */
public final class ScanningUnit extends ComponentUnit {

  public ScanningUnit() {}

  public ScanningUnit(PlatformCatalog catalog) {
    super(catalog);
  }

  @Override
  public String capability() {
    return "scanning";
  }

  private static final Map<String, Object> RESTRICTED_POD =
      Values.map(
          "runAsNonRoot",
          true,
          "runAsUser",
          10000,
          "runAsGroup",
          10000,
          "seccompProfile",
          Values.map("type", "RuntimeDefault"));

  @Override
  protected List<HasMetadata> render(Stack stack, Component component) {
    return List.of(
        PlatformObjects.namespace(component.namespace(), capability(), "restricted"),
        ComponentApplication.of(stack, component, "trivy-operator")
            .values(
                Values.merge(
                    Values.map(
                        "operator",
                            Values.map(
                                "vulnerabilityScannerEnabled", true,
                                "configAuditScannerEnabled", true,
                                "exposedSecretScannerEnabled", true,
                                "sbomGenerationEnabled", true,
                                "scanJobsConcurrentLimit", 3),
                        // Restricted Pod Security in trivy-system: the operator's pod and the scan
                        // jobs' pods
                        // need a non-root user and the runtime's seccomp profile, which the chart
                        // leaves unset.
                        "podSecurityContext", RESTRICTED_POD,
                        "trivyOperator",
                            Values.map("scanJobPodTemplatePodSecurityContext", RESTRICTED_POD),
                        "trivy", trivy(stack, component),
                        "serviceMonitor", Values.map("enabled", stack.has("metrics")),
                        // Bulwark's own namespaces hold no tenant workloads worth a report per pod.
                        "excludeNamespaces",
                            String.join(",", "kube-system", stack.platform().namespace())),
                    mirrorImages(stack)))
            .build());
  }

  private static Map<String, Object> trivy(Stack stack, Component component) {
    Install install = component.install("trivy-operator");
    Map<String, Object> trivy = Values.map("ignoreUnfixed", false);
    return stack
        .mirror()
        .map(
            mirror ->
                Values.merge(
                    trivy,
                    Values.map(
                        // The vulnerability databases are OCI artifacts: the chart joins
                        // registry and repository with a slash.
                        "dbRegistry",
                        mirror.registry(),
                        "dbRepository",
                        belowRegistry(install, "trivy-db", mirror),
                        "javaDbRegistry",
                        mirror.registry(),
                        "javaDbRepository",
                        belowRegistry(install, "trivy-java-db", mirror))))
        .orElse(trivy);
  }

  /**
   * The chart's global registry serves the operator, Trivy and node-collector images; the policy
   * bundle (an OCI artifact) has a registry of its own. Each keeps its repository path.
   */
  private static Map<String, Object> mirrorImages(Stack stack) {
    return stack
        .mirror()
        .map(
            mirror ->
                Values.map(
                    "global", Values.map("image", Values.map("registry", mirror.registry())),
                    "policiesBundle", Values.map("registry", mirror.registry())))
        .orElse(Map.of());
  }

  /**
   * A database's repository below the mirror's registry: the install's images are already mirrored,
   * so the mirror's prefix is cut off again.
   */
  private static String belowRegistry(Install install, String image, Mirror mirror) {
    return install.image(image).repository().substring(mirror.registry().length() + 1);
  }
}
