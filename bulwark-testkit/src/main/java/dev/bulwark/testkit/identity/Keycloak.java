package dev.bulwark.testkit.identity;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak, the {@code org.keycloak:keycloak-quarkus-dist} zip from Maven Central, started
 * on free 127.0.0.1 ports with HTTPS from a {@link TestCa} and an in-memory H2 database, its admin
 * from the bootstrap environment variables (ADR 0046). Every instance unpacks its own copy, so that
 * parallel builds never share Keycloak's build output or data.
 */
public final class Keycloak implements AutoCloseable {

  /** The Keycloak the tests run; the module that fetches the zip pins the same version. */
  public static final String VERSION = "26.7.3";

  /** The system property that names the distribution zip (set by the build that fetched it). */
  public static final String DIST_PROPERTY = "bulwark.keycloak.dist";

  private static final String ADMIN = "bulwark-admin";

  private final Process process;
  private final TestCa ca;
  private final int httpsPort;
  private final String adminPassword;
  private final Path log;
  private final Duration startTime;

  private Keycloak(
      Process process, TestCa ca, int httpsPort, String adminPassword, Path log, Duration took) {
    this.process = process;
    this.ca = ca;
    this.httpsPort = httpsPort;
    this.adminPassword = adminPassword;
    this.log = log;
    this.startTime = took;
  }

  /**
   * The distribution zip: {@code -Dbulwark.keycloak.dist}, else the local Maven repository.
   *
   * @return the zip, or empty with nothing there
   */
  public static Optional<Path> locate() {
    String configured = System.getProperty(DIST_PROPERTY);
    Path repository =
        Path.of(
            System.getProperty(
                "maven.repo.local", System.getProperty("user.home") + "/.m2/repository"));
    Path zip =
        configured != null
            ? Path.of(configured)
            : repository.resolve(
                "org/keycloak/keycloak-quarkus-dist/"
                    + VERSION
                    + "/keycloak-quarkus-dist-"
                    + VERSION
                    + ".zip");
    return Files.isRegularFile(zip) ? Optional.of(zip) : Optional.empty();
  }

  /** What to tell a developer when {@link #locate()} finds nothing. */
  public static String missingMessage() {
    return "Keycloak "
        + VERSION
        + " distribution (org.keycloak:keycloak-quarkus-dist:"
        + VERSION
        + ":zip) not found; run the module's build (it fetches the zip from Maven Central) or"
        + " ./mvnw dependency:get -Dartifact=org.keycloak:keycloak-quarkus-dist:"
        + VERSION
        + ":zip";
  }

  /**
   * Unpacks {@code zip} into {@code dir}, starts Keycloak in development mode and waits until its
   * health endpoint reports it ready.
   */
  public static Keycloak start(Path zip, Path dir, Duration timeout) throws IOException {
    long started = System.nanoTime();
    Path home = unzip(zip, dir.resolve("dist"));
    TestCa ca = TestCa.create(dir.resolve("pki"));
    int httpsPort = freePort();
    int managementPort = freePort();
    String password = UUID.randomUUID().toString();
    Path log = dir.resolve("keycloak.log");
    ProcessBuilder builder =
        new ProcessBuilder(command(home, ca, httpsPort, managementPort))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // Keycloak needs JDK 21, which runs this test JVM; the admin comes from the environment.
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
    builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
    builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", password);
    Process process = builder.start();
    // a test JVM that dies before its extension closes Keycloak leaves no Keycloak behind
    Runtime.getRuntime().addShutdownHook(new Thread(() -> destroyTree(process), "keycloak-stop"));
    Keycloak keycloak = new Keycloak(process, ca, httpsPort, password, log, Duration.ZERO);
    try {
      keycloak.awaitReady(managementPort, timeout);
    } catch (IOException | RuntimeException e) {
      keycloak.close();
      throw e;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    System.err.println("[Keycloak] " + VERSION + " ready on " + keycloak.baseUrl() + " in " + took);
    return new Keycloak(process, ca, httpsPort, password, log, took);
  }

  private static List<String> command(Path home, TestCa ca, int httpsPort, int managementPort)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/kc.sh").toString());
    command.add("start-dev");
    command.add("--db=dev-mem");
    command.add("--http-host=127.0.0.1");
    // development mode keeps plain HTTP open; on a free port of its own, so runs never collide
    command.add("--http-port=" + freePort());
    command.add("--https-port=" + httpsPort);
    command.add("--https-certificate-file=" + ca.certificate());
    command.add("--https-certificate-key-file=" + ca.key());
    command.add("--hostname=https://127.0.0.1:" + httpsPort);
    command.add("--http-management-port=" + managementPort);
    command.add("--health-enabled=true");
    return command;
  }

  private void awaitReady(int managementPort, Duration timeout) throws IOException {
    HttpClient http = http();
    URI ready = URI.create("https://127.0.0.1:" + managementPort + "/health/ready");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("Keycloak exited (" + process.exitValue() + "):\n" + logTail());
      }
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("UP")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for Keycloak", e);
      }
      sleep(Duration.ofMillis(500));
    }
    throw new IOException("Keycloak was not ready within " + timeout + ":\n" + logTail());
  }

  /** The public address, which is also the issuers' base. */
  public URI baseUrl() {
    return URI.create("https://127.0.0.1:" + httpsPort);
  }

  /** The issuer of {@code realm}'s tokens. */
  public URI issuer(String realm) {
    return URI.create(baseUrl() + "/realms/" + realm);
  }

  public TestCa ca() {
    return ca;
  }

  /** How long unpacking, the certificates and the start took. */
  public Duration startTime() {
    return startTime;
  }

  /** An HTTP client that trusts the test CA alone. */
  public HttpClient http() throws IOException {
    return HttpClient.newBuilder()
        .sslContext(ca.sslContext())
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  /** The admin REST API, signed in as the bootstrap admin of the master realm. */
  public KeycloakAdmin admin() throws IOException {
    return KeycloakAdmin.signIn(http(), baseUrl(), ADMIN, adminPassword);
  }

  /** Stops Keycloak (and the JVM its start script started). */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      for (ProcessHandle child : children) {
        child.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      children.forEach(ProcessHandle::destroyForcibly);
    }
  }

  private static void destroyTree(Process process) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }

  private static Path unzip(Path zip, Path target) throws IOException {
    Path home = null;
    try (InputStream file = Files.newInputStream(zip);
        ZipInputStream in = new ZipInputStream(file)) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        Path out = target.resolve(entry.getName()).normalize();
        if (!out.startsWith(target)) {
          throw new IOException("zip entry outside its folder: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
          continue;
        }
        Files.createDirectories(out.getParent());
        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        if (out.getFileName().toString().endsWith(".sh")) {
          out.toFile().setExecutable(true);
        }
        if (out.endsWith(Path.of("bin", "kc.sh"))) {
          home = out.getParent().getParent();
        }
      }
    }
    if (home == null) {
      throw new IOException(zip + " holds no bin/kc.sh: not a Keycloak distribution");
    }
    return home;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(Duration duration) throws IOException {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for Keycloak", e);
    }
  }
}
