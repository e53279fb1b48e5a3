package dev.bulwark.controlplane;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One real node (containerd, kubelet, kube-proxy, kube-scheduler, CoreDNS) added to a running
 * {@link ControlPlane} through {@code tools/node.sh}, the script a developer runs by hand. A node
 * owns host-wide things (a bridge, iptables chains, {@code /run/bulwark-node}), so one runs per
 * host: {@link #start} waits for a file lock that {@link #close} releases, across JVMs.
 */
public final class Node implements AutoCloseable {

  /** The node's name in the cluster. */
  public static final String NAME = "bulwark-node";

  /**
   * The pod bridge's gateway address on the host. A control plane started with it as its advertise
   * address gives pods the API server: {@code tools/node.sh} relays it to 127.0.0.1.
   */
  public static final String POD_GATEWAY = "10.244.0.1";

  private static final Path HOST_LOCK = Path.of("/run/bulwark-node.lock");

  /** containerd's socket, as tools/node.sh configures it. */
  private static final String SOCKET = "/run/bulwark-node/containerd.sock";

  private static final List<String> BINARIES =
      List.of("kubelet", "kube-proxy", "kube-scheduler", "coredns");

  private final Setup setup;
  private final Path dir;
  private final FileLock lock;

  private Node(Setup setup, Path dir, FileLock lock) {
    this.setup = setup;
    this.dir = dir;
    this.lock = lock;
  }

  /**
   * Where the node's script, binaries and images are.
   *
   * @param script {@code tools/node.sh}
   * @param images the locally built images: key (PAUSE, PROBE, COREDNS, ...) to reference with
   *     digest, as {@code tools/build-images.sh} wrote them
   */
  public record Setup(Path script, Map<String, String> images) {
    public Setup {
      images = Map.copyOf(images);
    }
  }

  /** Checks everything a node needs on this host, or says what is missing and how to get it. */
  public static ControlPlane.Result<Setup> locate(ControlPlane.Setup plane) {
    Path images =
        Optional.ofNullable(System.getenv("BULWARK_IMAGES_DIR"))
            .map(Path::of)
            .orElse(Path.of(System.getProperty("user.home"), ".cache/bulwark/images"));
    return locate(plane, images.resolve("images.env"), isRoot(), onPath("containerd"));
  }

  static ControlPlane.Result<Setup> locate(
      ControlPlane.Setup plane, Path imagesEnv, boolean root, boolean containerd) {
    Path script = plane.repo().resolve("tools/node.sh");
    List<String> missing = new ArrayList<>();
    if (!Files.isRegularFile(script)) {
      missing.add("no " + script);
    }
    if (!root) {
      missing.add("a node needs root (containerd, mounts, iptables)");
    }
    if (!containerd) {
      missing.add(
          "containerd is not installed (apt-get install containerd runc "
              + "containernetworking-plugins iptables conntrack, as .ci/prepare.d/40-node.sh does)");
    }
    for (String binary : BINARIES) {
      if (!Files.isExecutable(plane.binaries().resolve(binary))) {
        missing.add(binary + " not in " + plane.binaries() + " (tools/build-k8s-binaries.sh)");
      }
    }
    Map<String, String> images = readImages(imagesEnv);
    if (!images.containsKey("PAUSE") || !images.containsKey("PROBE")) {
      missing.add("no images in " + imagesEnv + " (tools/build-images.sh)");
    }
    if (!missing.isEmpty()) {
      return ControlPlane.Result.missing(String.join("; ", missing));
    }
    return ControlPlane.Result.of(new Setup(script, images));
  }

  /** Adds the node to {@code plane}; returns once the Node is Ready and DNS answers. */
  public static Node start(Setup setup, ControlPlane plane, Duration timeout) throws IOException {
    FileLock lock = hostLock();
    Node node = new Node(setup, plane.dir(), lock);
    try {
      node.run("start", timeout);
      return node;
    } catch (IOException | RuntimeException e) {
      try (node) {
        throw e;
      }
    }
  }

  /** The reference (with digest) of a locally built image, by its key in images.env. */
  public String image(String key) {
    String reference = setup.images().get(key);
    if (reference == null) {
      throw new IllegalArgumentException(
          "no image " + key + " was built; built: " + setup.images().keySet());
    }
    return reference;
  }

  /** Whether the image {@code key} (OPERATOR, SAMPLE_APP, ...) was built and is on the node. */
  public boolean hasImage(String key) {
    return setup.images().containsKey(key);
  }

  /**
   * Gives a locally built image a second name in the node's image store, as if it had been pushed
   * to a registry under that name (the demo's platform admits only images of its own registry);
   * returns the new name, which pods use with pull policy IfNotPresent.
   *
   * @param key the image's key in images.env (PROBE, SAMPLE_APP, ...)
   * @param repository the new repository, e.g. {@code harbor.acme.example.com/bulwark/probe}
   */
  public String alias(String key, String repository) throws IOException {
    String reference = image(key);
    String tagged = reference.substring(0, reference.indexOf('@'));
    String alias = repository + tagged.substring(tagged.lastIndexOf(':'));
    Process ctr =
        new ProcessBuilder(
                "ctr",
                "--address",
                SOCKET,
                "--namespace",
                "k8s.io",
                "images",
                "tag",
                "--force",
                tagged,
                alias)
            .redirectErrorStream(true)
            .start();
    String output = new String(ctr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (ctr.waitFor() != 0) {
        throw new IOException("ctr images tag " + tagged + " " + alias + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while tagging " + alias, e);
    }
    return alias;
  }

  /** Stops the node's processes and undoes its host changes, then releases the host lock. */
  @Override
  public void close() throws IOException {
    try {
      run("stop", Duration.ofMinutes(2));
    } finally {
      lock.channel().close();
    }
  }

  private void run(String command, Duration timeout) throws IOException {
    ToolScript.run(
        setup.script(),
        command,
        dir,
        timeout,
        Map.of("BULWARK_NODE_TIMEOUT", String.valueOf(Math.max(30, timeout.toSeconds()))));
  }

  private static FileLock hostLock() throws IOException {
    FileChannel channel =
        FileChannel.open(HOST_LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      return channel.lock();
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** KEY_IMAGE=reference lines of images.env, by KEY; empty when the file is missing. */
  static Map<String, String> readImages(Path imagesEnv) {
    Map<String, String> images = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(imagesEnv, StandardCharsets.UTF_8)) {
        int eq = line.indexOf('=');
        if (eq > 0 && line.substring(0, eq).endsWith("_IMAGE")) {
          images.put(line.substring(0, eq - "_IMAGE".length()), line.substring(eq + 1));
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return images;
  }

  private static boolean isRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static boolean onPath(String command) {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (String entry : path.split(":")) {
      if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, command))) {
        return true;
      }
    }
    return false;
  }
}
