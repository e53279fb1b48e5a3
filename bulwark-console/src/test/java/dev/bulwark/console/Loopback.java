package dev.bulwark.console;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Optional;

/** Ports on 127.0.0.1 for the consoles the tests start. */
final class Loopback {

  private Loopback() {}

  /** A console on a free loopback port, logging in at {@code issuer}, reading {@code cluster}. */
  static ConsoleServer console(
      URI issuer,
      io.fabric8.kubernetes.client.Config cluster,
      Optional<ConsoleConfig.GitOps> gitops)
      throws IOException {
    return ConsoleServer.start(ConsoleConfig.onLoopback(freePort(), issuer, cluster, gitops));
  }

  /** A console that never reaches a cluster: for tests of login and forms alone. */
  static io.fabric8.kubernetes.client.Config noCluster() {
    return new io.fabric8.kubernetes.client.ConfigBuilder()
        .withMasterUrl("https://127.0.0.1:1")
        .build();
  }

  static String base(ConsoleServer console) {
    return "http://127.0.0.1:" + console.address().getPort();
  }

  /** A port free on loopback now, for a console whose redirect URI must name it before it runs. */
  static int freePort() throws IOException {
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return free.getLocalPort();
    }
  }
}
