package dev.bulwark.testkit.engines;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * The real parts of the signature tests: crane's in-memory OCI registry on 127.0.0.1, images pushed
 * to it with crane, and cosign signing and attesting them with a key pair it generated. The key's
 * password is passed in the environment only, as the pipeline's sign stage does.
 */
public final class OciRegistry implements AutoCloseable {

  /** The password of the key pairs {@link #keyPair} makes. */
  public static final String PASSWORD = "test-only-" + Long.toHexString(System.nanoTime());

  private final Process registry;
  private final Path dir;

  /** host:port of the registry. */
  public final String host;

  private OciRegistry(Process registry, Path dir, String host) {
    this.registry = registry;
    this.dir = dir;
    this.host = host;
  }

  /** Starts crane's registry on a free port of 127.0.0.1, its files and log in {@code dir}. */
  public static OciRegistry start(Path dir) throws Exception {
    int port = freePort();
    String host = "127.0.0.1:" + port;
    return listening(
        dir,
        port,
        new ProcessBuilder(
            Engine.CRANE.require().toString(), "registry", "serve", "--address", host));
  }

  /**
   * Starts the Distribution registry on a free port of 127.0.0.1, accepting only {@code user} with
   * {@code password} (htpasswd, bcrypt), over plain HTTP as a registry behind a TLS-terminating
   * proxy serves; the pushes and signatures of this class log in with them (a Docker config in
   * {@code dir}, as {@code docker login} writes it).
   */
  public static OciRegistry startWithLogin(Path dir, String user, String password)
      throws Exception {
    int port = freePort();
    String host = "127.0.0.1:" + port;
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    Path htpasswd =
        Files.writeString(
            dir.resolve("htpasswd"),
            user + ":" + OpenBSDBCrypt.generate("2a", password.toCharArray(), salt, 10) + "\n");
    Path config =
        Files.writeString(
            dir.resolve("registry.yml"),
            String.join(
                "\n",
                "version: 0.1",
                "log: {level: info}",
                "storage:",
                "  filesystem: {rootdirectory: " + dir.resolve("data") + "}",
                "http:",
                "  addr: " + host,
                "  secret: " + Long.toHexString(System.nanoTime()),
                "auth:",
                "  htpasswd: {realm: bulwark-test, path: " + htpasswd + "}",
                ""));
    Files.createDirectories(dir.resolve(".docker"));
    Files.writeString(
        dir.resolve(".docker/config.json"),
        "{\"auths\": {\""
            + host
            + "\": {\"auth\": \""
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))
            + "\"}}}\n");
    ProcessBuilder builder =
        new ProcessBuilder(Engine.REGISTRY.require().toString(), "serve", config.toString());
    // no trace exporter to dial: nothing listens for OpenTelemetry here
    builder.environment().put("OTEL_TRACES_EXPORTER", "none");
    return listening(dir, port, builder);
  }

  /** The Docker config (config.json) with the login to this registry, if it wants one. */
  public Path dockerConfig() {
    return dir.resolve(".docker/config.json");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static OciRegistry listening(Path dir, int port, ProcessBuilder builder)
      throws Exception {
    String host = "127.0.0.1:" + port;
    Process process =
        builder
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("registry.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return new OciRegistry(process, dir, host);
      } catch (IOException e) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          process.destroyForcibly();
          throw new IllegalStateException(
              "the registry did not listen on "
                  + host
                  + ": "
                  + Files.readString(dir.resolve("registry.log")));
        }
        Thread.sleep(100);
      }
    }
  }

  /** Pushes a one-layer image holding {@code content} as {@code app:<tag>}; its image@digest. */
  public String push(String tag, String content) throws Exception {
    return host + "/app@" + pushTo(host + "/app:" + tag, content);
  }

  /**
   * Pushes a one-layer image holding {@code content} as {@code reference} (a name and tag on this
   * registry, e.g. {@code 127.0.0.1:5000/mirror/jetstack/cert-manager-controller:v1.21.1}); its
   * digest. Different content gives a different digest.
   */
  public String pushTo(String reference, String content) throws Exception {
    Path layer = Files.createTempFile(dir, "layer", ".tar.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(layer))) {
      out.write(tar("hello.txt", content.getBytes(StandardCharsets.UTF_8)));
    }
    run(Engine.CRANE, Map.of(), "append", "-f", layer.toString(), "-t", reference);
    return run(Engine.CRANE, Map.of(), "digest", reference).strip();
  }

  /** A cosign key pair in its own directory: {@code cosign.key} and {@code cosign.pub}. */
  public Path keyPair(String name) throws Exception {
    Path keys = Files.createDirectories(dir.resolve(name));
    run(Engine.COSIGN, Map.of("COSIGN_PASSWORD", PASSWORD), keys, "generate-key-pair");
    return keys;
  }

  /** Signs {@code image} with the key pair in {@code keys}, as the sign stage does. */
  public void sign(Path keys, String image) throws Exception {
    cosign(
        "sign",
        "--key",
        keys.resolve("cosign.key").toString(),
        "--tlog-upload=false",
        "--yes",
        image);
  }

  /** Attests {@code predicate} of {@code type} for {@code image}. */
  public void attest(Path keys, String image, String type, String predicate) throws Exception {
    Path file = Files.writeString(Files.createTempFile(dir, "predicate", ".json"), predicate);
    cosign(
        "attest",
        "--key",
        keys.resolve("cosign.key").toString(),
        "--tlog-upload=false",
        "--yes",
        "--type",
        type,
        "--predicate",
        file.toString(),
        image);
  }

  /** Copies one tag of the repository to another tag, as someone with push rights could. */
  public void copyTag(String from, String to) throws Exception {
    run(Engine.CRANE, Map.of(), "tag", host + "/app:" + from, to);
  }

  private void cosign(String... args) throws Exception {
    run(Engine.COSIGN, Map.of("COSIGN_PASSWORD", PASSWORD), dir, args);
  }

  private String run(Engine engine, Map<String, String> env, String... args) throws Exception {
    return run(engine, env, dir, args);
  }

  private static String run(Engine engine, Map<String, String> env, Path cwd, String... args)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(engine.require().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
    Map<String, String> environment = new HashMap<>(env);
    environment.put("HOME", cwd.toString());
    environment.put("DOCKER_CONFIG", cwd.resolve(".docker").toString());
    builder.environment().putAll(environment);
    Path out = Files.createTempFile(cwd, "out", ".txt");
    Path err = Files.createTempFile(cwd, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    process.getOutputStream().close();
    if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(
          engine.name() + " " + args[0] + " failed: " + Files.readString(err));
    }
    return Files.readString(out);
  }

  /** A POSIX tar archive of one regular file. */
  static byte[] tar(String name, byte[] content) {
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000644");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", content.length));
    put(header, 136, "00000000000");
    header[156] = '0';
    put(header, 257, "ustar");
    put(header, 263, "00");
    java.util.Arrays.fill(header, 148, 156, (byte) ' ');
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum));
    header[154] = 0;
    int padded = (content.length + 511) / 512 * 512;
    byte[] out = new byte[512 + padded + 1024];
    System.arraycopy(header, 0, out, 0, 512);
    System.arraycopy(content, 0, out, 512, content.length);
    return out;
  }

  private static void put(byte[] header, int offset, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }

  @Override
  public void close() {
    registry.destroy();
  }
}
