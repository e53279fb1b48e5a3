package dev.bulwark.platform.traces;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec.ObservabilitySpec;
import dev.bulwark.platform.stack.Backend;
import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.ComponentApplication;
import dev.bulwark.platform.stack.ComponentUnit;
import dev.bulwark.platform.stack.CustomResource;
import dev.bulwark.platform.stack.PlatformCatalog;
import dev.bulwark.platform.stack.PlatformObjects;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.SyncWave;
import dev.bulwark.platform.stack.Values;
import dev.bulwark.render.Ownership;
import dev.bulwark.render.model.EnvironmentModel;
import dev.bulwark.render.model.PlatformModel;
import dev.bulwark.render.model.TenantModel;
import dev.bulwark.render.routing.RoutingUnit;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Traces: the OpenTelemetry Operator, a collector that sends to Jaeger, and in every environment of
 * an application that wants traces an Instrumentation pointing at the collector, with the network
 * policy that lets the environment reach it.
 */
public final class TracesUnit extends ComponentUnit {

  public static final String COLLECTOR = "bulwark";
  public static final String INSTRUMENTATION = PlatformModel.INSTRUMENTATION;

  public TracesUnit() {}

  public TracesUnit(PlatformCatalog catalog) {
    super(catalog);
  }

  @Override
  public String capability() {
    return "traces";
  }

  @Override
  protected List<HasMetadata> render(Stack stack, Component component) {
    List<HasMetadata> objects = new ArrayList<>();
    String jaegerNamespace = component.install("jaeger").namespace();
    objects.add(PlatformObjects.namespace(component.namespace(), capability(), "restricted"));
    objects.add(PlatformObjects.namespace(jaegerNamespace, capability(), "restricted"));
    objects.add(
        ComponentApplication.of(stack, component, "opentelemetry-operator")
            .values(
                Values.map(
                    "manager",
                        Values.map(
                            "collectorImage",
                            Values.map(
                                "repository",
                                stack.imageRepository("otel/opentelemetry-collector-contrib"))),
                    "admissionWebhooks",
                        Values.map(
                            "certManager",
                            Values.map("enabled", stack.has("certificates")),
                            "autoGenerateCert",
                            Values.map("enabled", !stack.has("certificates")))))
            .build());
    objects.add(
        ComponentApplication.of(stack, component, "jaeger")
            .values(
                Values.map(
                    // The chart sets only a user; the restricted jaeger namespace needs the rest.
                    "allInOne",
                    Values.map(
                        "enabled",
                        true,
                        "podSecurityContext",
                        Values.map(
                            "runAsUser",
                            10001,
                            "runAsGroup",
                            10001,
                            "fsGroup",
                            10001,
                            "runAsNonRoot",
                            true,
                            "seccompProfile",
                            Values.map("type", "RuntimeDefault")),
                        "securityContext",
                        Values.map(
                            "allowPrivilegeEscalation",
                            false,
                            "capabilities",
                            Values.map("drop", Values.list("ALL")))),
                    "storage",
                    Values.map("type", "memory"),
                    "agent",
                    Values.map("enabled", false),
                    "collector",
                    Values.map("enabled", false),
                    "query",
                    Values.map("enabled", false)))
            .build());
    objects.add(Backend.jaegerQuery(stack).service());
    objects.add(Backend.jaegerOtlp(stack).service());
    objects.add(collector(stack, jaegerNamespace));
    for (TenantModel tenant : stack.tenants()) {
      Set<EnvironmentModel> traced = new LinkedHashSet<>();
      for (Application app : tenant.applications()) {
        ObservabilitySpec obs = app.getSpec().getObservability();
        if (obs != null && Boolean.TRUE.equals(obs.getTraces())) {
          traced.addAll(RoutingUnit.environmentsOf(app, tenant));
        }
      }
      for (EnvironmentModel env : traced) {
        objects.add(instrumentation(stack, tenant, env, jaegerNamespace));
        objects.add(egressToCollector(tenant, env, jaegerNamespace));
      }
    }
    return objects;
  }

  /** The collector runs beside Jaeger and forwards OTLP to it. */
  private static HasMetadata collector(Stack stack, String namespace) {
    CollectorConfig config =
        new CollectorConfig(
            Backend.jaegerOtlp(stack).name()
                + "."
                + namespace
                + ".svc:"
                + CollectorConfig.OTLP_GRPC_PORT);
    return CustomResource.of("opentelemetry.io/v1beta1", "OpenTelemetryCollector")
        .name(COLLECTOR)
        .namespace(namespace)
        .labels(Ownership.platform())
        .wave(SyncWave.RESOURCES)
        .spec(Values.map("mode", "deployment", "replicas", 1, "config", config.toValues()))
        .build();
  }

  /** The collector's OTLP endpoint as the operator names its Service: {@code <name>-collector}. */
  public static String collectorEndpoint(String namespace) {
    return "http://"
        + COLLECTOR
        + "-collector."
        + namespace
        + ".svc:"
        + CollectorConfig.OTLP_HTTP_PORT;
  }

  private static HasMetadata instrumentation(
      Stack stack, TenantModel tenant, EnvironmentModel env, String namespace) {
    return CustomResource.of("opentelemetry.io/v1alpha1", "Instrumentation")
        .name(INSTRUMENTATION)
        .namespace(env.namespace())
        .labels(Ownership.environment(tenant.name(), env.name()))
        .wave(SyncWave.TENANTS)
        .spec(
            Values.map(
                "exporter", Values.map("endpoint", collectorEndpoint(namespace)),
                "propagators", Values.list("tracecontext", "baggage"),
                "sampler", Values.map("type", "parentbased_traceidratio", "argument", "1"),
                "resource",
                    Values.map(
                        "resourceAttributes",
                        Values.map("tenant", tenant.name(), "environment", env.name()))))
        .build();
  }

  /** Tenant namespaces deny egress by default; traces may leave for the collector only. */
  private static HasMetadata egressToCollector(
      TenantModel tenant, EnvironmentModel env, String namespace) {
    return CustomResource.withWave(
        new NetworkPolicyBuilder()
            .withNewMetadata()
            .withName("allow-traces-egress")
            .withNamespace(env.namespace())
            .withLabels(Ownership.environment(tenant.name(), env.name()))
            .endMetadata()
            .withNewSpec()
            .withNewPodSelector()
            .endPodSelector()
            .withPolicyTypes("Egress")
            .addNewEgress()
            .addNewTo()
            .withNewNamespaceSelector()
            .addToMatchLabels("kubernetes.io/metadata.name", namespace)
            .endNamespaceSelector()
            .endTo()
            .addNewPort()
            .withProtocol("TCP")
            .withPort(new IntOrString(CollectorConfig.OTLP_GRPC_PORT))
            .endPort()
            .addNewPort()
            .withProtocol("TCP")
            .withPort(new IntOrString(CollectorConfig.OTLP_HTTP_PORT))
            .endPort()
            .endEgress()
            .endSpec()
            .build(),
        SyncWave.TENANTS);
  }
}
