package dev.bulwark.policy.audit;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/** The output formats of {@code bulwark audit -o}. */
public enum ReportFormat {
  TEXT,
  JSON,
  SARIF,
  JUNIT;

  public void write(AuditReport report, Writer out) throws IOException {
    switch (this) {
      case TEXT -> TextReport.write(report, out);
      case JSON -> JsonReport.write(report, out);
      case SARIF -> SarifReport.write(report, out);
      case JUNIT -> JunitReport.write(report, out);
    }
    out.flush();
  }

  public static ReportFormat parse(String text) {
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown output format '" + text + "': expected text, json, sarif or junit", e);
    }
  }
}
