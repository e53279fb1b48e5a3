package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.Folders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A valid spec with a cautionary choice loads, and the caution is printed, not hidden. */
class SpecWarningsTest {

  @TempDir Path tmp;

  @Test
  void validateAndPlanPrintTheRetiredGatewayWarningAndSucceed() throws IOException {
    Path spec = Folders.copy(PlanGoldenTest.EXAMPLE, tmp.resolve("acme"));
    Path platform = spec.resolve("platform.yaml");
    String text = Files.readString(platform);
    Files.writeString(
        platform,
        text.replace(
            "  components:\n",
            "  components:\n    gateway:\n      implementation: ingress-nginx\n"));

    Cli validate = Cli.run("validate", spec.toString());
    assertThat(validate.exitCode()).as(validate.err()).isZero();
    assertThat(validate.err())
        .contains("warning: ")
        .contains("spec.components.gateway.implementation")
        .contains("ingress-nginx: Ingress NGINX is retired upstream");

    Cli plan = Cli.run("plan", spec.toString(), "--out", tmp.resolve("out").toString());
    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertThat(plan.err()).contains("warning: ").contains("retired");
    assertThat(tmp.resolve("out/tenants")).isDirectory();
  }
}
