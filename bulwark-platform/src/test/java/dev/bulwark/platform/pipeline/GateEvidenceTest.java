package dev.bulwark.platform.pipeline;

import static dev.bulwark.platform.pipeline.PipelineUnitTest.full;
import static dev.bulwark.platform.pipeline.PipelineUnitTest.list;
import static dev.bulwark.platform.pipeline.PipelineUnitTest.object;
import static dev.bulwark.platform.pipeline.PipelineUnitTest.render;
import static dev.bulwark.platform.pipeline.PipelineUnitTest.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.DastTask;
import dev.bulwark.platform.stack.TenantCi;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gate keeps its decisions as PolicyReports (ADR 0050): the pipeline's account may write them
 * in its tenant's environment namespaces only, and only the gate steps carry a token for it. (The
 * kinds come with Bulwark's own chart and installer, HelmChartTest.)
 */
class GateEvidenceTest {

  private static final String CI_NS = TenantCi.namespace("shop");
  private static final DesiredState STATE = render(full());

  @Test
  void theAccountMayOnlyWritePolicyReportsAndOnlyInItsTenantsEnvironments() {
    List<Role> roles =
        STATE.objects().stream()
            .map(DesiredObject::object)
            .filter(
                o -> o instanceof Role && o.getMetadata().getName().equals("bulwark-gate-evidence"))
            .map(Role.class::cast)
            .toList();
    assertThat(roles)
        .extracting(r -> r.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("shop-dev", "shop-prod");
    assertThat(roles)
        .allSatisfy(
            role ->
                assertThat(role.getRules())
                    .singleElement()
                    .satisfies(
                        rule -> {
                          assertThat(rule.getApiGroups()).containsExactly("wgpolicyk8s.io");
                          assertThat(rule.getResources()).containsExactly("policyreports");
                          assertThat(rule.getVerbs()).containsExactly("get", "create", "patch");
                        }));
    RoleBinding binding =
        (RoleBinding) object(STATE, "RoleBinding", "bulwark-gate-evidence", "shop-dev");
    assertThat(binding.getSubjects())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getName()).isEqualTo(DastTask.SERVICE_ACCOUNT);
              assertThat(s.getNamespace()).isEqualTo(CI_NS);
            });
    ServiceAccount account =
        (ServiceAccount) object(STATE, "ServiceAccount", DastTask.SERVICE_ACCOUNT, CI_NS);
    assertThat(account.getAutomountServiceAccountToken()).isFalse();
  }

  @Test
  void onlyTheGateStepsMountATokenAndKeepTheirDecision() {
    for (String task : List.of(ScanTasks.GATE, DastTask.NAME)) {
      Map<String, Object> spec = spec(object(STATE, "Task", task, CI_NS));
      assertThat(list(spec.get("volumes"))).contains(ScanTasks.tokenVolume());
      List<Map<String, Object>> steps = list(spec.get("steps"));
      for (Map<String, Object> step : steps) {
        boolean gate = step.get("name").equals("gate");
        assertThat(list(step.get("volumeMounts")))
            .as("%s/%s", task, step.get("name"))
            .extracting(m -> m.get("name"))
            .matches(names -> names.contains("api-token") == gate);
      }
      assertThat(String.valueOf(steps.getLast().get("args"))).contains("--keep");
    }
    for (String task : List.of(ScanTasks.SAST, ScanTasks.SBOM, PipelineTasks.BUILD_PUSH)) {
      assertThat(spec(object(STATE, "Task", task, CI_NS)).toString()).doesNotContain("api-token");
    }
  }
}
