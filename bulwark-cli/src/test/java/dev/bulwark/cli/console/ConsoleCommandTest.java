package dev.bulwark.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.cli.BulwarkCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code bulwark console}'s input checks; serving pages is bulwark-console's browser test. */
class ConsoleCommandTest {

  @Test
  void itIsRegisteredAndAsksForTheIssuerAndPublicUrl() {
    StringWriter err = new StringWriter();
    CommandLine cli = BulwarkCli.commandLine();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute("console")).isEqualTo(BulwarkCli.EXIT_INVALID);
    assertThat(err.toString()).contains("--issuer", "--public-url");
  }

  @Test
  void aClientSecretVariableThatIsNotSetIsBadInputAndNamesOnlyTheVariable() {
    StringWriter err = new StringWriter();
    CommandLine cli = BulwarkCli.commandLine();
    cli.setErr(new PrintWriter(err));
    int exit =
        cli.execute(
            "console",
            "--issuer",
            "https://keycloak.example.test/realms/platform",
            "--public-url",
            "https://console.example.test/",
            "--client-secret-env",
            "BULWARK_TEST_UNSET_CONSOLE_SECRET");
    assertThat(exit).isEqualTo(BulwarkCli.EXIT_INVALID);
    assertThat(err.toString())
        .contains("environment variable BULWARK_TEST_UNSET_CONSOLE_SECRET is not set");
  }
}
