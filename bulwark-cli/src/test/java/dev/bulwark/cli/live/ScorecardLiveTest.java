package dev.bulwark.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.cli.Cli;
import dev.bulwark.cli.scorecard.ScorecardCommandTest;
import dev.bulwark.controlplane.ControlPlane;
import dev.bulwark.spec.SpecLoader;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code bulwark scorecard --live} on a real API server with the acme example applied. */
@RealApiServer
class ScorecardLiveTest {

  private static final String ACME =
      Path.of(System.getProperty("bulwark.repo.dir", ".."), "examples", "acme").toString();

  @Test
  void acmeAppliedThenItsDefaultDenyAndClusterIssuerDeleted(
      ControlPlane plane, KubernetesClient admin) throws Exception {
    String kubeconfig = plane.kubeconfig().toString();
    var spec = SpecLoader.load(List.of(ACME)).spec();
    DemoCluster.installCrds(
        admin,
        spec,
        DemoCluster.obtainCrds(spec, MirroredCharts.archives()),
        new PrintWriter(new StringWriter()));
    Namespaces.awaitNoneTerminating(admin);
    Cli apply = Cli.run("apply", ACME, "--kubeconfig", kubeconfig);
    assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();

    JsonNode applied = scorecard(kubeconfig);
    assertThat(ScorecardCommandTest.schemaErrors(applied)).isEmpty();
    assertThat(applied.path("source").asText()).isEqualTo("live");
    assertThat(statuses(applied))
        .containsEntry("ingress", "met")
        .containsEntry("network-policies", "met")
        .containsEntry("rbac", "met")
        .containsEntry("gitops", "met")
        // no cert-manager runs here: the gateway's Certificate is present but never issued
        .containsEntry("tls", "partial")
        .containsEntry("dns", "missing")
        // no gate decision was written to this cluster
        .containsEntry("sast", "missing");
    assertThat(evidence(applied, "tls"))
        .contains(
            "Certificate bulwark-gateway/bulwark-gateway: not issued yet (no status.notAfter)");

    admin
        .network()
        .v1()
        .networkPolicies()
        .inNamespace("web-dev")
        .withName("bulwark-default-deny")
        .delete();
    JsonNode withoutDeny = scorecard(kubeconfig);
    assertThat(statuses(withoutDeny)).containsEntry("network-policies", "failing");
    assertThat(evidence(withoutDeny, "network-policies"))
        .contains("NetworkPolicy web-dev/bulwark-default-deny: absent from the cluster");
    assertThat(statuses(scorecard(kubeconfig, "--tenant", "web")))
        .containsEntry("network-policies", "failing");
    assertThat(statuses(scorecard(kubeconfig, "--tenant", "payments")))
        .containsEntry("network-policies", "met");

    admin
        .genericKubernetesResources("cert-manager.io/v1", "ClusterIssuer")
        .withName("bulwark")
        .delete();
    JsonNode withoutIssuer = scorecard(kubeconfig);
    assertThat(statuses(withoutIssuer)).containsEntry("tls", "failing");
    assertThat(evidence(withoutIssuer, "tls"))
        .contains("ClusterIssuer bulwark: absent from the cluster");
    int overall = withoutIssuer.path("overall").asInt();
    assertThat(overall).isLessThan(applied.path("overall").asInt());
    Cli under =
        Cli.run(
            "scorecard",
            ACME,
            "--live",
            "--kubeconfig",
            kubeconfig,
            "--fail-under",
            String.valueOf(applied.path("overall").asInt()));
    assertThat(under.exitCode()).as(under.out() + under.err()).isEqualTo(1);

    // applying the spec again restores both lines (and leaves this JVM's cluster as it found it)
    assertThat(Cli.run("apply", ACME, "--kubeconfig", kubeconfig).exitCode()).isZero();
    assertThat(statuses(scorecard(kubeconfig)))
        .containsEntry("network-policies", "met")
        .containsEntry("tls", "partial");
  }

  private static JsonNode scorecard(String kubeconfig, String... more) throws Exception {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("scorecard", ACME, "--live", "--kubeconfig", kubeconfig, "-o", "json"));
    args.addAll(List.of(more));
    Cli run = Cli.run(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    return new ObjectMapper().readTree(run.out());
  }

  private static Map<String, String> statuses(JsonNode card) {
    Map<String, String> statuses = new LinkedHashMap<>();
    card.path("lines")
        .forEach(l -> statuses.put(l.path("essential").asText(), l.path("status").asText()));
    return statuses;
  }

  private static List<String> evidence(JsonNode card, String essential) {
    List<String> facts = new java.util.ArrayList<>();
    card.path("lines")
        .forEach(
            l -> {
              if (l.path("essential").asText().equals(essential)) {
                l.path("evidence")
                    .forEach(
                        e -> facts.add(e.path("object").asText() + ": " + e.path("fact").asText()));
              }
            });
    return facts;
  }
}
