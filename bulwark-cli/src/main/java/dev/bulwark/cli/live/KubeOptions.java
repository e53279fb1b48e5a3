package dev.bulwark.cli.live;

import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How a live command reaches the cluster: {@code --kubeconfig}, else KUBECONFIG / ~/.kube/config /
 * in-cluster; {@code --as} and {@code --as-group} act as another identity, as kubectl's do.
 */
public final class KubeOptions {

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description =
          "Kubeconfig file (default: $KUBECONFIG, ~/.kube/config, or the pod's service account).")
  Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "Context of the kubeconfig to use (default: its current context).")
  String context;

  @Option(
      names = "--as",
      paramLabel = "USER",
      description =
          "Act as this user (impersonation, as kubectl --as; the kubeconfig's identity needs the right to impersonate).")
  String as;

  @Option(
      names = "--as-group",
      paramLabel = "GROUP",
      description = "Act as a member of this group (repeatable; needs --as).")
  List<String> asGroups = new ArrayList<>();

  /** The client configuration these options select. */
  public Config config() {
    if (as == null && !asGroups.isEmpty()) {
      throw new IllegalArgumentException("--as-group needs --as: the user to act as");
    }
    Config config = loaded();
    if (as != null) {
      config.setImpersonateUsername(as);
      config.setImpersonateGroups(asGroups.toArray(String[]::new));
    }
    return config;
  }

  private Config loaded() {
    if (kubeconfig == null) {
      return Config.autoConfigure(context);
    }
    try {
      return Config.fromKubeconfig(context, Files.readString(kubeconfig), kubeconfig.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read kubeconfig " + kubeconfig, e);
    }
  }
}
