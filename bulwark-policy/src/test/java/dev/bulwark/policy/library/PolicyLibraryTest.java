package dev.bulwark.policy.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.policy.engine.PolicyEngine;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyLibraryTest {

  @Test
  void standardLibraryLoadsAndEveryExpressionCompiles() {
    PolicyLibrary library = PolicyLibrary.standard();
    PolicyEngine engine = PolicyEngine.create(library, PolicyLibrary.Selection.ALL, Map.of());
    assertThat(engine.policies()).hasSize(library.policies().size());
    assertThat(library.select(PolicyLibrary.Selection.PSS_BASELINE))
        .extracting(Policy::id)
        .contains(
            "pss-host-process",
            "pss-host-namespaces",
            "pss-privileged",
            "pss-capabilities-baseline",
            "pss-host-path-volumes",
            "pss-host-ports",
            "pss-host-probes",
            "pss-apparmor",
            "pss-selinux",
            "pss-proc-mount",
            "pss-seccomp-baseline",
            "pss-sysctls");
    assertThat(library.select(PolicyLibrary.Selection.PSS_RESTRICTED))
        .extracting(Policy::id)
        .contains(
            "pss-volume-types",
            "pss-privilege-escalation",
            "pss-run-as-non-root",
            "pss-run-as-user",
            "pss-seccomp-restricted",
            "pss-capabilities-restricted");
    assertThat(library.select(PolicyLibrary.Selection.PLATFORM)).hasSize(18);
  }

  @Test
  void everyPolicyHasTheDocumentedFields() {
    for (Policy p : PolicyLibrary.standard().policies()) {
      assertThat(p.title()).as(p.id()).isNotBlank();
      assertThat(p.remediation()).as(p.id()).isNotBlank();
      assertThat(p.references()).as(p.id()).isNotEmpty();
      assertThat(p.validations()).as(p.id()).allSatisfy(v -> assertThat(v.message()).isNotBlank());
    }
  }

  @Test
  void aMistakeInTheLibraryNamesFileLineAndField() {
    String yaml =
        """
        policies:
          - id: broken
            title: t
            description: d
            group: platform
            severity: catastrophic
            category: security-compliance
            action: deny
            match: {kinds: [Pod]}
            validations: [{expression: 'true', message: m}]
            remediation: r
        """;
    assertThatThrownBy(
            () ->
                LibraryLoader.read(
                    "lib.yaml", new StringReader(yaml), new ArrayList<>(), new ArrayList<>()))
        .isInstanceOf(LibraryException.class)
        .hasMessageContaining("lib.yaml:6:")
        .hasMessageContaining("policies.0.severity")
        .hasMessageContaining("catastrophic");
  }

  @Test
  void bareParamsIsRejectedSoTheSameCelRunsEverywhere() {
    Policy p =
        new Policy(
            "x",
            "t",
            "d",
            "platform",
            null,
            dev.bulwark.policy.Severity.LOW,
            Category.OBSERVABILITY,
            Policy.Action.DENY,
            true,
            new Match(List.of("Pod"), List.of("CREATE")),
            Map.of(),
            List.of(),
            List.of(new Validation("params.x == 1", "m", null)),
            "r",
            List.of("u"));
    assertThatThrownBy(() -> LibraryLoader.check(new PolicyLibrary(List.of(), List.of(p))))
        .hasMessageContaining("variables.params");
  }

  @Test
  void parameterLiteralsAreWrittenInKeyOrder() {
    assertThat(ParamValues.toCel(Map.of("b", List.of("x"), "a", "y", "c", true)))
        .isEqualTo("{'a': dyn('y'), 'b': dyn(['x']), 'c': dyn(true)}");
    assertThat(
            PolicyLibrary.standard().policy("platform-route-hosts").orElseThrow().params().keySet())
        .containsExactly("domain", "httpsSectionName", "tenantHosts", "tenantSubdomains");
  }
}
