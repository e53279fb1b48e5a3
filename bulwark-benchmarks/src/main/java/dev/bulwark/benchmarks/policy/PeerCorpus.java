package dev.bulwark.benchmarks.policy;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The corpus the peers harness ({@code bulwark-benchmarks/peers/run.sh}) hands Bulwark and every
 * peer: the audit benchmark's Deployments, Services and ConfigMaps (a third each) in 100
 * multi-document files, plus the tenant Namespace they live in, so that every tool can resolve the
 * policies' namespace selectors from its input. Unlike the audit benchmark's corpus, some objects
 * break rules, so that the verdict counts the harness compares are not all zero: every fifth
 * Deployment runs an image by tag (no digest) and every seventh allows privilege escalation.
 *
 * <p>The Deployments also carry the environment label themselves: gator and the Kyverno CLI hand
 * CEL no {@code namespaceObject}, and the digest rule falls back to the object's own label, so with
 * it every tool judges the same facts.
 *
 * <p>Usage: PeerCorpus DIR OBJECTS
 */
public final class PeerCorpus {

  /** The Namespace of every object, labelled as Bulwark labels a tenant's production namespace. */
  static final String NAMESPACE =
      """
      apiVersion: v1
      kind: Namespace
      metadata:
        name: team-a-prod
        labels:
          bulwark.dev/tenant: team-a
          bulwark.dev/environment: prod
          kubernetes.io/metadata.name: team-a-prod
          pod-security.kubernetes.io/enforce: restricted
          pod-security.kubernetes.io/enforce-version: latest
      """;

  private static final String DIGEST_SUFFIX =
      "@sha256:4b5d2f0c7a1e9b3d8c6f2a0e4b7d1c9f3a5e8b2d6c0f4a7e1b9d3c5f8a2e6b0d";

  private PeerCorpus() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: PeerCorpus DIR OBJECTS");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    int objects = Integer.parseInt(args[1]);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("namespace.yaml"), NAMESPACE, StandardCharsets.UTF_8);
    write(dir, objects, 100);
  }

  private static void write(Path dir, int objects, int files) throws IOException {
    int perFile = (objects + files - 1) / files;
    int written = 0;
    for (int f = 0; f < files && written < objects; f++) {
      Path file = dir.resolve(String.format(Locale.ROOT, "objects-%03d.yaml", f));
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        for (int i = 0; i < perFile && written < objects; i++, written++) {
          out.write("---\n");
          out.write(object(written));
        }
      }
    }
  }

  /** Object number {@code n}: a Deployment, Service or ConfigMap in turn. */
  static String object(int n) {
    return switch (n % 3) {
      case 0 -> deployment(n / 3).formatted(n);
      case 1 -> PolicyFixtures.SERVICE.formatted(n);
      default -> PolicyFixtures.CONFIG_MAP.formatted(n);
    };
  }

  /** The {@code k}-th Deployment, with the rule-breaking variations described above. */
  private static String deployment(int k) {
    String text =
        PolicyFixtures.DEPLOYMENT.replace(
            "labels: {bulwark.dev/tenant: team-a,",
            "labels: {bulwark.dev/tenant: team-a, bulwark.dev/environment: prod,");
    if (k % 5 == 0) {
      text = text.replace(DIGEST_SUFFIX, "");
    }
    if (k % 7 == 0) {
      text = text.replace("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true");
    }
    return text;
  }
}
