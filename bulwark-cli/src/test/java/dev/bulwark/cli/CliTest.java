package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.testkit.Folders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {

  static final String ACME = PlanGoldenTest.EXAMPLE.toString();

  @TempDir Path tmp;

  @Test
  void validateAcceptsTheExample() {
    Cli result = Cli.run("validate", ACME);
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("valid: platform acme, 3 tenants, 5 applications");
  }

  @Test
  void aBadSpecFailsWithEveryErrorAndWritesNothing() throws IOException {
    Path spec = tmp.resolve("spec");
    Files.createDirectories(spec);
    Files.writeString(
        spec.resolve("platform.yaml"),
        """
        apiVersion: bulwark.dev/v1alpha1
        kind: Platform
        metadata:
          name: acme
        spec:
          domain: acme.example.com
        """);
    Files.writeString(
        spec.resolve("tenant.yaml"),
        """
        apiVersion: bulwark.dev/v1alpha1
        kind: Tenant
        metadata:
          name: payments
        spec:
          enviroments:
            - name: dev
        """);
    Path out = tmp.resolve("out");
    Cli result = Cli.run("plan", spec.toString(), "--out", out.toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("tenant.yaml:6:3")
        .contains("enviroments")
        .contains("environments")
        .contains("nothing was written");
    assertThat(out).doesNotExist();
  }

  @Test
  void planPrintsASummaryTable() {
    Cli result = Cli.run("plan", ACME);
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().lines().findFirst().orElseThrow())
        .contains("CAPABILITY")
        .contains("data")
        .contains("payments")
        .contains("web")
        .contains("TOTAL");
    assertThat(result.out()).containsPattern("(?m)^tenancy\\s+");
  }

  @Test
  void planJsonCountsObjectsPerCapabilityAndTenant() throws IOException {
    Cli result = Cli.run("plan", ACME, "-o", "json");
    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(result.out());
    long sum = 0;
    for (JsonNode byTenant : json.get("byCapabilityAndTenant")) {
      for (JsonNode n : byTenant) {
        sum += n.asLong();
      }
    }
    assertThat(json.get("objects").asLong()).isPositive().isEqualTo(sum);
    // Per environment: 1 namespace, 3 roles + 3 bindings, quota + limit range, 5 network policies
    // (+1 for payments' egress CIDRs), pipeline account + role + binding; payments has 3
    // environments, and its production one a break-glass Role.
    assertThat(json.at("/byCapabilityAndTenant/tenancy/payments").asLong())
        .isEqualTo(3 * (1 + 6 + 2 + 5 + 1 + 3) + 1);
  }

  @Test
  void diffShowsWhatASpecChangeMoves() throws IOException {
    Path out = tmp.resolve("tree");
    assertThat(Cli.run("plan", ACME, "--out", out.toString()).exitCode()).isZero();
    Path spec = tmp.resolve("spec");
    Folders.copy(PlanGoldenTest.EXAMPLE, spec);
    Path web = spec.resolve("tenants/web.yaml");
    Files.writeString(web, Files.readString(web).replace("- name: prod", "- name: live"));
    Path apps = spec.resolve("applications/web.yaml");
    Files.writeString(
        apps, Files.readString(apps).replace("environment: prod", "environment: live"));
    Cli result = Cli.run("plan", spec.toString(), "--diff", out.toString(), "--exit-code");
    assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
    assertThat(result.out())
        .contains("+ Namespace web-live (v1)")
        .contains("- Namespace web-prod (v1)")
        .containsPattern("\\d+ added, \\d+ changed, \\d+ removed");
    Cli same = Cli.run("plan", ACME, "--diff", out.toString(), "--exit-code");
    assertThat(same.exitCode()).isZero();
    assertThat(same.out()).contains("0 added, 0 changed, 0 removed");
  }

  @Test
  void everyCommandHasHelp() {
    CommandLine cli = BulwarkCli.commandLine();
    for (String name :
        cli.getSubcommands().values().stream()
            .map(CommandLine::getCommandName)
            .distinct()
            .toList()) {
      if (name.equals("help")) {
        continue;
      }
      Cli result = Cli.run(name, "--help");
      assertThat(result.exitCode()).as(name).isZero();
      assertThat(result.out()).as(name).contains("Usage: bulwark " + name);
    }
  }

  @Test
  void completionScriptCoversTheCommands() {
    Cli result = Cli.run("generate-completion");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("complete -F").contains("plan").contains("validate");
  }
}
