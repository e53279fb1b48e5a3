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
 */
public final class RenderScale {

  public static void main(String[] args) throws IOException {
    int tenants = Integer.parseInt(args[0]);
    Map<String, String> files = SyntheticSpecs.files(tenants);
    long t0 = System.nanoTime();
    LoadResult loaded = SpecLoader.loadStrings(files);
    if (!loaded.errors().isEmpty()) {
      throw new IllegalStateException("synthetic spec invalid: " + loaded.errors().get(0));
    }
    BulwarkSpec spec = loaded.spec();
    long t1 = System.nanoTime();
    DesiredState state = Renderer.standard().render(spec);
    long t2 = System.nanoTime();
    SortedMap<String, String> tree = TreeLayout.files(state);
    long t3 = System.nanoTime();
    long bytes = tree.values().stream().mapToLong(String::length).sum();
    System.out.printf(
        "tenants=%d applications=%d objects=%d files=%d bytes=%d load_ms=%d render_ms=%d layout_ms=%d total_ms=%d"
            + " peak_heap_mib=%d peak_rss_mib=%s%n",
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
