package dev.bulwark.cli;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecError;
import dev.bulwark.spec.SpecLoader;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Parameters;

/** The SPEC... arguments every spec-reading command takes, and how their errors are shown. */
public final class SpecFiles {

  @Parameters(
      arity = "1..*",
      paramLabel = "SPEC",
      description =
          "Spec files or directories (searched for *.yaml and *.yml), or - for standard input.")
  List<String> paths = new ArrayList<>();

  /**
   * The loaded spec, or empty after printing every error to {@code err}. Warnings about a valid
   * spec go to {@code err} too, prefixed {@code warning:}, and do not fail the command.
   */
  public Optional<BulwarkSpec> load(PrintWriter err) {
    return load(paths, err);
  }

  /** The same for a command whose SPEC arguments are optional (it declares them itself). */
  public static Optional<BulwarkSpec> load(List<String> paths, PrintWriter err) {
    LoadResult result = SpecLoader.load(paths);
    if (!result.errors().isEmpty()) {
      for (SpecError error : result.errors()) {
        err.println(error);
      }
      err.printf(
          "%d error%s; nothing was written.%n",
          result.errors().size(), result.errors().size() == 1 ? "" : "s");
      err.flush();
      return Optional.empty();
    }
    for (SpecError warning : result.warnings()) {
      err.println("warning: " + warning);
    }
    err.flush();
    return Optional.of(result.spec());
  }
}
