package dev.bulwark.cli.live;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.operator.live.OneShotApply;
import dev.bulwark.operator.runtime.Engine;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.time.Clock;

/**
 * The Platform of the live tests of this JVM. They share one API server, and platform objects have
 * fixed names, so every test that applies a Platform applies this same one.
 */
public final class LivePlatform {

  public static final String YAML =
      """
      apiVersion: bulwark.dev/v1alpha1
      kind: Platform
      metadata: {name: acme}
      spec:
        domain: acme.example.com
        components:
          gitops: {settings: {repoURL: "https://git.example.test/gitops.git"}}
          certificates: {settings: {email: "ops@example.test"}}
      ---
      """;

  private LivePlatform() {}

  /**
   * What the operator needs before it reconciles {@code spec}: the upstream CRDs (from a mirror of
   * the pinned charts, as a user's machine gets them from the charts) and the bootstrap objects.
   */
  static void prepare(KubernetesClient admin, BulwarkSpec spec, PrintWriter out) {
    DemoCluster.installCrds(
        admin, spec, DemoCluster.obtainCrds(spec, MirroredCharts.archives()), out);
    new OneShotApply(Engine.create(admin, null, Clock.systemUTC(), "test-admin")).bootstrap(spec);
  }
}
