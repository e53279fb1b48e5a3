package dev.bulwark.platform.scanning;

import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.ComponentApplication;
import dev.bulwark.platform.stack.ComponentUnit;
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
                    "trivy", Values.map("ignoreUnfixed", false),
                    "serviceMonitor", Values.map("enabled", stack.has("metrics")),
                    // Bulwark's own namespaces hold no tenant workloads worth a report per pod.
                    "excludeNamespaces",
                        String.join(",", "kube-system", stack.platform().namespace())))
            .build());
  }
}
