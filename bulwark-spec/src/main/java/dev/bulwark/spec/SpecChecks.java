package dev.bulwark.spec;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.spec.DocumentChecker.Checked;
import java.util.List;
import java.util.ServiceLoader;

/** Runs the {@link SpecCheck}s found on the class path and places their findings in the input. */
final class SpecChecks {

  private SpecChecks() {}

  static void run(BulwarkSpec spec, List<Checked> checked, Problems problems) {
    for (SpecCheck check : ServiceLoader.load(SpecCheck.class, SpecChecks.class.getClassLoader())) {
      for (SpecCheck.Finding finding : check.check(spec)) {
        problems.add(locate(finding, checked));
      }
    }
  }

  /** The checks' warnings about a spec that passed every check, placed like errors. */
  static List<SpecError> warnings(BulwarkSpec spec, List<Checked> checked) {
    List<SpecError> warnings = new java.util.ArrayList<>();
    for (SpecCheck check : ServiceLoader.load(SpecCheck.class, SpecChecks.class.getClassLoader())) {
      for (SpecCheck.Finding finding : check.warnings(spec)) {
        warnings.add(locate(finding, checked));
      }
    }
    return warnings;
  }

  private static SpecError locate(SpecCheck.Finding finding, List<Checked> checked) {
    Checked doc =
        checked.stream()
            .filter(c -> c.kind().equals(finding.kind()) && c.name().equals(finding.name()))
            .findFirst()
            .orElse(null);
    return new SpecError(
        doc == null ? null : doc.doc().locateKey(pointer(finding.fieldPath())),
        finding.fieldPath(),
        finding.message());
  }

  /** {@code spec.sourceRepos[0]} as the JSON pointer {@code /spec/sourceRepos/0}. */
  static String pointer(String fieldPath) {
    if (fieldPath.isEmpty()) {
      return "";
    }
    return "/" + fieldPath.replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
  }
}
