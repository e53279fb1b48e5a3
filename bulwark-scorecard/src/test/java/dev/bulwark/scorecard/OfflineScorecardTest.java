package dev.bulwark.scorecard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.render.Renderer;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scorecard of the acme example, offline: spec and rendered objects only. */
class OfflineScorecardTest {

  static BulwarkSpec acme() {
    Path dir = Path.of(System.getProperty("bulwark.repo.dir", ".."), "examples", "acme");
    LoadResult result = SpecLoader.load(List.of(dir.toString()));
    assertThat(result.errors()).isEmpty();
    return result.spec();
  }

  private static Map<String, Status> statuses(Scorecard card) {
    Map<String, Status> statuses = new LinkedHashMap<>();
    card.lines().forEach(l -> statuses.put(l.essential().id(), l.status()));
    return statuses;
  }

  @Test
  void acmeIsConfiguredWhereItsSpecEnablesAnEssentialAndMissingWhereNot() {
    BulwarkSpec spec = acme();
    Scorecard card =
        Essentials.judge(Observations.offline(spec, Renderer.standard().render(spec), ""));

    Map<String, Status> statuses = statuses(card);
    assertThat(statuses.keySet())
        .containsExactlyElementsOf(Essentials.all().stream().map(Essential::id).toList());
    assertThat(statuses)
        .containsEntry("ingress", Status.MET)
        .containsEntry("tls", Status.MET)
        .containsEntry("gitops", Status.MET)
        .containsEntry("network-policies", Status.MET)
        .containsEntry("admission-policies", Status.MET)
        .containsEntry("upgrades", Status.MET)
        // acme's standard profile leaves these out
        .containsEntry("dns", Status.MISSING)
        .containsEntry("backups", Status.MISSING)
        .containsEntry("traces", Status.MISSING)
        // only gate decisions in a cluster show these
        .containsEntry("sast", Status.MISSING)
        .containsEntry("dast", Status.MISSING)
        // the default licence policy flags Grafana's AGPL
        .containsEntry("licences", Status.PARTIAL);
    assertThat(line(card, "licences").evidence().get(0).object()).contains("kube-prometheus-stack");
    assertThat(statuses.values()).as(card.lines().toString()).doesNotContain(Status.FAILING);
    Line tls = card.lines().get(2);
    assertThat(tls.evidence())
        .extracting(Evidence::fact)
        .allMatch(f -> f.startsWith("configured") && f.contains("offline"));
    assertThat(card.overall()).isBetween(1, 99);
  }

  @Test
  void aTenantsScorecardCountsItsOwnObjectsOnly() {
    BulwarkSpec spec = acme();
    var rendered = Renderer.standard().render(spec);
    Line all = line(Essentials.judge(Observations.offline(spec, rendered, "")), "network-policies");
    Line web =
        line(Essentials.judge(Observations.offline(spec, rendered, "web")), "network-policies");

    assertThat(count(web)).isPositive().isLessThan(count(all));
  }

  static Line line(Scorecard card, String id) {
    return card.lines().stream()
        .filter(l -> l.essential().id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  private static int count(Line line) {
    String object = line.evidence().get(0).object(); // "NetworkPolicy xN"
    return Integer.parseInt(object.substring(object.indexOf('x') + 1));
  }
}
