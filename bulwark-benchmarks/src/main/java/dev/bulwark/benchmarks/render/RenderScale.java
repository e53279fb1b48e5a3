package dev.bulwark.benchmarks.render;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.gitops.TreeLayout;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Renderer;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;

/**
 * Load generator for the scale target: N tenants x 3 environments x 10 applications, loaded
 * from YAML text, rendered, and laid out as a GitOps tree (serialised to text, not written to
 * disk). Run each size in a fresh JVM so that peak memory belongs to that size alone.
 *
 * <p>Arguments: TENANTS [plain|builds] (see {@link SyntheticSpecs.Shape}). The renderer is {@link
 * Renderer#standard()}, as {@code bulwark plan} runs it: every unit registered on the class path,
 * which for this module includes the platform's (pipeline, CI, registry...) and the policies'.
 */
public final class RenderScale {

  public static void main(String[] args) throws IOException {
    int tenants = Integer.parseInt(args[0]);
    SyntheticSpecs.Shape shape =
        args.length > 1
            ? SyntheticSpecs.Shape.valueOf(args[1].toUpperCase(java.util.Locale.ROOT))
            : SyntheticSpecs.Shape.PLAIN;
    Map<String, String> files = SyntheticSpecs.files(tenants, shape);
    long t0 = System.nanoTime();
    LoadResult loaded = SpecLoader.loadStrings(files);
    if (!loaded.errors().isEmpty()) {
      throw new IllegalStateException("synthetic spec invalid: " + loaded.errors().get(0));
    }
    BulwarkSpec spec = loaded.spec();
    long t1 = System.nanoTime();
    Renderer renderer = Renderer.standard();
    DesiredState state = renderer.render(spec);
    long t2 = System.nanoTime();
    SortedMap<String, String> tree = TreeLayout.files(state);
    long t3 = System.nanoTime();
    long bytes = tree.values().stream().mapToLong(String::length).sum();
    System.out.printf(
        "shape=%s units=%d tenants=%d applications=%d objects=%d files=%d bytes=%d load_ms=%d render_ms=%d layout_ms=%d total_ms=%d"
            + " peak_heap_mib=%d peak_rss_mib=%s%n",
        shape.name().toLowerCase(java.util.Locale.ROOT),
        renderer.units().size(),
        tenants,
        spec.applications().size(),
        state.size(),
        tree.size(),
        bytes,
        ms(t1 - t0),
        ms(t2 - t1),
        ms(t3 - t2),
        ms(t3 - t0),
        peakHeapMib(),
        peakRssMib());
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  private static long peakHeapMib() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak / (1024 * 1024);
  }

  /** VmHWM, the resident-set high-water mark of this process, where the OS reports it. */
  private static String peakRssMib() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return "n/a";
    }
    return Files.readAllLines(status).stream()
        .filter(l -> l.startsWith("VmHWM:"))
        .map(l -> Long.toString(Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024))
        .findFirst()
        .orElse("n/a");
  }
}
