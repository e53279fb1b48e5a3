package dev.bulwark.cli.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controlplane.SharedData;
import org.junit.jupiter.api.Test;

/**
 * {@code --spec} gives the policies the parameters the platform's admission policies carry, so
 * auditing a rendered plan judges its routes by the spec's domain and claimed hosts, not by the
 * library's placeholder domain.
 */
class AuditWithSpecTest {

  private static final String TREE =
      SharedData.repoDir().resolve("examples/golden/acme/tenants").toString();
  private static final String SPEC = SharedData.repoDir().resolve("examples/acme").toString();

  @Test
  void withoutTheSpecTenantRoutesAreJudgedByThePlaceholderDomain() {
    PolicyCommandsTest.Run run = PolicyCommandsTest.run("audit", TREE, "--policies", "platform");
    assertThat(run.out())
        .contains("platform-route-hosts: hosts must lie within payments.bulwark.example");
    assertThat(run.code()).isEqualTo(1);
  }

  @Test
  void withTheSpecTheRenderedTenantTreePassesEveryPlatformPolicy() {
    PolicyCommandsTest.Run run =
        PolicyCommandsTest.run("audit", TREE, "--policies", "platform", "--spec", SPEC);
    assertThat(run.out()).as(run.err()).doesNotContain("platform-route-hosts");
    assertThat(findings(run.out())).isEmpty();
    assertThat(run.code()).isZero();
  }

  /**
   * Bulwark's own output passes Bulwark's own policies: the whole rendered tree of examples/acme,
   * the platform's objects included (its namespaces are not bound, as at admission), with one
   * exemption that carries its reason (the bootstrap installer's cluster-admin binding).
   */
  @Test
  void theWholeRenderedPlanPassesItsOwnPolicies() {
    PolicyCommandsTest.Run run =
        PolicyCommandsTest.run(
            "audit",
            SharedData.repoDir().resolve("examples/golden/acme").toString(),
            "--spec",
            SPEC);
    assertThat(run.out())
        .as(run.err())
        .contains(" 1 exempted, 0 input errors")
        .contains(
            "[EXEMPT] platform-rbac-cluster-admin", "(exempt: the bootstrap Job installs Argo CD");
    assertThat(findings(run.out())).isEmpty();
    assertThat(run.code()).isZero();
  }

  /** Finding lines other than exemptions: warnings included, since they count too. */
  private static java.util.List<String> findings(String out) {
    return out.lines()
        .filter(line -> line.startsWith("  ["))
        .filter(line -> !line.startsWith("  [EXEMPT]"))
        .toList();
  }

  @Test
  void aParamOverridesTheSpecAndTheRestOfTheSpecStays() {
    PolicyCommandsTest.Run run =
        PolicyCommandsTest.run(
            "policies",
            "export",
            "--target",
            "vap",
            "--policies",
            "platform",
            "--spec",
            SPEC,
            "--param",
            "domain=other.example.org");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("'domain': dyn('other.example.org')", "'checkout.dev.acme.example.com'")
        .doesNotContain("'domain': dyn('acme.example.com')");
  }

  @Test
  void aBrokenSpecIsAUsageErrorWithItsLocation() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("spec");
    java.nio.file.Files.writeString(
        dir.resolve("platform.yaml"),
        "apiVersion: bulwark.dev/v1alpha1\nkind: Platform\nmetadata: {name: p}\nspec: {domian: x.example.com}\n");
    PolicyCommandsTest.Run run = PolicyCommandsTest.run("audit", TREE, "--spec", dir.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--spec: the spec has errors", "platform.yaml:4", "domian");
  }
}
