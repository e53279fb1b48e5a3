package dev.bulwark.benchmarks.render;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.gitops.TreeLayout;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Renderer;
import dev.bulwark.spec.SpecLoader;
import java.util.SortedMap;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Steady-state cost of rendering and laying out a spec, per tenant size, excluding YAML loading.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RenderBenchmark {

  @Param({"100"})
  int tenants;

  BulwarkSpec spec;
  Renderer renderer;

  @Setup
  public void setUp() {
    spec = SpecLoader.loadStrings(SyntheticSpecs.files(tenants)).spec();
    renderer = Renderer.standard();
  }

  @Benchmark
  public DesiredState render() {
    return renderer.render(spec);
  }

  @Benchmark
  public SortedMap<String, String> renderAndLayout() {
    return TreeLayout.files(renderer.render(spec));
  }
}
