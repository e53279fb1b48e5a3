package dev.bulwark.render.workload;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec;
import dev.bulwark.api.v1alpha1.AutoscalingSpec;
import dev.bulwark.api.v1alpha1.EnvVarSpec;
import dev.bulwark.api.v1alpha1.ProbeSpec;
import dev.bulwark.render.model.PlatformModel;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The Kubernetes objects of one {@link Workload}. */
final class WorkloadObjects {

  /**
   * The OpenTelemetry operator's annotation that injects the SDK's configuration (exporter,
   * propagators, sampler, resource attributes) from an Instrumentation into every container; the
   * language-neutral form, as Bulwark does not know the application's language.
   */
  static final String INJECT_SDK = "instrumentation.opentelemetry.io/inject-sdk";

  /**
   * Argo CD's sync wave of a workload: 12, the ladder's rung of what reads a tenant's secrets,
   * after the ExternalSecrets (11) that make the Secrets its {@code env} reads ({@code SyncWave} in
   * bulwark-platform owns the ladder; {@code SyncWaveOrderTest} holds the two together).
   */
  static final String WAVE = "12";

  /**
   * The writable scratch space of a read-only container: applications and their runtimes write
   * temporary files (the JVM, Go's os.TempDir, Python's tempfile) to /tmp.
   */
  static final String SCRATCH_VOLUME = "tmp";

  static final String SCRATCH_PATH = "/tmp";

  /** Half the tenants' default ephemeral-storage limit, so a full /tmp cannot evict the pod. */
  static final String SCRATCH_SIZE = "512Mi";

  /**
   * Pulled on every start: on nodes shared by tenants, an image another tenant pulled would
   * otherwise start without the registry checking this tenant's credentials. The image is pinned by
   * digest, so a pull never changes what runs.
   */
  static final String PULL_POLICY = "Always";

  private WorkloadObjects() {}

  /** The pods' own identity, without an API token: applications do not call the API server. */
  static ServiceAccount serviceAccount(Workload workload) {
    return new ServiceAccountBuilder()
        .withMetadata(metadata(workload))
        .withAutomountServiceAccountToken(false)
        .build();
  }

