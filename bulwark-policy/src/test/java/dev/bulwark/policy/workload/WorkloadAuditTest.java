package dev.bulwark.policy.workload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.policy.audit.AuditReport;
import dev.bulwark.policy.audit.AuditRunner;
import dev.bulwark.policy.audit.Manifest;
import dev.bulwark.policy.audit.ObjectResult;
import dev.bulwark.policy.engine.ExemptionFile;
import dev.bulwark.policy.engine.PolicyEngine;
import dev.bulwark.policy.export.PolicyRenderUnit;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.RenderContext;
import dev.bulwark.render.Renderer;
import dev.bulwark.render.workload.WorkloadUnit;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import dev.bulwark.yaml.Location;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The workloads Bulwark renders pass Bulwark's own policies, every one of them (Pod Security at the
 * level the tenant's namespace enforces, restricted and baseline alike, and the platform rules,
 * warnings included), judged as {@code bulwark audit} judges a cluster: with the namespaces the
 * tenancy unit renders and the parameters the spec gives the admission policies.
 */
class WorkloadAuditTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theAcmeWorkloadsPassEveryPolicyAtTheirNamespacesLevel() {
    LoadResult loaded =
        SpecLoader.load(List.of(SharedData.repoDir().resolve("examples/acme").toString()));
    assertThat(loaded.errors()).isEmpty();
    DesiredState state = Renderer.standard().render(loaded.spec());
    List<Manifest> manifests = new ArrayList<>();
    List<String> workloadObjects = new ArrayList<>();
    List<String> levels = new ArrayList<>();
    for (DesiredObject object : state.objects()) {
      boolean workload = object.capability().equals(WorkloadUnit.CAPABILITY);
      if (workload) {
        workloadObjects.add(object.key().kind() + " " + object.key().namespace());
      }
      if (workload || object.key().kind().equals("Namespace")) {
        JsonNode tree = JSON.valueToTree(object.object());
        manifests.add(new Manifest(new Location("acme", 0, 0), tree));
        levels.add(tree.at("/metadata/labels/pod-security.kubernetes.io~1enforce").asText());
      }
    }
    assertThat(workloadObjects)
        .contains(
            "Deployment payments-prod",
            "HorizontalPodAutoscaler payments-prod",
            "PodDisruptionBudget payments-prod",
            "ServiceAccount payments-prod",
            "Deployment web-dev");
    assertThat(levels).as("both levels are exercised").contains("restricted", "baseline");

    PolicyEngine engine =
        PolicyEngine.create(
            PolicyLibrary.standard(),
            PolicyLibrary.Selection.ALL,
            PolicyRenderUnit.params(RenderContext.of(loaded.spec())));
    AuditReport report =
        new AuditRunner(
                engine, PolicyLibrary.Selection.ALL, null, ExemptionFile.NONE, LocalDate.now())
            .run(manifests, List.of());
    List<String> findings = new ArrayList<>();
    for (ObjectResult result : report.results()) {
      result
          .findings()
          .forEach(f -> findings.add(result.describe() + ": " + f.policyId() + ": " + f.message()));
    }
    assertThat(findings).isEmpty();

    // The control: the same audit sees a Deployment that lost its seccomp profile.
    List<Manifest> weakened = new ArrayList<>();
    for (Manifest manifest : manifests) {
      JsonNode tree = manifest.object().deepCopy();
      if (manifest.describe().equals("Deployment payments-prod/checkout")) {
        ((com.fasterxml.jackson.databind.node.ObjectNode)
                tree.at("/spec/template/spec/securityContext"))
            .remove("seccompProfile");
      }
      weakened.add(new Manifest(manifest.location(), tree));
    }
    assertThat(
            new AuditRunner(
                    engine, PolicyLibrary.Selection.ALL, null, ExemptionFile.NONE, LocalDate.now())
                .run(weakened, List.of())
                .findings())
        .extracting(f -> f.policyId())
        .containsExactly("pss-seccomp-restricted");
    assertThat(report.results())
        .filteredOn(r -> r.kind().equals("Deployment"))
        .allSatisfy(r -> assertThat(r.evaluated()).contains("pss-privileged", "platform-probes"));
  }
}
