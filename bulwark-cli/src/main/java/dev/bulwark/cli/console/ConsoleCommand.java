package dev.bulwark.cli.console;

import dev.bulwark.cli.BulwarkCli;
import dev.bulwark.cli.live.KubeOptions;
import dev.bulwark.console.ConsoleConfig;
import dev.bulwark.console.ConsoleServer;
import dev.bulwark.console.IssuerCa;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bulwark console}: serves the web console until stopped (ADR 0032). */
@Command(
    name = "console",
    mixinStandardHelpOptions = true,
    description = {
      "Serves the self-service web console behind OIDC login until SIGTERM or Ctrl-C.",
      "Every read is made as the logged-in user (impersonation), so RBAC decides what each person"
          + " sees; the kubeconfig's identity needs the right to impersonate users and groups."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped", "1:the server could not start", "2:bad input"})
public final class ConsoleCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin KubeOptions kube;

  @Option(names = "--issuer", required = true, paramLabel = "URL", description = "The OIDC issuer.")
  URI issuer;

  @Option(
      names = "--client-id",
      defaultValue = "bulwark-console",
      paramLabel = "ID",
      description = "The console's OIDC client (default: ${DEFAULT-VALUE}).")
  String clientId;

  @Option(
      names = "--client-secret-env",
      paramLabel = "VAR",
      description = "An environment variable holding the client secret, for a confidential client.")
  String clientSecretEnv;

  @Option(
      names = "--oidc-ca-file",
      paramLabel = "PEM",
      description =
          "CA certificates (PEM) trusted for the issuer's HTTPS in addition to the JVM's, for an"
              + " identity provider served with the platform's own CA.")
  Path oidcCaFile;

  @Option(
      names = "--public-url",
      required = true,
      paramLabel = "URL",
      description = "Where browsers reach the console; <URL>/callback is the redirect URI.")
  URI publicUrl;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDRESS",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(
      names = "--username-claim",
      defaultValue = "preferred_username",
      paramLabel = "CLAIM",
      description = "The ID token claim naming the user (default: ${DEFAULT-VALUE}).")
  String usernameClaim;

  @Option(
      names = "--groups-claim",
      defaultValue = "groups",
      paramLabel = "CLAIM",
      description = "The ID token claim listing the groups (default: ${DEFAULT-VALUE}).")
  String groupsClaim;

  @Option(
      names = "--username-prefix",
      defaultValue = "oidc:",
      paramLabel = "PREFIX",
      description = "The API server's --oidc-username-prefix (default: ${DEFAULT-VALUE}).")
  String usernamePrefix;

  @Option(
      names = "--group-prefix",
      defaultValue = "oidc:",
      paramLabel = "PREFIX",
      description = "The API server's --oidc-groups-prefix (default: ${DEFAULT-VALUE}).")
  String groupPrefix;

  @Option(
      names = "--repo",
      paramLabel = "URL|PATH",
      description = "The GitOps repository: digests and approvals (none without it).")
  String repo;

  @Option(
      names = "--branch",
      defaultValue = "main",
      paramLabel = "NAME",
      description = "The branch Argo CD syncs (default: ${DEFAULT-VALUE}).")
  String branch;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    Optional<String> secret = Optional.ofNullable(clientSecretEnv).map(System::getenv);
    if (clientSecretEnv != null && secret.isEmpty()) {
      err.println("bulwark console: environment variable " + clientSecretEnv + " is not set");
      err.flush();
      return BulwarkCli.EXIT_INVALID;
    }
    List<X509Certificate> issuerCa;
    try {
      issuerCa = oidcCaFile == null ? List.of() : IssuerCa.read(oidcCaFile);
    } catch (IssuerCa.Unusable e) {
      err.println("bulwark console: --oidc-ca-file " + e.getMessage());
      err.flush();
      return BulwarkCli.EXIT_INVALID;
    }
    ConsoleConfig config =
        new ConsoleConfig(
            port,
            bind,
            publicUrl,
            issuer,
            clientId,
            secret,
            usernameClaim,
            groupsClaim,
            usernamePrefix,
            groupPrefix,
            kube.config(),
            Optional.ofNullable(repo).map(r -> new ConsoleConfig.GitOps(r, branch)),
            issuerCa);
    CountDownLatch stopped = new CountDownLatch(1);
    try (ConsoleServer console = ConsoleServer.start(config)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "console-shutdown"));
      PrintWriter out = spec.commandLine().getOut();
      out.printf("console on http://%s, for %s. Ctrl-C stops it.%n", console.address(), publicUrl);
      out.flush();
      stopped.await();
      return 0;
    } catch (IOException e) {
      err.println("bulwark console: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
      err.flush();
      return 1;
    }
  }
}
