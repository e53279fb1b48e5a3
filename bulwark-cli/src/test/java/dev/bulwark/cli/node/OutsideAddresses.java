package dev.bulwark.cli.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Addresses outside the cluster for egress tests: a network namespace on the host, joined to it by
 * a veth pair and routed from it, where the host build of the probe program serves HTTP on port
 * 8080 of every address given. Pods reach it through the host's forwarding path, the path the
 * policy enforcer watches, as they would reach a service beyond the node.
 */
final class OutsideAddresses implements AutoCloseable {

  private static final String NETNS = "bulwark-np-outside";
  private static final String HOST_LINK = "bnp-host";
  private static final String OUTSIDE_LINK = "bnp-outside";
  // A link-local /30 for the veth pair, so the outside namespace has a next hop back to the pods.
  private static final String HOST_SIDE = "169.254.213.1";
  private static final String OUTSIDE_SIDE = "169.254.213.2";

  private final Process server;

  private OutsideAddresses(Process server) {
    this.server = server;
  }

  /** The program {@code tools/build-images.sh} writes beside the image archives, if built. */
  static Optional<Path> probeProgram() {
    Path dir =
        Optional.ofNullable(System.getenv("BULWARK_IMAGES_DIR"))
            .map(Path::of)
            .orElse(Path.of(System.getProperty("user.home"), ".cache/bulwark/images"));
    try {
      return Files.readAllLines(dir.resolve("images.env"), StandardCharsets.UTF_8).stream()
          .filter(line -> line.startsWith("PROBE_PROGRAM="))
          .map(line -> Path.of(line.substring("PROBE_PROGRAM=".length())))
          .filter(Files::isExecutable)
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Creates the namespace (removing one a crashed run left), routes {@code addresses} (each a
   * single IPv4 address) and the pod network {@code podCidr} between it and the host, and serves.
   */
  static OutsideAddresses serve(Path probe, String podCidr, List<String> addresses)
      throws IOException, InterruptedException {
    removeNamespace();
    List<List<String>> steps = new ArrayList<>();
    steps.add(List.of("ip", "netns", "add", NETNS));
    steps.add(
        List.of(
            "ip",
            "link",
            "add",
            HOST_LINK,
            "type",
            "veth",
            "peer",
            "name",
            OUTSIDE_LINK,
            "netns",
            NETNS));
    steps.add(List.of("ip", "addr", "add", HOST_SIDE + "/30", "dev", HOST_LINK));
    steps.add(List.of("ip", "link", "set", HOST_LINK, "up"));
    steps.add(inside("ip", "addr", "add", OUTSIDE_SIDE + "/30", "dev", OUTSIDE_LINK));
    for (String address : addresses) {
      steps.add(inside("ip", "addr", "add", address + "/32", "dev", OUTSIDE_LINK));
      steps.add(List.of("ip", "route", "add", address + "/32", "via", OUTSIDE_SIDE));
    }
    steps.add(inside("ip", "link", "set", OUTSIDE_LINK, "up"));
    steps.add(inside("ip", "link", "set", "lo", "up"));
    steps.add(inside("ip", "route", "add", podCidr, "via", HOST_SIDE));
    for (List<String> step : steps) {
      run(step);
    }
    Process server =
        new ProcessBuilder(inside(probe.toString(), "serve", "-listen", ":8080"))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    return new OutsideAddresses(server);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    server.destroy();
    server.waitFor(10, TimeUnit.SECONDS);
    removeNamespace();
  }

  /** Deleting the namespace deletes the veth pair and with it the host's routes through it. */
  private static void removeNamespace() throws IOException, InterruptedException {
    new ProcessBuilder("ip", "netns", "delete", NETNS)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start()
        .waitFor(30, TimeUnit.SECONDS);
  }

  private static List<String> inside(String... command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", NETNS));
    full.addAll(List.of(command));
    return full;
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output.strip());
    }
  }
}
