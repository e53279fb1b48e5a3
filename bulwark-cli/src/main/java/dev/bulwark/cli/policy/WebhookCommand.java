package dev.bulwark.cli.policy;

import dev.bulwark.cli.live.KubeOptions;
import dev.bulwark.policy.engine.ExemptionFile;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.policy.registry.RegistryLogins;
import dev.bulwark.policy.signature.ImageAdmission;
import dev.bulwark.policy.signature.SigningKeys;
import dev.bulwark.policy.webhook.AdmissionHandler;
import dev.bulwark.policy.webhook.NamespaceLookup;
import dev.bulwark.policy.webhook.TlsContexts;
import dev.bulwark.policy.webhook.WebhookConfig;
import dev.bulwark.policy.webhook.WebhookServer;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bulwark policies webhook}: serves the policies as a validating admission webhook. */
@Command(
    name = "webhook",
    mixinStandardHelpOptions = true,
    description =
        "Serve the policies as an HTTPS validating admission webhook (AdmissionReview v1) on /validate, "
            + "with /healthz, /readyz and Prometheus /metrics. Stops gracefully on SIGTERM.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped", "2:usage error or unusable certificate"})
public final class WebhookCommand implements Callable<Integer> {

  @Spec CommandSpec command;
  @Mixin PolicyOptions options;

  @Option(
      names = "--cert",
      required = true,
      paramLabel = "FILE",
      description = "PEM certificate chain (tls.crt).")
  Path cert;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "FILE",
      description = "PEM private key (tls.key).")
  Path key;

  @Option(
      names = "--port",
      defaultValue = "8443",
      description = "HTTPS port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "0.0.0.0",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(
      names = "--namespace",
      defaultValue = "bulwark-system",
      description = "The webhook's own namespace, always allowed (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(
      names = "--failure-policy",
      defaultValue = "fail",
      description =
          "When a policy cannot be evaluated: fail (deny) or ignore (allow with a warning). Default: ${DEFAULT-VALUE}.")
  String failurePolicy;

  @Option(
      names = "--grace-period",
      defaultValue = "20",
      description = "Seconds to wait for requests in flight on shutdown.")
  int gracePeriod;

  @Option(
      names = "--namespaces-from-cluster",
      description =
          "Read each request's namespace (Pod Security labels, tenant, environment) from the API server, "
              + "cached for 30 s, instead of judging every namespace at --policies/--pss-version.")
  boolean namespacesFromCluster;

  @Option(
      names = "--signing-keys",
      paramLabel = "DIR",
      description =
          "Also serve /verify-images and /verify-images-gated: Pods' images must be signed with one of"
              + " the cosign public keys (*.pub) in DIR (ADR 0040).")
  Path signingKeys;

  @Option(
      names = "--registry-config",
      paramLabel = "FILE",
      description =
          "A Docker config file (config.json, as docker login writes it) with the pull credentials"
              + " of private registries, used when a registry asks the image checks to log in; read"
              + " again at each login, so a rotated Secret applies without a restart.")
  Path registryConfig;

  @Option(
      names = "--image-failure-policy",
      defaultValue = "fail",
      description =
          "When a registry or the keys cannot be read: fail (refuse) or ignore (admit with a warning)."
              + " Default: ${DEFAULT-VALUE}.")
  String imageFailurePolicy;

  @Option(
      names = "--image-timeout",
      defaultValue = "5",
      description = "Seconds each registry call of the image check may take.")
  int imageTimeout;

  @Mixin KubeOptions kube;

  @Override
  public Integer call() throws IOException, InterruptedException {
    WebhookConfig config;
    AdmissionHandler handler;
    try {
      config =
          new WebhookConfig(
              bind,
              port,
              cert,
              key,
              namespace,
              WebhookConfig.FailurePolicy.valueOf(failurePolicy.toUpperCase(Locale.ROOT)),
              Duration.ofSeconds(gracePeriod));
      PolicyLibrary.Selection selection = options.selection();
      String version = options.pssVersion() == null ? "latest" : options.pssVersion();
      NamespaceLookup namespaces = NamespaceLookup.fixed(selection.pssLevel(), version);
      if (namespacesFromCluster) {
        namespaces =
            new ClusterNamespaces(
                new KubernetesClientBuilder().withConfig(kube.config()).build(),
                namespaces,
                Duration.ofSeconds(30),
                Clock.systemUTC());
      }
      handler =
          new AdmissionHandler(
              options.engine(),
              namespaces,
              options.exemptionFile(),
              namespace,
              config.failurePolicy(),
              Clock.systemUTC());
    } catch (IllegalArgumentException | ExemptionFile.InvalidExemptionsException e) {
      command.commandLine().getErr().println("bulwark policies webhook: " + e.getMessage());
      return 2;
    }
    WebhookServer server = new WebhookServer(handler, config);
    String imageProblem = signingKeys == null ? null : serveImageChecks(server);
    if (imageProblem != null) {
      command.commandLine().getErr().println("bulwark policies webhook: " + imageProblem);
      return 2;
    }
    try {
      server.start(TlsContexts.server(cert, key));
    } catch (GeneralSecurityException | IOException e) {
      command
          .commandLine()
          .getErr()
          .println("bulwark policies webhook: cannot start: " + e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "webhook-shutdown"));
    command
        .commandLine()
        .getErr()
        .printf("serving on https://%s:%d/validate%n", bind, server.port());
    command.commandLine().getErr().flush();
    stopped.await();
    return 0;
  }

  private static boolean holdsNoKey(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.noneMatch(f -> f.getFileName().toString().endsWith(".pub"));
    }
  }

  /** Adds the image signature checks (ADR 0040); what is wrong with their options, or null. */
  private String serveImageChecks(WebhookServer server) {
    WebhookConfig.FailurePolicy policy;
    try {
      policy = WebhookConfig.FailurePolicy.valueOf(imageFailurePolicy.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return "--image-failure-policy: expected fail or ignore, got " + imageFailurePolicy;
    }
    try {
      if (holdsNoKey(signingKeys)) {
        // the chart mounts the keys' Secret optionally: the platform's render creates it after
        // the operator starts, so an empty directory is waited for; until then checks fail
        command
            .commandLine()
            .getErr()
            .println(
                "bulwark policies webhook: warning: --signing-keys "
                    + signingKeys
                    + ": no *.pub public key yet; image checks cannot pass until one arrives");
      } else {
        // a bad key at start is the operator's mistake: say so instead of refusing Pods
        SigningKeys.fromDirectory(signingKeys);
      }
    } catch (IOException | IllegalArgumentException e) {
      return "--signing-keys: " + e.getMessage();
    }
    RegistryLogins logins = RegistryLogins.NONE;
    if (registryConfig != null) {
      if (!Files.isRegularFile(registryConfig)) {
        return "--registry-config: " + registryConfig + ": no such file";
      }
      logins = RegistryLogins.dockerConfig(registryConfig);
    }
    ImageAdmission.serve(server, signingKeys, policy, Duration.ofSeconds(imageTimeout), logins);
    return null;
  }
}
