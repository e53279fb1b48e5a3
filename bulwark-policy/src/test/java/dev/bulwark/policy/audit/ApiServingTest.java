package dev.bulwark.policy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.catalog.upgrade.RemovedApis;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.policy.library.Kinds;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.testkit.Needed;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The tables behind {@link ApiServing}, checked against Kubernetes' own OpenAPI schema in
 * ../shared: the groups it calls Kubernetes' are exactly the schema's (plus the removed {@code
 * extensions}), and each kind it checks is served under exactly the version it expects.
 */
class ApiServingTest {

  private final ApiServing serving = ApiServing.standard();

  @Test
  void everyRemovedVersionInTheUpgradeTableIsReportedAsRemoved() {
    RemovedApis.standard()
        .all()
        .forEach(
            api ->
                assertThat(serving.judge(api.kind(), api.apiVersion()))
                    .as(api.kind() + " " + api.apiVersion())
                    .isInstanceOfSatisfying(
                        ApiServing.Unservable.class,
                        u -> assertThat(u.policy()).isEqualTo(ApiServing.REMOVED)));
  }

  @Test
  void servedBuiltInAndCustomKindsAreToldApart() {
    assertThat(serving.judge("Deployment", "apps/v1")).isInstanceOf(ApiServing.Served.class);
    assertThat(serving.judge("Secret", "v1")).isInstanceOf(ApiServing.Served.class);
    assertThat(serving.judge("HTTPRoute", "gateway.networking.k8s.io/v1beta1"))
        .isInstanceOf(ApiServing.Custom.class);
    assertThat(serving.judge("Certificate", "cert-manager.io/v1"))
        .isInstanceOf(ApiServing.Custom.class);
    assertThat(serving.judge("CronJob", "batch/v1beta1"))
        .isInstanceOfSatisfying(
            ApiServing.Unservable.class,
            u ->
                assertThat(u.message())
                    .isEqualTo(
                        "CronJob batch/v1beta1 was removed in Kubernetes 1.25; use batch/v1"));
    assertThat(serving.judge("PodSecurityPolicy", "policy/v1beta1"))
        .isInstanceOfSatisfying(
            ApiServing.Unservable.class,
            u ->
                assertThat(u.message())
                    .startsWith(
                        "PodSecurityPolicy policy/v1beta1 was removed in Kubernetes 1.25; it has no replacement"));
    assertThat(serving.judge("Service", "apps/v1"))
        .isInstanceOfSatisfying(
            ApiServing.Unservable.class,
            u ->
                assertThat(u.message())
                    .isEqualTo("cannot be judged: Kubernetes serves Service as v1, not apps/v1"));
  }

  @Test
  void theTablesAgreeWithKubernetesOpenApiSchema() throws Exception {
    Optional<Path> swagger = SharedData.resolve("k8s-openapi/swagger.json");
    Needed.require(
        swagger.isPresent(), "Kubernetes' OpenAPI schema (../shared/k8s-openapi/swagger.json)");
    Set<String> groups = new TreeSet<>();
    Map<String, Set<String>> servedByKind = new HashMap<>();
    for (JsonNode definition :
        new ObjectMapper().readTree(swagger.get().toFile()).path("definitions")) {
      for (JsonNode gvk : definition.path("x-kubernetes-group-version-kind")) {
        String group = gvk.path("group").asText();
        groups.add(group);
        servedByKind
            .computeIfAbsent(gvk.path("kind").asText(), k -> new TreeSet<>())
            .add(
                group.isEmpty()
                    ? gvk.path("version").asText()
                    : group + "/" + gvk.path("version").asText());
      }
    }
    groups.add("extensions");
    assertThat(new TreeSet<>(ApiServing.KUBERNETES_GROUPS)).isEqualTo(groups);
    for (String kind :
        PolicyLibrary.standard().policies().stream()
            .flatMap(p -> p.match().kinds().stream())
            .distinct()
            .toList()) {
      Kinds.Kind known = Kinds.require(kind);
      if (ApiServing.KUBERNETES_GROUPS.contains(known.group())) {
        assertThat(servedByKind.get(kind)).as(kind).containsExactly(known.apiVersion());
      }
    }
    // No removed version is still served: the removed table and the schema do not overlap.
    RemovedApis.standard()
        .all()
        .forEach(
            api ->
                assertThat(servedByKind.getOrDefault(api.kind(), Set.of()))
                    .as(api.kind())
                    .doesNotContain(api.apiVersion()));
  }
}
