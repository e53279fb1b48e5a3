package dev.bulwark.spec;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec;
import dev.bulwark.api.v1alpha1.ApplicationSpec.AppEnvironmentSpec;
import dev.bulwark.api.v1alpha1.AutoscalingSpec;
import dev.bulwark.api.v1alpha1.EnvVarSpec;
import dev.bulwark.api.v1alpha1.ProbeSpec;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.api.v1alpha1.TenantSpec;
import dev.bulwark.spec.SpecCheck.Finding;
import dev.bulwark.spec.schema.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checks of one Application against its Tenant, without file positions: something to run (an
 * image, a build or the application's own manifests, never an image and manifests both),
 * environments of the tenant listed once, replicas within the pod quota, an autoscaler whose
 * minimum is at most its maximum, probes on declared ports, environment variables from declared
 * secrets, unique ports, hosts routed to a declared port and environment, and no promotion into the
 * first environment. The CLI loader places the findings at their file and line; the operator
 * reports them in an {@code InvalidSpec} condition (ADR 0020).
 */
public final class ApplicationRules {

  /** Fields that shape the workload Bulwark renders; meaningless beside the app's own manifests. */
  private static final List<String> WORKLOAD_FIELDS = List.of("resources", "probes", "env");

  private final String name;
  private final ApplicationSpec spec;
  private final List<Finding> findings = new ArrayList<>();

  private ApplicationRules(Application app) {
    this.name = app.getMetadata().getName();
    this.spec = app.getSpec();
  }

  /** Every problem of {@code app}; {@code tenant} is its Tenant, or null when it is unknown. */
  public static List<Finding> check(Application app, Tenant tenant) {
    ApplicationRules rules = new ApplicationRules(app);
    rules.workload();
    if (tenant != null) {
      rules.environments(tenant);
    }
    rules.probes();
    rules.env();
    rules.ports();
    rules.environmentNames();
    rules.hosts(tenant);
    rules.noPromotionIntoTheFirst();
    return List.copyOf(rules.findings);
  }

  private void add(String fieldPath, String message) {
    findings.add(new Finding("Application", name, fieldPath, message));
  }

  private void workload() {
    boolean image = spec.getImage() != null;
    if (spec.getSource() != null) {
      if (image) {
        add(
            "spec.image",
            "an application either names an image for Bulwark to run or brings its own manifests"
                + " in spec.source, not both; remove spec.image, or spec.source");
      }
      for (String field : setWorkloadFields()) {
        add(
            "spec." + field,
            "spec."
                + field
                + " shapes the workload Bulwark renders from spec.image; with spec.source the"
                + " application's own manifests define it, so remove spec."
                + field);
      }
    } else if (!image && spec.getBuild() == null) {
      add(
          "spec.image",
          "expected something to run: spec.image (repository[:tag][@sha256:digest]), a"
              + " spec.build that produces the image, or spec.source with the application's own"
              + " manifests; found none");
    }
  }

  private List<String> setWorkloadFields() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("resources", spec.getResources());
    values.put("probes", spec.getProbes());
    values.put("env", spec.getEnv() == null || spec.getEnv().isEmpty() ? null : spec.getEnv());
    return WORKLOAD_FIELDS.stream().filter(f -> values.get(f) != null).toList();
  }

  private void environments(Tenant tenant) {
    String tenantName = tenant.getMetadata().getName();
    TenantSpec.QuotaSpec tenantQuota = tenant.getSpec().getQuota();
    Map<String, TenantSpec.EnvironmentSpec> known = new LinkedHashMap<>();
    tenant.getSpec().getEnvironments().forEach(e -> known.putIfAbsent(e.getName(), e));
    List<AppEnvironmentSpec> environments = spec.getEnvironments();
    for (int i = 0; i < environments.size(); i++) {
      AppEnvironmentSpec env = environments.get(i);
      String at = "spec.environments[" + i + "]";
      TenantSpec.EnvironmentSpec tenantEnv = known.get(env.getName());
      if (tenantEnv == null) {
        add(
            at + ".name",
            noSuchEnvironment(tenantName, env.getName(), new TreeSet<>(known.keySet())));
        continue;
      }
      autoscaling(env.getAutoscaling(), at + ".autoscaling");
      int pods = podQuota(tenantEnv.getQuota(), tenantQuota);
      if (env.getAutoscaling() != null) {
        AutoscalingSpec hpa = env.getAutoscaling();
        if (spec.getSource() != null) {
          add(
              at + ".autoscaling",
              "autoscaling scales the workload Bulwark renders from spec.image; with spec.source"
                  + " the application's own manifests define it, so remove it");
        } else if (hpa.getMaxReplicas() != null && hpa.getMaxReplicas() > pods) {
          add(
              at + ".autoscaling.maxReplicas",
              overQuota(hpa.getMaxReplicas(), pods, tenantName, env.getName(), tenantEnv));
        }
      } else if (env.getReplicas() != null && env.getReplicas() > pods) {
        add(
            at + ".replicas",
            overQuota(env.getReplicas(), pods, tenantName, env.getName(), tenantEnv));
      }
    }
  }

  private void autoscaling(AutoscalingSpec hpa, String at) {
    if (hpa == null || hpa.getMinReplicas() == null || hpa.getMaxReplicas() == null) {
      return;
    }
    if (hpa.getMinReplicas() > hpa.getMaxReplicas()) {
      add(
          at + ".minReplicas",
          "expected minReplicas at most maxReplicas ("
              + hpa.getMaxReplicas()
              + "), found "
              + hpa.getMinReplicas());
    }
  }

  /** The pods an environment may run: its own quota, else the tenant's, else the default. */
  static int podQuota(TenantSpec.QuotaSpec environment, TenantSpec.QuotaSpec tenant) {
    if (environment != null && environment.getPods() != null) {
      return environment.getPods();
    }
    if (tenant != null && tenant.getPods() != null) {
      return tenant.getPods();
    }
    return TenantSpec.QuotaSpec.DEFAULT_PODS;
  }

  private static String overQuota(
      int replicas, int pods, String tenant, String env, TenantSpec.EnvironmentSpec tenantEnv) {
    String source =
        tenantEnv.getQuota() != null && tenantEnv.getQuota().getPods() != null
            ? "the quota of environment `" + env + "` of tenant `" + tenant + "`"
            : "the pod quota of tenant `" + tenant + "`";
    return "expected at most "
        + pods
        + " replicas, "
        + source
        + " (quota.pods), found "
        + replicas
        + "; lower the replicas or raise the quota";
  }

  private void probes() {
    if (spec.getProbes() == null) {
      return;
    }
    probe(spec.getProbes().getReadiness(), "spec.probes.readiness");
    probe(spec.getProbes().getLiveness(), "spec.probes.liveness");
  }

  private void probe(ProbeSpec probe, String at) {
    if (probe == null || probe.getPort() == null) {
      return;
    }
    Set<String> ports = new TreeSet<>();
    spec.getPorts().forEach(p -> ports.add(p.getName()));
    if (!ports.contains(probe.getPort())) {
      add(
          at + ".port",
          "no port named `"
              + probe.getPort()
              + "` in spec.ports; expected "
              + (ports.isEmpty()
                  ? "a port declared in spec.ports, but there is none"
                  : "one of " + String.join(", ", ports))
              + suggestion(probe.getPort(), ports));
    }
  }

  private void env() {
    List<EnvVarSpec> env = spec.getEnv() == null ? List.of() : spec.getEnv();
    Set<String> secrets = new TreeSet<>();
    if (spec.getSecrets() != null) {
      spec.getSecrets().forEach(s -> secrets.add(s.getName()));
    }
    Set<String> names = new TreeSet<>();
    for (int i = 0; i < env.size(); i++) {
      EnvVarSpec variable = env.get(i);
      String at = "spec.env[" + i + "]";
      if (variable.getName() != null && !names.add(variable.getName())) {
        add(at + ".name", "duplicate environment variable `" + variable.getName() + "`");
      }
      if ((variable.getValue() == null) == (variable.getFromSecret() == null)) {
        add(at, "expected exactly one of value and fromSecret");
        continue;
      }
      EnvVarSpec.SecretKeySpec ref = variable.getFromSecret();
      if (ref != null && !secrets.contains(ref.getName())) {
        add(
            at + ".fromSecret.name",
            "secret `"
                + ref.getName()
                + "` is not one of the application's spec.secrets; expected "
                + (secrets.isEmpty()
                    ? "a secret declared in spec.secrets, but there is none"
                    : "one of " + String.join(", ", secrets))
                + suggestion(ref.getName(), secrets));
      }
    }
  }

  private void ports() {
    List<ApplicationSpec.PortSpec> ports = spec.getPorts();
    Set<String> names = new TreeSet<>();
    Map<Integer, Integer> numbers = new LinkedHashMap<>();
    for (int i = 0; i < ports.size(); i++) {
      ApplicationSpec.PortSpec port = ports.get(i);
      String at = "spec.ports[" + i + "]";
      if (!names.add(port.getName())) {
        add(at + ".name", "duplicate port name `" + port.getName() + "`");
      }
      Integer earlier = numbers.putIfAbsent(port.getPort(), i);
      if (earlier != null) {
        add(
            at + ".port",
            "duplicate port "
                + port.getPort()
                + ": already declared at spec.ports["
                + earlier
                + "]");
      }
    }
  }

  /** Duplicates only: {@link #environments} reports environments the tenant lacks. */
  private void environmentNames() {
    Map<String, Integer> seen = new LinkedHashMap<>();
    List<AppEnvironmentSpec> environments = spec.getEnvironments();
    for (int i = 0; i < environments.size(); i++) {
      String env = environments.get(i).getName();
      Integer earlier = seen.putIfAbsent(env, i);
      if (earlier != null) {
        add(
            "spec.environments[" + i + "].name",
            "duplicate environment `"
                + env
                + "`: already listed at spec.environments["
                + earlier
                + "]");
      }
    }
  }

  /** Each host routes to a declared port, in an environment of the tenant and of the app. */
  private void hosts(Tenant tenant) {
    Set<String> ports = new TreeSet<>();
    spec.getPorts().forEach(p -> ports.add(p.getName()));
    Set<String> appEnvironments = new TreeSet<>();
    spec.getEnvironments().forEach(e -> appEnvironments.add(e.getName()));
    Set<String> tenantEnvironments = new TreeSet<>();
    if (tenant != null) {
      tenant.getSpec().getEnvironments().forEach(e -> tenantEnvironments.add(e.getName()));
    }
    for (int i = 0; i < spec.getHosts().size(); i++) {
      ApplicationSpec.HostSpec host = spec.getHosts().get(i);
      String at = "spec.hosts[" + i + "]";
      if (ports.isEmpty()) {
        add(at, "a host needs a port to route to, but spec.ports is empty");
      } else if (host.getPort() != null && !ports.contains(host.getPort())) {
        add(
            at + ".port",
            "no port named `"
                + host.getPort()
                + "` in spec.ports; expected one of "
                + String.join(", ", ports)
                + suggestion(host.getPort(), ports));
      }
      if (tenant != null && !tenantEnvironments.contains(host.getEnvironment())) {
        add(
            at + ".environment",
            noSuchEnvironment(
                tenant.getMetadata().getName(), host.getEnvironment(), tenantEnvironments));
      } else if (!appEnvironments.isEmpty() && !appEnvironments.contains(host.getEnvironment())) {
        add(
            at + ".environment",
            "the application does not run in environment `"
                + host.getEnvironment()
                + "`; expected one of its spec.environments: "
                + String.join(", ", appEnvironments));
      }
    }
  }

  /** Nothing comes before the first environment, so nothing can be promoted into it. */
  private void noPromotionIntoTheFirst() {
    List<AppEnvironmentSpec> environments = spec.getEnvironments();
    if (!environments.isEmpty() && environments.get(0).getPromotion() != null) {
      add(
          "spec.environments[0].promotion",
          "`"
              + environments.get(0).getName()
              + "` is the application's first environment: a release starts there, nothing is"
              + " promoted into it; remove promotion here and set it on a later environment");
    }
  }

  static String noSuchEnvironment(String tenant, String env, Set<String> environments) {
    return "tenant `"
        + tenant
        + "` has no environment `"
        + env
        + "`; expected one of "
        + String.join(", ", environments)
        + suggestion(env, environments);
  }

  private static String suggestion(String word, Set<String> candidates) {
    return Suggestions.closest(Objects.requireNonNullElse(word, ""), new ArrayList<>(candidates))
        .map(s -> "; did you mean `" + s + "`?")
        .orElse("");
  }
}
