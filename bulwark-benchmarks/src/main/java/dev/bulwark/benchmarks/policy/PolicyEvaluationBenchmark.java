package dev.bulwark.benchmarks.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.policy.engine.AdmissionInput;
import dev.bulwark.policy.engine.EvaluationRuntime;
import dev.bulwark.policy.engine.Finding;
import dev.bulwark.policy.engine.PolicyEngine;
import dev.bulwark.policy.library.PolicyLibrary;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The full restricted + platform policy set on a typical Deployment, on one thread: the cost of one
 * admission decision or one audited object, without YAML parsing. SampleTime reports the median
 * (p0.50) the issue asks for. {@code runtime} runs Bulwark's evaluator and cel-java's interpreter
 * in the same run, so that their ratio is measured under the same load.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Threads(1)
@Fork(1)
public class PolicyEvaluationBenchmark {

  @Param({"COMPILED", "CEL_JAVA"})
  public EvaluationRuntime runtime;

  PolicyEngine engine;
  AdmissionInput input;

  @Setup
  public void setUp() {
    engine =
        PolicyEngine.create(
            PolicyLibrary.standard(),
            PolicyLibrary.Selection.ALL,
            PolicyFixtures.params(),
            runtime);
    JsonNode deployment = PolicyFixtures.deployment();
    input = AdmissionInput.create(deployment, PolicyFixtures.namespace());
    List<Finding> findings = engine.evaluate(input);
    if (!findings.isEmpty()) {
      throw new IllegalStateException(
          "the typical Deployment should pass every policy: " + findings);
    }
  }

  @Benchmark
  public List<Finding> restrictedAndPlatformOnADeployment() {
    return engine.evaluate(input);
  }
}
