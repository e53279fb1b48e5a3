package dev.bulwark.cli.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.api.v1alpha1.UpgradeSpec;
import dev.bulwark.catalog.upgrade.CatalogueHistory;
import dev.bulwark.cli.Cli;
import dev.bulwark.controlplane.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpgradePlanCommandTest {

  @TempDir Path dir;

  Path spec(String body) throws Exception {
    return CatalogCli.platform(dir, body);
  }

  @Test
  void kubernetesUpgradeOfAMinimalPlatformNeedsNoAction() throws Exception {
    Cli r =
        Cli.run(
            "upgrade",
            "plan",
            "--to",
            "1.37",
            spec("profile: minimal\nkubernetesVersion: \"1.35\"\n").toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .startsWith(
            "Upgrade plan for platform test: Kubernetes 1.35 -> 1.37, components as installed")
        .contains(" 1. kubernetes control plane: 1.35 -> 1.36")
        .contains(" 2. kubernetes control plane: 1.36 -> 1.37")
        .contains("No removed API in use and every component supports the target.");
  }

  @Test
  void thePlanShowsTheChannelsTargetTheWindowAndTheMissingApproval() throws Exception {
    String upgrade =
        """
        profile: minimal
        upgrade:
          channel: fast
          window: {days: [mon, tue, wed, thu, fri, sat, sun], start: "00:00", duration: 168h}
        """;
    Cli r = Cli.run("upgrade", "plan", "--to", "1.37", spec(upgrade).toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    String newest = CatalogueHistory.standard().newest(UpgradeSpec.Channel.FAST).release();
    assertThat(r.out())
        .contains("Upgrade channel: fast -> catalogue " + newest + " (the channel's newest)")
        .contains("  window: mon,tue,wed,thu,fri,sat,sun 00:00 for 168h (UTC) - open now")
        .contains("  approval: required\n")
        .contains(
            "  waiting for: approval of "
                + newest
                + ": annotate the Platform with upgrade.bulwark.dev/approved="
                + newest);

    Cli json = Cli.run("upgrade", "plan", "--to", "1.37", "-o", "json", spec(upgrade).toString());
    JsonNode channel = new ObjectMapper().readTree(json.out()).path("upgradeChannel");
    assertThat(channel.path("channel").asText()).isEqualTo("fast");
    assertThat(channel.path("target").asText()).isEqualTo(newest);
    assertThat(channel.path("windowOpen").asBoolean()).isTrue();
    assertThat(channel.path("approval").asText()).isEqualTo("required");
    assertThat(channel.path("waitingFor")).hasSize(1);
  }

  @Test
  void withoutSpecUpgradeThePlanSaysTheOperatorLeavesComponentsAlone() throws Exception {
    Cli r = Cli.run("upgrade", "plan", "--to", "1.37", spec("profile: minimal\n").toString());
    assertThat(r.out()).contains("Upgrade channel: none (spec.upgrade is not set");
  }

  @Test
  void aPinnedReleaseTheCatalogueDoesNotKnowIsASpecError() throws Exception {
    Cli r =
        Cli.run(
            "upgrade",
            "plan",
            "--to",
            "1.37",
            spec("profile: minimal\nupgrade: {version: \"2031.01\"}\n").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("spec.upgrade.version")
        .contains("catalogue release '2031.01' is not known");
  }

  @Test
  void theExampleRendersNoRemovedApi() {
    Path acme = SharedData.repoDir().resolve("examples/acme");
    Cli r = Cli.run("upgrade", "plan", "--to", "1.37", acme.toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    Matcher scanned = Pattern.compile("Scanned (\\d+) objects").matcher(r.out());
    assertThat(scanned.find()).isTrue();
    assertThat(Integer.parseInt(scanned.group(1)))
        .as("rendered objects are scanned")
        .isGreaterThan(20);
    assertThat(r.out()).contains("Nothing to do.");
  }

  @Test
  void manifestsUsingRemovedApisAreMigrationSteps() throws Exception {
    Path manifests = Files.createDirectories(dir.resolve("manifests"));
    Files.writeString(
        manifests.resolve("legacy.yaml"),
        """
        apiVersion: extensions/v1beta1
        kind: Ingress
        metadata: {name: web, namespace: shop}
        ---
        apiVersion: batch/v1beta1
        kind: CronJob
        metadata: {name: nightly, namespace: shop}
        """);
    Cli r =
        Cli.run(
            "upgrade",
            "plan",
            "--to",
            "1.37",
            "--manifests",
            manifests.toString(),
            spec("profile: minimal\nkubernetesVersion: \"1.36\"\n").toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            " 1. migrate    Ingress shop/web ("
                + manifests.resolve("legacy.yaml")
                + ":1): extensions/v1beta1 -> networking.k8s.io/v1  [BREAKING]")
        .contains(
            "already not served by the cluster's Kubernetes 1.36: applying this object fails today")
        .contains(
            " 2. migrate    CronJob shop/nightly ("
                + manifests.resolve("legacy.yaml")
                + ":5): batch/v1beta1 -> batch/v1")
        .contains(" 3. kubernetes control plane: 1.36 -> 1.37")
        .contains("Action required before the upgrade: 0 blocker(s), 2 object(s) to migrate.");
  }

  @Test
  void retiredIngressNginxBlocksAndNamesEnvoyGateway() throws Exception {
    Cli r =
        Cli.run(
            "upgrade",
            "plan",
            "--to",
            "1.37",
            spec("profile: minimal\nkubernetesVersion: \"1.34\"\ncomponents:\n  gateway: {implementation: ingress-nginx}\n")
                .toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "Blockers:\n  - ingress-nginx v1.14.1 supports Kubernetes 1.30-1.34, not 1.37; switch to envoy-gateway");
  }

  @Test
  void catalogueReleasePlanCarriesBreakingNotesInJson() throws Exception {
    Cli r =
        Cli.run(
            "upgrade",
            "plan",
            "--to",
            "2026.11",
            "--installed",
            "kube-prometheus-stack=v0.92.1",
            "--installed",
            "argo-cd=v3.4.4",
            "-o",
            "json",
            spec("profile: standard\n").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.path("release").asText()).isEqualTo("2026.11");
    JsonNode kps = null;
    for (JsonNode step : json.path("steps")) {
      assertThat(step.path("subject").asText())
          .as("argo-cd is at its pin already")
          .isNotEqualTo("argo-cd");
      if (step.path("subject").asText().equals("kube-prometheus-stack")) {
        kps = step;
      }
    }
    assertThat(kps).isNotNull();
    assertThat(kps.path("breaking").asBoolean()).isTrue();
    assertThat(kps.path("from").asText()).isEqualTo("v0.92.1");
    assertThat(kps.path("notes").toString())
        .contains("Prometheus Operator from v0.92.1 to v0.93.0");
  }

  @Test
  void badOptionsAreRejectedWithTheReason() throws Exception {
    Path s = spec("profile: minimal\n");
    Cli release = Cli.run("upgrade", "plan", "--to", "2027.02", s.toString());
    assertThat(release.exitCode()).isEqualTo(2);
    assertThat(release.err()).contains("'2027.02' is neither a Kubernetes version");
    Cli installed =
        Cli.run("upgrade", "plan", "--to", "1.37", "--installed", "nginx=1.0", s.toString());
    assertThat(installed.exitCode()).isEqualTo(2);
    assertThat(installed.err())
        .contains("--installed nginx=1.0: no component 'nginx' in the catalogue");
    Cli missing =
        Cli.run(
            "upgrade",
            "plan",
            "--to",
            "1.37",
            "--manifests",
            dir.resolve("nope").toString(),
            s.toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("nope: no such file or directory");
  }
}
