package dev.bulwark.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.cli.BulwarkCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
    int exit = console(err, "--client-secret-env", "BULWARK_TEST_UNSET_CONSOLE_SECRET");
    assertThat(exit).isEqualTo(BulwarkCli.EXIT_INVALID);
    assertThat(err.toString())
        .contains("environment variable BULWARK_TEST_UNSET_CONSOLE_SECRET is not set");
  }

  @Test
  void anIssuerCaFileThatIsNotPemIsBadInputInOneLine(@TempDir Path dir) throws Exception {
    Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
    StringWriter err = new StringWriter();
    int exit = console(err, "--oidc-ca-file", notPem.toString());
    assertThat(exit).isEqualTo(BulwarkCli.EXIT_INVALID);
    assertThat(err.toString())
        .isEqualTo(
            "bulwark console: --oidc-ca-file "
                + notPem
                + ": not PEM, expected a -----BEGIN CERTIFICATE----- block"
                + System.lineSeparator());
  }

  /** {@code bulwark console} with an issuer and a public URL and {@code more}; stderr to err. */
  private static int console(StringWriter err, String... more) {
    CommandLine cli = BulwarkCli.commandLine();
    cli.setErr(new PrintWriter(err));
    List<String> args =
        new ArrayList<>(
            List.of(
                "console",
                "--issuer",
                "https://keycloak.example.test/realms/platform",
                "--public-url",
                "https://console.example.test/"));
    args.addAll(List.of(more));
    return cli.execute(args.toArray(String[]::new));
  }
}
