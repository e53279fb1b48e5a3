package dev.bulwark.scorecard;

import java.util.ArrayList;
import java.util.List;

/** Judges of essentials that facts about the spec decide, the same offline and live. */
final class SpecFactJudges {

  private SpecFactJudges() {}

  /** Upgrades: a pinned Kubernetes minor is what the catalogue's upgrade plans start from. */
  static Judge upgrades(Essential essential) {
    return judge(
        essential,
        observation -> {
          String version = observation.spec().kubernetesVersion();
          return version.isEmpty()
              ? new Line(
                  essential,
                  Status.PARTIAL,
                  List.of(
                      Evidence.notOk(
                          "Platform spec.kubernetesVersion",
                          "not set: upgrade plans cannot be checked against a target")),
                  "set spec.kubernetesVersion and run bulwark upgrade plan")
              : new Line(
                  essential,
                  Status.MET,
                  List.of(
                      Evidence.ok(
                          "Platform spec.kubernetesVersion",
                          "pins Kubernetes "
                              + version
                              + ": components come from the catalogue's pins for it")),
                  "");
        });
  }

  /**
   * Licences: every selected component's licence is accepted by the platform's policy. A flagged
   * one is partial, not failing: the component runs as designed, the policy asks for a decision.
   */
  static Judge licences(Essential essential) {
    return judge(
        essential,
        observation -> {
          Observation.SpecFacts spec = observation.spec();
          List<Evidence> evidence = new ArrayList<>();
          spec.flaggedLicences()
              .forEach(f -> evidence.add(Evidence.notOk(f, "licence not accepted by the policy")));
          if (evidence.isEmpty()) {
            evidence.add(
                Evidence.ok(
                    "licence policy",
                    "every selected component's licence is accepted ("
                        + spec.licencePolicy()
                        + ")"));
            return new Line(essential, Status.MET, evidence, "");
          }
          return new Line(
              essential,
              Status.PARTIAL,
              evidence,
              "choose the alternative bulwark licenses names, or allow the licence in spec.licenses");
        });
  }

  private static Judge judge(
      Essential essential, java.util.function.Function<Observation, Line> judging) {
    return new Judge() {
      @Override
      public Essential essential() {
        return essential;
      }

      @Override
      public Line judge(Observation observation) {
        return judging.apply(observation);
      }
    };
  }
}
