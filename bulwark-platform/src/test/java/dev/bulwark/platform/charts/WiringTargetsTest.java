package dev.bulwark.platform.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.platform.charts.PlatformReleases.Release;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Service (and its port), ServiceAccount and ConfigMap that Bulwark's wiring objects point at
 * exists on the cluster once the components are installed: rendered by Bulwark, or in a component
 * chart's output (templated with Bulwark's values). A route to a Service name the chart does not
 * create, or a binding to a ServiceAccount nobody creates, is accepted by the API server and
 * silently does nothing.
 */
class WiringTargetsTest {

  static List<String> profiles() {
    return PlatformReleases.PROFILES;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("profiles")
  void everyRoutedServiceAndPortExists(String profile) {
    Map<String, Set<String>> services = ports(objects(profile, "Service"));
    services.putAll(operatorServices(profile));
    List<String> missing = new ArrayList<>();
    for (JsonNode route : rendered(profile, "HTTPRoute")) {
      String namespace = route.at("/metadata/namespace").asText();
      for (JsonNode ref : route.at("/spec/rules").findValues("backendRefs")) {
        for (JsonNode backend : ref) {
          if (backend.path("kind").asText("Service").equals("Service")) {
            check(
                services,
                backend.path("namespace").asText(namespace),
                backend.path("name").asText(),
                backend.path("port").asText(),
                "HTTPRoute " + namespace + "/" + route.at("/metadata/name").asText(),
                missing);
          }
        }
      }
    }
    for (JsonNode ingress : rendered(profile, "Ingress")) {
      String namespace = ingress.at("/metadata/namespace").asText();
      for (JsonNode service : ingress.at("/spec/rules").findValues("service")) {
        JsonNode port = service.path("port");
        check(
            services,
            namespace,
            service.path("name").asText(),
            port.has("number") ? port.get("number").asText() : port.path("name").asText(),
            "Ingress " + namespace + "/" + ingress.at("/metadata/name").asText(),
            missing);
      }
    }
    assertThat(missing).as("Services and ports of %s that nothing creates", profile).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("profiles")
  void everyBoundServiceAccountExists(String profile) {
    Set<String> accounts = new TreeSet<>();
    objects(profile, "ServiceAccount").forEach(a -> accounts.add(key(a)));
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (String kind : List.of("RoleBinding", "ClusterRoleBinding")) {
      for (JsonNode binding : rendered(profile, kind)) {
        for (JsonNode subject : binding.path("subjects")) {
          String account = subject.path("namespace").asText() + "/" + subject.path("name").asText();
          if (!subject.path("kind").asText().equals("ServiceAccount")) {
            continue;
          }
          checked++;
          if (!subject.path("name").asText().equals("default") && !accounts.contains(account)) {
            missing.add(
                kind
                    + " "
                    + binding.at("/metadata/name").asText()
                    + " binds ServiceAccount "
                    + account);
          }
        }
      }
    }
    assertThat(checked).as("ServiceAccounts bound by %s", profile).isPositive();
    assertThat(missing).as("ServiceAccounts of %s that nothing creates", profile).isEmpty();
  }

  /** Kubernetes creates these in every namespace. */
  private static final Set<String> IMPLICIT = Set.of("default", "kube-root-ca.crt");

  @ParameterizedTest(name = "{0}")
  @MethodSource("profiles")
  void everyServiceAccountAndConfigMapOfAWorkloadExists(String profile) {
    Set<String> accounts = new TreeSet<>();
    objects(profile, "ServiceAccount").forEach(a -> accounts.add(key(a)));
    Set<String> configMaps = new TreeSet<>();
    objects(profile, "ConfigMap").forEach(c -> configMaps.add(key(c)));
    List<String> missing = new ArrayList<>();
    int workloads = 0;
    for (String kind : List.of("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob")) {
      for (JsonNode workload : rendered(profile, kind)) {
        String namespace = workload.at("/metadata/namespace").asText();
        String from = kind + " " + key(workload);
        JsonNode pod =
            kind.equals("CronJob")
                ? workload.at("/spec/jobTemplate/spec/template/spec")
                : workload.at("/spec/template/spec");
        workloads++;
        String account = pod.path("serviceAccountName").asText("default");
        if (!IMPLICIT.contains(account) && !accounts.contains(namespace + "/" + account)) {
          missing.add(from + " runs as ServiceAccount " + account);
        }
        for (String field : List.of("configMap", "configMapRef", "configMapKeyRef")) {
          for (JsonNode ref : pod.findValues(field)) {
            String name = ref.path("name").asText();
            if (!ref.path("optional").asBoolean(false)
                && !IMPLICIT.contains(name)
                && !configMaps.contains(namespace + "/" + name)) {
              missing.add(from + " reads ConfigMap " + name);
            }
          }
        }
      }
    }
    assertThat(workloads).as("workloads Bulwark renders for %s", profile).isPositive();
    assertThat(missing)
        .as("ServiceAccounts and ConfigMaps of %s that nothing creates", profile)
        .isEmpty();
  }

  private static void check(
      Map<String, Set<String>> services,
      String namespace,
      String name,
      String port,
      String from,
      List<String> missing) {
    Set<String> known = services.get(namespace + "/" + name);
    if (known == null) {
      missing.add(from + " routes to Service " + namespace + "/" + name);
    } else if (!port.isEmpty() && !known.contains(port)) {
      missing.add(from + " routes to port " + port + " of " + namespace + "/" + name + " " + known);
    }
  }

  /**
   * The Services operators create for the custom resources Bulwark renders, named and numbered as
   * upstream documents them: the Keycloak operator's {@code <name>-service} (port 8080 with HTTP
   * enabled, 8443), ECK's {@code <name>-kb-http} (5601) and {@code <name>-es-http} (9200), and
   * Tekton Triggers' {@code el-<name>} for an EventListener (8080 by default).
   */
  private static Map<String, Set<String>> operatorServices(String profile) {
    Map<String, Set<String>> services = new HashMap<>();
    for (JsonNode keycloak : rendered(profile, "Keycloak")) {
      Set<String> ports = new TreeSet<>(Set.of(keycloak.at("/spec/http/httpsPort").asText("8443")));
      if (keycloak.at("/spec/http/httpEnabled").asBoolean(false)) {
        ports.add(keycloak.at("/spec/http/httpPort").asText("8080"));
      }
      services.put(key(keycloak) + "-service", ports);
    }
    rendered(profile, "Kibana").forEach(k -> services.put(key(k) + "-kb-http", Set.of("5601")));
    rendered(profile, "Elasticsearch")
        .forEach(e -> services.put(key(e) + "-es-http", Set.of("9200")));
    rendered(profile, "EventListener")
        .forEach(
            e ->
                services.put(
                    e.at("/metadata/namespace").asText() + "/el-" + e.at("/metadata/name").asText(),
                    Set.of("8080")));
    return services;
  }

  /** Bulwark's own objects of a kind. */
  private static List<JsonNode> rendered(String profile, String kind) {
    return PlatformReleases.objects(profile, kind);
  }

  /**
   * The objects of a kind that exist once the profile is installed: Bulwark's and its components'
   * (a chart's namespaced object without a namespace lands in the release's).
   */
  private static List<JsonNode> objects(String profile, String kind) {
    List<JsonNode> all = new ArrayList<>(rendered(profile, kind));
    for (Release release : PlatformReleases.releases(profile)) {
      for (JsonNode object : ChartOutput.objects(release)) {
        if (object.path("kind").asText().equals(kind)) {
          JsonNode copy = object.deepCopy();
          if (!copy.at("/metadata/namespace").isTextual()) {
            ((ObjectNode) copy.path("metadata")).put("namespace", release.namespace());
          }
          all.add(copy);
        }
      }
    }
    return all;
  }

  /** Service to the numbers and names of its ports. */
  private static Map<String, Set<String>> ports(List<JsonNode> services) {
    Map<String, Set<String>> ports = new HashMap<>();
    for (JsonNode service : services) {
      Set<String> known = ports.computeIfAbsent(key(service), k -> new TreeSet<>());
      for (JsonNode port : service.at("/spec/ports")) {
        known.add(port.path("port").asText());
        if (port.has("name")) {
          known.add(port.get("name").asText());
        }
      }
    }
    return ports;
  }

  private static String key(JsonNode object) {
    return object.at("/metadata/namespace").asText() + "/" + object.at("/metadata/name").asText();
  }
}
