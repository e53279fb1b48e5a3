package dev.bulwark.policy.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.policy.Fixtures;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.testkit.engines.Engine;
import dev.bulwark.testkit.engines.EngineReport;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported ConstraintTemplates and Constraints, run by Gatekeeper's own {@code gator test} on
 * the policy library's test objects, deny exactly what the in-process engine denies. The export is
 * the one {@code bulwark policies export --target gatekeeper --enforcement audit} writes: dryrun
 * Constraints (ADR 0012), which gator still evaluates and reports, only without a non-zero exit.
 *
 * <p>Limitation: gator uses the Namespace objects of its input for {@code namespaceSelector} but
 * hands CEL a null {@code namespaceObject} (see {@link #gatorGivesCelNoNamespaceObject}), so the
 * library's {@code nsLabels} is empty there and the Pod Security version falls back to latest. The
 * in-process verdicts are therefore taken with a namespace object without labels, bound by the
 * labelled namespace (a Gatekeeper webhook in a cluster does get the namespace object).
 */
@ExtendWith(EngineReport.class)
class GatorConformanceTest {

  /**
   * Open findings of this comparison, not yet resolved: (1) gator denies an object exempted by its
   * exempt.policy.bulwark.dev annotation, i.e. the template's matchConditions do not exempt it
   * there; (2) gator denies a Pod whose seccompProfile is an explicit null, which the in-process
   * engine treats as absent. Each must be fixed or explained, then removed from this list.
   */
  static final List<String> KNOWN =
      List.of(
          " platform-probes: in-process allow, gator deny (annotation exemption",
          " pss-seccomp-restricted: in-process allow, gator deny (pss-seccomp-restricted restricted/latest {securityContext: {seccompProfile: null}");

  @Test
  void gatorDeniesWhatTheEngineDenies(@TempDir Path dir) throws Exception {
    Engine.GATOR.require();
    List<HasMetadata> exported =
        GatekeeperExporter.export(
            PolicyLibrary.standard(), Map.of(), EngineVerdicts.LABELS, Enforcement.AUDIT);
    List<EngineVerdicts.Case> all = new ArrayList<>();
    List<String[]> denials = new ArrayList<>();
    int run = 0;
    for (EngineVerdicts.Group group : EngineVerdicts.groups(false)) {
      Path file = dir.resolve("group-" + run++ + ".yaml");
      Files.writeString(file, EngineVerdicts.yaml(exported, group.namespace(), group.cases()));
      Engine.Run result =
          Engine.GATOR.run(dir, "test", "--output=json", "--filename=" + file.getFileName());
      // exit 0: nothing denied with enforcementAction deny — these Constraints are all dryrun
      assertThat(result.exitCode()).as(result.output()).isZero();
      denials.addAll(violations(result.output()));
      all.addAll(group.cases());
    }
    assertThat(all).as("fixtures").hasSizeGreaterThan(20);
    assertThat(all.stream().filter(c -> !c.failed().isEmpty()))
        .as("fixtures the engine denies")
        .isNotEmpty();
    List<String> disagreements =
        EngineVerdicts.compare("gator", all, EngineVerdicts.byObject(denials));
    List<String> open =
        disagreements.stream().filter(d -> KNOWN.stream().noneMatch(d::contains)).toList();
    assertThat(open)
        .as("object x policy verdicts where gator and the in-process engine differ")
        .isEmpty();
    assertThat(KNOWN)
        .as("known disagreements still present (remove the ones fixed)")
        .allMatch(k -> disagreements.stream().anyMatch(d -> d.contains(k)));
  }

  @Test
  void enforcedConstraintsMakeGatorExitNonZero(@TempDir Path dir) throws Exception {
    // The other half of the dryrun check above: with enforcing Constraints a denied object fails
    // the run.
    Engine.GATOR.require();
    EngineVerdicts.Group group =
        EngineVerdicts.groups(false).stream()
            .filter(g -> g.cases().stream().anyMatch(c -> !c.failed().isEmpty()))
            .findFirst()
            .orElseThrow();
    List<EngineVerdicts.Case> denied =
        group.cases().stream().filter(c -> !c.failed().isEmpty()).limit(1).toList();
    List<HasMetadata> exported =
        GatekeeperExporter.export(
            PolicyLibrary.standard(), Map.of(), EngineVerdicts.LABELS, Enforcement.ENFORCE);
    Files.writeString(
        dir.resolve("objects.yaml"), EngineVerdicts.yaml(exported, group.namespace(), denied));
    Engine.Run result =
        Engine.GATOR.run(dir, "test", "--output=json", "--deny-only", "--filename=objects.yaml");
    TreeSet<String> deniedBy = new TreeSet<>();
    violations(result.output()).forEach(v -> deniedBy.add(v[1]));
    boolean anyDeny =
        PolicyLibrary.standard().policies().stream()
            .anyMatch(
                p ->
                    denied.get(0).failed().contains(p.id())
                        && p.action() == dev.bulwark.policy.library.Policy.Action.DENY);
    assertThat(result.exitCode() != 0).as(result.output()).isEqualTo(anyDeny);
  }

  @Test
  void gatorGivesCelNoNamespaceObject(@TempDir Path dir) throws Exception {
    Engine.GATOR.require();
    Files.writeString(
        dir.resolve("probe.yaml"),
        """
        apiVersion: templates.gatekeeper.sh/v1
        kind: ConstraintTemplate
        metadata: {name: nsprobe}
        spec:
          crd: {spec: {names: {kind: NsProbe}}}
          targets:
          - target: admission.k8s.gatekeeper.sh
            code:
            - engine: K8sNativeValidation
              source:
                validations: [{expression: "namespaceObject != null", message: no namespaceObject}]
        ---
        {apiVersion: constraints.gatekeeper.sh/v1beta1, kind: NsProbe, metadata: {name: nsprobe},
         spec: {match: {kinds: [{apiGroups: [""], kinds: [Pod]}], namespaceSelector: {matchLabels: {a: b}}}}}
        ---
        {apiVersion: v1, kind: Namespace, metadata: {name: team-a-dev, labels: {a: b}}}
        ---
        {apiVersion: v1, kind: Pod, metadata: {name: p, namespace: team-a-dev}, spec: {containers: [{name: a, image: i}]}}
        """);
    Engine.Run result = Engine.GATOR.run(dir, "test", "--filename=probe.yaml");
    // The selector matched (the Namespace's labels were used), yet namespaceObject was null.
    assertThat(result.output()).as(result.output()).contains("no namespaceObject");
  }

  /** (object name, policy id) of every violation in gator's JSON output. */
  static List<String[]> violations(String output) throws Exception {
    int start = output.indexOf('[');
    String json = start < 0 ? "[]" : output.substring(start, output.lastIndexOf(']') + 1);
    List<String[]> out = new ArrayList<>();
    for (JsonNode result : Fixtures.YAML.readTree(json)) {
      String constraint = result.path("constraint").path("metadata").path("name").asText();
      String object = result.path("violatingObject").path("metadata").path("name").asText();
      if (object.startsWith("fx-") && constraint.startsWith(PolicyObjects.PREFIX)) {
        out.add(new String[] {object, constraint.substring(PolicyObjects.PREFIX.length())});
      }
    }
    return out;
  }
}
