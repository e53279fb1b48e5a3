package dev.bulwark.benchmarks.policy;

import dev.bulwark.policy.audit.AuditReport;
import dev.bulwark.policy.audit.AuditRunner;
import dev.bulwark.policy.audit.ManifestSources;
import dev.bulwark.policy.engine.ExemptionFile;
import dev.bulwark.policy.engine.PolicyEngine;
import dev.bulwark.policy.library.PolicyLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code bulwark audit} throughput: N objects (Deployments, Services and ConfigMaps, a third each)
 * in 100 multi-document files, read and parsed from disk, evaluated against every policy, as the
 * command does (each file judged as soon as it is parsed). Prints objects per second for a cold
 * first run (as in a fresh CLI process) and two warm ones, the CPU time, and the most heap the old
 * generation held, which shows whether parsed trees are kept. Usage: AuditThroughput [OBJECTS
 * [PASSES]]
 */
public final class AuditThroughput {

  private AuditThroughput() {}

  public static void main(String[] args) throws IOException {
    int objects = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path dir = Files.createTempDirectory("bulwark-audit-bench");
    try {
      write(dir, objects, 100);
      PolicyEngine engine =
          PolicyEngine.create(
              PolicyLibrary.standard(), PolicyLibrary.Selection.ALL, PolicyFixtures.params());
      var os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      List<MemoryPoolMXBean> oldGenerations =
          ManagementFactory.getMemoryPoolMXBeans().stream()
              .filter(p -> p.getName().contains("Old Gen"))
              .toList();
      for (String run : List.of("cold", "warm", "warm again").subList(0, passes)) {
        System.gc();
        oldGenerations.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        long cpuStart = os.getProcessCpuTime();
        AuditReport report =
            new AuditRunner(
                    engine, PolicyLibrary.Selection.ALL, null, ExemptionFile.NONE, LocalDate.now())
                .run(ManifestSources.list(List.of(dir.toString()), InputStream.nullInputStream()));
        double seconds = (System.nanoTime() - start) / 1e9;
        // CPU time as well as wall time: on a shared machine, wall time mostly measures the
        // neighbours.
        double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
        long oldPeak = oldGenerations.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf(
            Locale.ROOT,
            "%s: %d objects (%d findings, %d errors) in %.2f s = %.0f objects/s on %d cores;"
                + " %.1f CPU-s = %.0f objects per CPU-second; old generation peak %d MB%n",
            run,
            report.results().size(),
            report.findings().size(),
            report.errors().size(),
            seconds,
            report.results().size() / seconds,
            Runtime.getRuntime().availableProcessors(),
            cpu,
            report.results().size() / cpu,
            oldPeak >> 20);
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void write(Path dir, int objects, int files) throws IOException {
    String[] templates = {
      PolicyFixtures.DEPLOYMENT, PolicyFixtures.SERVICE, PolicyFixtures.CONFIG_MAP
    };
    int perFile = (objects + files - 1) / files;
    int written = 0;
    for (int f = 0; f < files && written < objects; f++) {
      try (Writer out =
          Files.newBufferedWriter(
              dir.resolve(String.format(Locale.ROOT, "objects-%03d.yaml", f)),
              StandardCharsets.UTF_8)) {
        for (int i = 0; i < perFile && written < objects; i++, written++) {
          out.write("---\n");
          out.write(templates[written % templates.length].formatted(written));
        }
      }
    }
  }
}
