package dev.bulwark.policy.audit;

import dev.bulwark.policy.engine.Finding;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/** Human-readable report, grouped by object, each with its file and line. */
final class TextReport {

  private TextReport() {}

  static void write(AuditReport report, Writer out) throws IOException {
    for (InputError e : report.errors()) {
      out.write("error: " + e + "\n");
    }
    int objects = 0;
    for (ObjectResult r : report.results()) {
      if (r.findings().isEmpty()) {
        continue;
      }
      objects++;
      out.write(r.location().source() + ":" + r.location().line() + ": " + r.describe() + "\n");
      for (Finding f : r.findings()) {
        String tag = f.counts() ? f.severity().label().toUpperCase(Locale.ROOT) : "EXEMPT";
        out.write("  [" + tag + "] " + f.policyId() + ": " + f.message());
        if (!f.counts()) {
          out.write(
              " (exempt: "
                  + f.exemption().reason()
                  + (f.exemption().owner() == null
                      ? ""
                      : "; owner " + f.exemption().owner() + ", until " + f.exemption().expires())
                  + ")");
        }
        out.write("\n");
      }
    }
    long counting = report.findings().stream().filter(Finding::counts).count();
    long exempt = report.findings().size() - counting;
    out.write(
        String.format(
            Locale.ROOT,
            "%d objects audited, %d with findings: %d violations, %d exempted, %d input errors%n",
            report.results().size(),
            objects,
            counting,
            exempt,
            report.errors().size()));
    // Not failures, but not passes either: say which objects no policy looked at.
    List<ObjectResult> notJudged = report.notJudged();
    if (!notJudged.isEmpty()) {
      out.write(notJudged.size() + " not judged (custom kinds no policy matches):\n");
      for (ObjectResult r : notJudged) {
        out.write(
            "  " + r.location().source() + ":" + r.location().line() + ": " + r.describe() + "\n");
      }
    }
  }
}
