package dev.bulwark.platform.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.platform.stack.ScriptRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Argo CD install script, run with a real shell against a fake {@code helm}. */
class InstallScriptTest {

  private static ScriptRun install(Path dir) {
    return new ScriptRun(BootstrapUnit.class, "install-argo-cd.sh", dir, "helm")
        .file("values.yaml", "global: {}\n")
        .env("RELEASE", "argo-cd")
        .env("RELEASE_NAMESPACE", "argocd")
        .env("CHART_VERSION", "10.9.0");
  }

  @Test
  void installsFromAHelmRepository(@TempDir Path dir) {
    ScriptRun run =
        install(dir)
            .env("CHART", "argo-cd")
            .env("CHART_REPO", "https://argoproj.github.io/argo-helm");
    ScriptRun.Result result = run.run();

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.calls())
        .containsExactly(
            "helm upgrade --install argo-cd argo-cd --repo https://argoproj.github.io/argo-helm"
                + " --version 10.9.0 --namespace argocd --values "
                + run.config().resolve("values.yaml")
                + " --wait --timeout 10m");
  }

  @Test
  void installsAnOciChartWithoutARepository(@TempDir Path dir) {
    ScriptRun run = install(dir).env("CHART", "oci://ghcr.io/argoproj/argo-helm/argo-cd");
    ScriptRun.Result result = run.run();

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.calls())
        .containsExactly(
            "helm upgrade --install argo-cd oci://ghcr.io/argoproj/argo-helm/argo-cd"
                + " --version 10.9.0 --namespace argocd --values "
                + run.config().resolve("values.yaml")
                + " --wait --timeout 10m");
  }

  @Test
  void failsWhenHelmFailsOrAFactIsMissing(@TempDir Path dir) {
    assertThat(
            install(dir.resolve("helm"))
                .env("CHART", "argo-cd")
                .always("helm *", 1, "")
                .run()
                .exitCode())
        .isNotZero();
    ScriptRun.Result missing = install(dir.resolve("missing")).run();
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.calls()).isEmpty();
  }
}
