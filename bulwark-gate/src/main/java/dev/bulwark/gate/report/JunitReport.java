package dev.bulwark.gate.report;

import dev.bulwark.gate.Decision;
import dev.bulwark.gate.Reason;

/**
 * The decision as a JUnit XML test suite, for CI systems that show test results: one test case per
 * reason; a blocking reason is a failure, the others pass with their message as output.
 */
public final class JunitReport {

  private JunitReport() {}

  public static String write(Decision decision) {
    long failures = decision.reasons().stream().filter(Reason::blocking).count();
    String suite =
        "bulwark gate " + decision.policy().application() + " " + decision.policy().environment();
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append("<testsuites>\n  <testsuite name=\"")
        .append(xml(suite))
        .append("\" tests=\"")
        .append(decision.reasons().size())
        .append("\" failures=\"")
        .append(failures)
        .append("\" errors=\"0\" skipped=\"0\">\n");
    int i = 0;
    for (Reason r : decision.reasons()) {
      String name = r.finding().map(f -> f.subject()).orElse(r.rule() + " " + ++i);
      out.append("    <testcase classname=\"gate.")
          .append(xml(r.rule()))
          .append("\" name=\"")
          .append(xml(name))
          .append("\">\n");
      if (r.blocking()) {
        out.append("      <failure message=\"")
            .append(xml(r.message()))
            .append("\" type=\"")
            .append(xml(r.rule()))
            .append("\"/>\n");
      } else {
        out.append("      <system-out>")
            .append(xml(r.verdict().name().toLowerCase(java.util.Locale.ROOT) + ": " + r.message()))
            .append("</system-out>\n");
      }
      out.append("    </testcase>\n");
    }
    return out.append("  </testsuite>\n</testsuites>\n").toString();
  }

  static String xml(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> {
          if (c >= 0x20 || c == '\n' || c == '\t') {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
