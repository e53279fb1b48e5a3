package dev.bulwark.scorecard;

import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.ObjectKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Judges an essential by the objects that carry it: those its capabilities render (of the given
 * kinds, or any). Not rendered → missing; offline → met as "configured"; live → failing when a
 * carrier is absent or not Ready, else the checks decide between met and partial.
 *
 * @param essential what is judged
 * @param capabilities the render units whose objects carry it
 * @param kinds the kinds that carry it; empty for any kind
 * @param enable the next step when the spec does not enable it
 * @param checks further facts, read only live
 */
public record CarrierJudge(
    Essential essential,
    Set<String> capabilities,
    Set<String> kinds,
    String enable,
    List<Check> checks)
    implements Judge {

  /** Not-ok objects listed by name before the rest is counted: a line stays readable. */
  static final int NAMED = 10;

  @Override
  public Line judge(Observation observation) {
    List<DesiredObject> carriers = observation.inScope().stream().filter(this::carries).toList();
    if (carriers.isEmpty()) {
      return new Line(
          essential,
          Status.MISSING,
          List.of(Evidence.notOk("spec", "renders no " + what() + " (not enabled)")),
          enable);
    }
    if (observation.source() == Observation.Source.OFFLINE) {
      return new Line(essential, Status.MET, configured(carriers), "");
    }
    List<Evidence> evidence = observed(observation, carriers);
    if (evidence.stream().anyMatch(e -> !e.ok())) {
      String first = evidence.stream().filter(e -> !e.ok()).findFirst().orElseThrow().object();
      return new Line(
          essential,
          Status.FAILING,
          evidence,
          "restore " + first + ": run bulwark apply with the spec, or let the operator reconcile");
    }
    Status status = Status.MET;
    for (Check check : checks) {
      List<Evidence> facts = check.apply(observation, carriers);
      evidence.addAll(facts);
      if (facts.stream().anyMatch(e -> !e.ok()) && check.whenNotOk().compareTo(status) > 0) {
        status = check.whenNotOk();
      }
    }
    String next =
        status == Status.MET
            ? ""
            : evidence.stream()
                .filter(e -> !e.ok())
                .findFirst()
                .map(e -> "look into " + e.object() + ": " + e.fact())
                .orElseThrow();
    return new Line(essential, status, evidence, next);
  }

  private boolean carries(DesiredObject object) {
    return capabilities.contains(object.capability())
        && (kinds.isEmpty() || kinds.contains(object.key().kind()));
  }

  private String what() {
    return (kinds.isEmpty() ? "object" : String.join(" or ", kinds))
        + " of "
        + String.join(", ", capabilities);
  }

  private static List<Evidence> configured(List<DesiredObject> carriers) {
    List<Evidence> evidence = new ArrayList<>();
    countByKind(carriers)
        .forEach(
            (kind, count) ->
                evidence.add(
                    Evidence.ok(
                        kind + " x" + count,
                        "configured: rendered from the spec (offline, not observed in a cluster)")));
    return evidence;
  }

  private static List<Evidence> observed(Observation observation, List<DesiredObject> carriers) {
    List<Evidence> bad = new ArrayList<>();
    List<DesiredObject> good = new ArrayList<>();
    for (DesiredObject carrier : carriers) {
      Observation.Seen seen = observation.live().get(carrier.key());
      if (seen == null) {
        bad.add(Evidence.notOk(ref(carrier.key()), "absent from the cluster"));
      } else if ("False".equals(seen.ready())) {
        bad.add(Evidence.notOk(ref(carrier.key()), "Ready=False: " + seen.reason()));
      } else {
        good.add(carrier);
      }
    }
    List<Evidence> evidence = new ArrayList<>(bad.subList(0, Math.min(NAMED, bad.size())));
    if (bad.size() > NAMED) {
      evidence.add(Evidence.notOk("...", (bad.size() - NAMED) + " more objects not ok"));
    }
    countByKind(good)
        .forEach((kind, count) -> evidence.add(Evidence.ok(kind + " x" + count, "present")));
    return evidence;
  }

  private static Map<String, Long> countByKind(List<DesiredObject> objects) {
    Map<String, Long> counts = new TreeMap<>();
    objects.forEach(o -> counts.merge(o.key().kind(), 1L, Long::sum));
    return counts;
  }

  /** {@code Kind namespace/name}, or {@code Kind name} when cluster-scoped. */
  static String ref(ObjectKey key) {
    return key.kind()
        + " "
        + (key.namespace().isEmpty() ? key.name() : key.namespace() + "/" + key.name());
  }
}
