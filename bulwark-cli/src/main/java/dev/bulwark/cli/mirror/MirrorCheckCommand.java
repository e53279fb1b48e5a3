package dev.bulwark.cli.mirror;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bulwark.cli.BulwarkCli;
import dev.bulwark.cli.Tables;
import dev.bulwark.policy.registry.RegistryCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bulwark mirror check}: whether the mirror's registry holds every image (ADR 0033). */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Asks the mirror's registry (spec.mirror.registry, or --registry) whether it holds every image",
      "'bulwark mirror list' names, at the destination 'bulwark mirror export' writes to images.txt, with",
      "the pinned digest where the catalogue pins one (HEAD /v2/<name>/manifests/<ref>, OCI distribution",
      "API). Prints one line per image (present, missing, wrong digest, unreachable) and a summary."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every image is present",
      "1:an image is missing, has another digest or could not be read",
      "2:bad input: no mirror, a spec with errors, a registry that cannot be reached"
    })
final class MirrorCheckCommand implements Callable<Integer> {

  @Spec CommandSpec command;

  @Mixin MirrorSpecOptions options;

  @Option(
      names = "--registry",
      paramLabel = "REGISTRY",
      description =
          "The mirror instead of the spec's: HOST[:PORT][/PATH] (asked over HTTPS) or"
              + " http(s)://HOST[:PORT][/PATH].")
  String registry;

  @Option(
      names = "--ca-file",
      paramLabel = "PEM",
      description = "CA certificates (PEM) to trust for the registry instead of the system's.")
  Path caFile;

  @Option(
      names = "--docker-config",
      paramLabel = "FILE",
      description =
          "Docker config.json with the registry's credentials (default: $DOCKER_CONFIG/config.json,"
              + " else ~/.docker/config.json).")
  Path dockerConfig;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    Optional<MirrorScope> scope = options.scope(err);
    if (scope.isEmpty()) {
      return BulwarkCli.EXIT_INVALID;
    }
    Optional<String> named = Optional.ofNullable(registry).or(() -> scope.get().registry());
    if (named.isEmpty()) {
      return invalid(
          err,
          "no mirror to check: set spec.mirror.registry in the spec, or name it with --registry");
    }
    RegistryEndpoint endpoint;
    RegistryClient client;
    try {
      endpoint = RegistryEndpoint.parse(named.get());
      client = client(endpoint);
    } catch (IllegalArgumentException e) {
      return invalid(err, e.getMessage());
    }
    ReleaseImagesRead releases = ReleaseImagesRead.of(scope.get().components(), options.archives());
    MirrorInventory inventory = MirrorInventory.of(scope.get().components(), releases.images());
    List<MirrorCheck.Finding> findings;
    try {
      findings = new MirrorCheck(endpoint.mirror()).check(inventory.images(), client);
    } catch (IOException e) {
      return invalid(err, "cannot reach the registry at " + endpoint.base() + ": " + reason(e));
    }
    out.print(
        options.json()
            ? json(endpoint.mirror(), findings)
            : table(findings) + summary(endpoint.mirror(), findings) + "\n");
    out.flush();
    findings.stream()
        .filter(f -> f.state() != MirrorCheck.State.PRESENT)
        .forEach(
            f ->
                err.println(
                    "bulwark mirror check: "
                        + f.state().label
                        + ": "
                        + f.destination()
                        + " ("
                        + f.entry().component()
                        + "): "
                        + f.detail()
                        + "; copy it (images.txt of bulwark mirror export): "
                        + f.copyLine()));
    releases.report(err, "bulwark mirror check: not checked");
    err.flush();
    return releases.unread().isEmpty()
            && findings.stream().allMatch(f -> f.state() == MirrorCheck.State.PRESENT)
        ? 0
        : 1;
  }

  private static int invalid(PrintWriter err, String message) {
    err.println("bulwark mirror check: " + message);
    err.flush();
    return BulwarkCli.EXIT_INVALID;
  }

  /** An exception's own message, or its type when it has none (a refused connection has none). */
  private static String reason(Throwable e) {
    Throwable cause = e.getCause() != null && e.getMessage() == null ? e.getCause() : e;
    return cause.getMessage() != null
        ? cause.getMessage()
        : cause.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
  }

  private RegistryClient client(RegistryEndpoint endpoint) {
    HttpClient.Builder http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL);
    if (caFile != null) {
      http.sslContext(trusting(caFile));
    }
    Path config = dockerConfig != null ? dockerConfig : RegistryCredentials.defaultDockerConfig();
    try {
      return new RegistryClient(
          endpoint.base(),
          http.build(),
          RegistryCredentials.fromDockerConfig(config, endpoint.host()));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + config + ": " + e.getMessage(), e);
    }
  }

  /** A TLS context that trusts the CA certificates in a PEM file, and only those. */
  static SSLContext trusting(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, certificate);
      }
      if (i == 0) {
        throw new IllegalArgumentException(pem + ": no PEM certificate in it");
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          pem + ": expected CA certificates in PEM (" + reason(e) + ")", e);
    }
  }

  static String table(List<MirrorCheck.Finding> findings) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("STATE", "IMAGE", "COMPONENT", "DETAIL"));
    for (MirrorCheck.Finding f : findings) {
      rows.add(List.of(f.state().label, f.destination(), f.entry().component(), f.detail()));
    }
    return Tables.render(rows);
  }

  static String summary(String mirror, List<MirrorCheck.Finding> findings) {
    Map<MirrorCheck.State, Integer> counts = counts(findings);
    List<String> parts = new ArrayList<>();
    counts.forEach((state, n) -> parts.add(n + " " + state.label));
    return findings.size() + " images in " + mirror + ": " + String.join(", ", parts);
  }

  private static Map<MirrorCheck.State, Integer> counts(List<MirrorCheck.Finding> findings) {
    Map<MirrorCheck.State, Integer> counts = new EnumMap<>(MirrorCheck.State.class);
    for (MirrorCheck.State state : MirrorCheck.State.values()) {
      counts.put(state, 0);
    }
    findings.forEach(f -> counts.merge(f.state(), 1, Integer::sum));
    return counts;
  }

  static String json(String mirror, List<MirrorCheck.Finding> findings) {
    List<Map<String, Object>> images = new ArrayList<>();
    for (MirrorCheck.Finding f : findings) {
      Map<String, Object> image = new LinkedHashMap<>();
      image.put("component", f.entry().component());
      image.put("image", f.entry().image().reference());
      image.put("destination", f.destination());
      image.put("state", f.state().label);
      image.put("detail", f.detail());
      images.add(image);
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    counts(findings).forEach((state, n) -> summary.put(state.label, n));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("registry", mirror);
    doc.put("images", images);
    doc.put("summary", summary);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc)
          + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
