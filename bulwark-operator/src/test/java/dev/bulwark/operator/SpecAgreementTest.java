package dev.bulwark.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code bulwark validate} (the loader) accepts an Application exactly when a real API server does
 * (create with dry-run), over seeded random specs drawn from the domains of the checks local to one
 * object (ADR 0036): image, source, env, environments with promotion, replicas and autoscaling,
 * ports; valid and invalid values of each. The Platform and Tenant around it are valid, so every
 * refusal comes from the Application itself. {@code -Dbulwark.agreement.seed=N} replays a run; a
 * disagreement prints the spec and both verdicts.
 */
@RealApiServer
class SpecAgreementTest {

  private static final String GROUP_VERSION = "bulwark.dev/v1alpha1";
  private static final String NAMESPACE = "agree-dev";
  private static final int CASES = 150;
  private static final String PLATFORM =
      "apiVersion: bulwark.dev/v1alpha1\nkind: Platform\nmetadata: {name: test}\n"
          + "spec: {domain: example.test}\n";
  private static final String TENANT =
      "apiVersion: bulwark.dev/v1alpha1\nkind: Tenant\nmetadata: {name: agree}\n"
          + "spec: {environments: [{name: dev}, {name: stage}, {name: prod}]}\n";

  @BeforeAll
  static void crds(KubernetesClient admin) {
    LiveFixture.installCrds(admin);
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
  }

  @Test
  void validateAcceptsExactlyWhatTheApiServerAccepts(KubernetesClient admin) {
    long seed = Long.getLong("bulwark.agreement.seed", 36L);
    Random random = new Random(seed);
    List<String> disagreements = new ArrayList<>();
    int accepted = 0;
    for (int i = 0; i < CASES; i++) {
      Map<String, Object> app = new Generator(random).application("a" + i);
      String json = Serialization.asJson(app);
      LoadResult loaded =
          SpecLoader.loadStrings(
              Map.of("platform.yaml", PLATFORM, "tenant.yaml", TENANT, "app.yaml", json));
      String refusal = apiServerRefusal(admin, app);
      if (loaded.ok() != (refusal == null)) {
        disagreements.add(
            "seed "
                + seed
                + " case "
                + i
                + ": validate "
                + (loaded.ok() ? "accepts" : "refuses:\n" + loaded.report())
                + "\nthe API server "
                + (refusal == null ? "accepts" : "refuses: " + refusal)
                + "\nspec: "
                + json);
      }
      accepted += loaded.ok() ? 1 : 0;
    }
    assertThat(disagreements).as("validate and the API server disagree").isEmpty();
    assertThat(accepted)
        .as("the generator reaches both verdicts")
        .isBetween(CASES / 10, CASES - CASES / 10);
  }

  @Test
  void helmValuesOfAnyShapeAreAcceptedByBothAndKeptWhole(KubernetesClient admin) {
    String platform =
        "apiVersion: bulwark.dev/v1alpha1\nkind: Platform\nmetadata: {name: values}\nspec:\n"
            + "  domain: example.test\n  components:\n    gitops:\n      values:\n"
            + "        replicaCount: 2\n"
            + "        server: {extraArgs: [--insecure], resources: {limits: {cpu: 500m}}}\n";
    assertThat(SpecLoader.loadStrings(Map.of("platform.yaml", platform)).errors()).isEmpty();
    GenericKubernetesResource created =
        admin
            .genericKubernetesResources(GROUP_VERSION, "Platform")
            .resource(Serialization.unmarshal(platform, GenericKubernetesResource.class))
            .dryRun()
            .create();
    // The API server prunes what its schema does not allow, so compare what it would store.
    assertThat(Serialization.asJson(created.getAdditionalProperties().get("spec")))
        .contains("\"replicaCount\":2", "\"extraArgs\":[\"--insecure\"]", "\"cpu\":\"500m\"");
  }

  /** The API server's message when it refuses {@code app} on a dry-run create, or null. */
  private static String apiServerRefusal(KubernetesClient admin, Map<String, Object> app) {
    GenericKubernetesResource resource =
        Serialization.unmarshal(Serialization.asJson(app), GenericKubernetesResource.class);
    try {
      admin
          .genericKubernetesResources(GROUP_VERSION, "Application")
          .inNamespace(NAMESPACE)
          .resource(resource)
          .dryRun()
          .create();
      return null;
    } catch (KubernetesClientException e) {
      assertThat(e.getCode()).as("a refusal, not a failure: %s", e.getMessage()).isIn(400, 422);
      return e.getMessage();
    }
  }

  /** Draws each field from its rule's domain: absent, valid, or invalid for one reason. */
  private record Generator(Random random) {

    Map<String, Object> application(String name) {
      Map<String, Object> spec = new LinkedHashMap<>();
      spec.put("tenant", "agree");
      String valid = "registry.example.test/agree/api:1.0.0";
      put(spec, "image", pick(valid, valid, valid, valid, null, "Not An Image"));
      put(
          spec,
          "source",
          pick(null, null, null, null, Map.of("repoURL", "https://git.example.test/a.git")));
      Map<String, Object> variable = Map.of("name", "LOG_LEVEL", "value", "debug");
      put(
          spec,
          "env",
          pick(
              null,
              null,
              List.of(),
              List.of(variable),
              List.of(variable),
              List.of(Map.of("name", "LOG_LEVEL")),
              List.of(Map.of("name", "1BAD", "value", "x")),
              List.of(
                  Map.of(
                      "name",
                      "BOTH",
                      "value",
                      "x",
                      "fromSecret",
                      Map.of("name", "s", "key", "k")))));
      Map<String, Object> http = Map.of("name", "http", "port", 8080);
      put(
          spec,
          "ports",
          pick(null, List.of(http), List.of(http), List.of(Map.of("name", "http", "port", 70000))));
      if (random.nextInt(4) > 0) {
        spec.put("environments", environments());
      }
      Map<String, Object> app = new LinkedHashMap<>();
      app.put("apiVersion", GROUP_VERSION);
      app.put("kind", "Application");
      app.put("metadata", Map.of("name", name, "namespace", NAMESPACE));
      app.put("spec", spec);
      return app;
    }

    /** Up to three of the tenant's environments, at times repeated or misnamed. */
    private List<Map<String, Object>> environments() {
      List<String> names = List.of("dev", "stage", "prod");
      List<Map<String, Object>> environments = new ArrayList<>();
      int count = random.nextInt(4);
      for (int i = 0; i < count; i++) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("name", random.nextInt(8) == 0 ? pick("dev", "Bad_Name") : names.get(i));
        put(env, "promotion", pick(null, null, null, null, "auto", "manual", "sometimes"));
        put(env, "replicas", pick(null, null, null, 0, 2, 101, -1));
        put(
            env,
            "autoscaling",
            pick(
                null,
                null,
                null,
                null,
                null,
                Map.of("maxReplicas", 3),
                Map.of("minReplicas", 2, "maxReplicas", 4),
                Map.of("minReplicas", 5, "maxReplicas", 2),
                Map.of("minReplicas", 0, "maxReplicas", 3)));
        environments.add(env);
      }
      return environments;
    }

    private Object pick(Object... choices) {
      return choices[random.nextInt(choices.length)];
    }

    private static void put(Map<String, Object> map, String key, Object value) {
      if (value != null) {
        map.put(key, value);
      }
    }
  }
}
