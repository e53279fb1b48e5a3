package dev.bulwark.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.cli.BulwarkCli;
import dev.bulwark.controlplane.SharedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A chart that can be had from neither its repository nor the mirror stops the command before it
 * touches a cluster, with one line naming what is missing and both ways to provide it.
 */
class MissingChartsTest {

  @Test
  void applyWithInstallCrdsAndAMirrorWithoutTheChartsStopsWithOneLine(@TempDir Path dir)
      throws Exception {
    Path emptyMirror = Files.createDirectories(dir.resolve("mirror"));
    Path spec = SharedData.repoDir().resolve("examples/acme");
    // a kubeconfig whose server does not exist: the command must fail before it would connect
    Path kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: none, cluster: {server: "https://127.0.0.1:9"}}]
        users: [{name: none, user: {token: unused}}]
        contexts: [{name: none, context: {cluster: none, user: none}}]
        current-context: none
        """);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = BulwarkCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    // an empty chart cache (the standard one is under the home folder unless XDG_CACHE_HOME is set)
    String home = System.getProperty("user.home");
    System.setProperty("user.home", dir.toString());
    int exit;
    try {
      exit =
          cli.execute(
              "apply",
              spec.toString(),
              "--kubeconfig",
              kubeconfig.toString(),
              "--install-crds",
              "--charts",
              emptyMirror.toString());
    } finally {
      System.setProperty("user.home", home);
    }

    assertThat(exit).as(err.toString()).isEqualTo(DemoCommand.EXIT_UNAVAILABLE);
    assertThat(err.toString().strip())
        .doesNotContain("\n")
        .startsWith("bulwark apply: cannot obtain the charts of ")
        .contains("argo-cd 10.1.1", "the mirror " + emptyMirror.toUri() + " has no index.yaml")
        .endsWith(
            "provide them with online access to the chart repositories, or with --charts DIR-or-URL"
                + " (or BULWARK_CHARTS) naming a mirror (see docs/adr/0013)");
    assertThat(out.toString()).doesNotContain("created", "applying");
  }
}