  /**
   * The Deployment: non-root, no privilege escalation, no capabilities, the runtime's seccomp
   * profile (Pod Security restricted), requests and a memory limit on the container, no token.
   */
  static Deployment deployment(Workload workload, Application app) {
    ApplicationSpec spec = app.getSpec();
    Map<String, String> annotations = new TreeMap<>();
    if (workload.traces()) {
      annotations.put(INJECT_SDK, PlatformModel.INSTRUMENTATION);
    }
    return new DeploymentBuilder()
        .withMetadata(metadata(workload))
        .withNewSpec()
        .withReplicas(workload.autoscaling() == null ? workload.replicas() : null)
        .withNewSelector()
        .withMatchLabels(workload.selector())
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(workload.labels())
        .withAnnotations(annotations.isEmpty() ? null : annotations)
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(workload.name())
        .withAutomountServiceAccountToken(false)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .addNewVolume()
        .withName(SCRATCH_VOLUME)
        .withNewEmptyDir()
        .withSizeLimit(new Quantity(SCRATCH_SIZE))
        .endEmptyDir()
        .endVolume()
        .addNewContainer()
        .withName(workload.name())
        .withImage(workload.image().toString())
        .withImagePullPolicy(PULL_POLICY)
        .addNewVolumeMount()
        .withName(SCRATCH_VOLUME)
        .withMountPath(SCRATCH_PATH)
        .endVolumeMount()
        .withPorts(
            spec.getPorts().stream()
                .map(
                    p ->
                        new ContainerPortBuilder()
                            .withName(p.getName())
                            .withContainerPort(p.getPort())
                            .withProtocol("TCP")
                            .build())
                .toList())
        .withEnv(env(spec))
        .withNewResources()
        .withRequests(compute(workload.requestCpu(), workload.requestMemory()))
        .withLimits(compute(workload.limitCpu(), workload.limitMemory()))
        .endResources()
        .withReadinessProbe(
            probe(spec.getProbes() == null ? null : spec.getProbes().getReadiness()))
        .withLivenessProbe(probe(spec.getProbes() == null ? null : spec.getProbes().getLiveness()))
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withRunAsNonRoot(true)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /** At most one replica down at a time for voluntary disruptions such as node drains. */
  static PodDisruptionBudget disruptionBudget(Workload workload) {
    return new PodDisruptionBudgetBuilder()
        .withMetadata(metadata(workload))
        .withNewSpec()
        .withMaxUnavailable(new IntOrString(1))
        .withNewSelector()
        .withMatchLabels(workload.selector())
        .endSelector()
        .endSpec()
        .build();
  }

  static HorizontalPodAutoscaler autoscaler(Workload workload) {
    AutoscalingSpec hpa = workload.autoscaling();
    return new HorizontalPodAutoscalerBuilder()
        .withMetadata(metadata(workload))
        .withNewSpec()
        .withNewScaleTargetRef()
        .withApiVersion("apps/v1")
        .withKind("Deployment")
        .withName(workload.name())
        .endScaleTargetRef()
        .withMinReplicas(workload.minimumReplicas())
        .withMaxReplicas(hpa.getMaxReplicas())
        .addNewMetric()
        .withType("Resource")
        .withNewResource()
        .withName("cpu")
        .withNewTarget()
        .withType("Utilization")
        .withAverageUtilization(
            hpa.getTargetCPUUtilizationPercentage() == null
                ? Workload.DEFAULT_CPU_TARGET
                : hpa.getTargetCPUUtilizationPercentage())
        .endTarget()
        .endResource()
        .endMetric()
        .endSpec()
        .build();
  }

  /**
   * Every object of a workload: its name, its environment's namespace, its ownership labels, and
   * its sync wave.
   */
  private static ObjectMeta metadata(Workload workload) {
    return new ObjectMetaBuilder()
        .withName(workload.name())
        .withNamespace(workload.namespace())
        .withLabels(workload.labels())
        .withAnnotations(java.util.Map.of("argocd.argoproj.io/sync-wave", WAVE))
        .build();
  }

  /** Plain values as they are; secret values by reference only, never the value itself. */
  private static List<EnvVar> env(ApplicationSpec spec) {
    List<EnvVarSpec> env = spec.getEnv() == null ? List.of() : spec.getEnv();
    return env.stream()
        .map(
            e ->
                e.getFromSecret() == null
                    ? new EnvVarBuilder().withName(e.getName()).withValue(e.getValue()).build()
                    : new EnvVarBuilder()
                        .withName(e.getName())
                        .withNewValueFrom()
                        .withNewSecretKeyRef()
                        .withName(e.getFromSecret().getName())
                        .withKey(e.getFromSecret().getKey())
                        .endSecretKeyRef()
                        .endValueFrom()
                        .build())
        .toList();
  }

  private static Map<String, Quantity> compute(String cpu, String memory) {
    Map<String, Quantity> amounts = new TreeMap<>();
    if (cpu != null) {
      amounts.put("cpu", new Quantity(cpu));
    }
    if (memory != null) {
      amounts.put("memory", new Quantity(memory));
    }
    return amounts;
  }

  private static Probe probe(ProbeSpec probe) {
    if (probe == null) {
      return null;
    }
    ProbeBuilder builder =
        new ProbeBuilder()
            .withInitialDelaySeconds(probe.getInitialDelaySeconds())
            .withPeriodSeconds(probe.getPeriodSeconds());
    IntOrString port = new IntOrString(probe.getPort());
    if (probe.getPath() != null) {
      builder.withNewHttpGet().withPath(probe.getPath()).withPort(port).endHttpGet();
    } else {
      builder.withNewTcpSocket().withPort(port).endTcpSocket();
    }
    return builder.build();
  }
}
