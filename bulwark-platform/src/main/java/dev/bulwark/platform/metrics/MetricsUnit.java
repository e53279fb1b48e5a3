package dev.bulwark.platform.metrics;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec.ObservabilitySpec;
import dev.bulwark.api.v1alpha1.ApplicationSpec.PortSpec;
import dev.bulwark.platform.identity.OidcClient;
import dev.bulwark.platform.identity.OidcClients;
import dev.bulwark.platform.secrets.PlatformSecrets;
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
import dev.bulwark.render.Names;
import dev.bulwark.render.Ownership;
import dev.bulwark.render.model.EnvironmentModel;
import dev.bulwark.render.model.TenantModel;
import dev.bulwark.render.routing.RoutingUnit;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitorBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Metrics: kube-prometheus-stack with Grafana wired to the platform's identity and to every
 * backend, for each application that asks, a ServiceMonitor and an availability alert in each of
 * its environments, and the alerts on the scorecard the operator keeps.
 */
public final class MetricsUnit extends ComponentUnit {

  public MetricsUnit() {}

  public MetricsUnit(PlatformCatalog catalog) {
    super(catalog);
  }

  @Override
  public String capability() {
    return "metrics";
  }

  @Override
  protected List<HasMetadata> render(Stack stack, Component component) {
    List<HasMetadata> objects = new ArrayList<>();
    String namespace = component.namespace();
    // Node exporters read the host's network and process tables.
    objects.add(PlatformObjects.namespace(namespace, capability(), "privileged"));
    objects.add(
        ComponentApplication.of(stack, component, "kube-prometheus-stack")
            .values(
                Values.map(
                    "crds", Values.map("enabled", true),
                    "prometheus",
                        Values.map(
                            "prometheusSpec",
                            Values.map(
                                // Select every ServiceMonitor and rule, not only the chart's own.
                                "serviceMonitorSelectorNilUsesHelmValues", false,
                                "podMonitorSelectorNilUsesHelmValues", false,
                                "ruleSelectorNilUsesHelmValues", false,
                                "retention", "15d")),
                    "grafana", GrafanaValues.of(stack)))
            .build());
    objects.add(Backend.prometheus(stack).service());
    OidcClient client = OidcClients.require(stack, OidcClients.GRAFANA);
    objects.addAll(
        PlatformSecrets.copy(
            stack,
            client.secretName(),
            namespace,
            client.storePath(),
            List.of(OidcClient.SECRET_KEY)));
    if (stack.component("logs").map(c -> c.is("eck")).orElse(false)) {
      objects.addAll(
          PlatformSecrets.copy(
              stack,
              GrafanaValues.ELASTICSEARCH_SECRET,
              namespace,
              GrafanaValues.ELASTICSEARCH_STORE_PATH,
              List.of("password")));
    }
    objects.add(
        PlatformObjects.route(
            stack,
            "grafana",
            namespace,
            GrafanaValues.host(stack),
            "kube-prometheus-stack-grafana",
            80));
    for (TenantModel tenant : stack.tenants()) {
      for (Application app : tenant.applications()) {
        ObservabilitySpec obs = app.getSpec().getObservability();
        if (obs == null || obs.getMetricsPath() == null || app.getSpec().getPorts().isEmpty()) {
          continue;
        }
        for (EnvironmentModel env : RoutingUnit.environmentsOf(app, tenant)) {
          objects.add(serviceMonitor(tenant, env, app, obs));
          if (obs.getAvailabilityObjective() != null) {
            objects.add(SloRules.of(tenant, env, app, obs.getAvailabilityObjective()));
          }
        }
      }
    }
    // after the applications' rules: the scorecard's alerts (ADR 0043)
    objects.add(ScorecardRules.of(namespace));
    return objects;
  }

  private static HasMetadata serviceMonitor(
      TenantModel tenant, EnvironmentModel env, Application app, ObservabilitySpec obs) {
    String name = app.getMetadata().getName();
    PortSpec port =
        app.getSpec().getPorts().stream()
            .filter(p -> p.getName().equals(obs.getMetricsPort()))
            .findFirst()
            .orElse(app.getSpec().getPorts().get(0));
    return CustomResource.withWave(
        new ServiceMonitorBuilder()
            .withNewMetadata()
            .withName(Names.label(name))
            .withNamespace(env.namespace())
            .withLabels(Ownership.application(tenant.name(), env.name(), name))
            .endMetadata()
            .withNewSpec()
            .withNewSelector()
            .addToMatchLabels("app.kubernetes.io/name", name)
            .endSelector()
            .addNewEndpoint()
            .withPort(port.getName())
            .withPath(obs.getMetricsPath())
            .withInterval("30s")
            .endEndpoint()
            .endSpec()
            .build(),
        SyncWave.TENANTS);
  }
}
