package dev.bulwark.cli;

import dev.bulwark.api.BulwarkSpec;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bulwark validate}: checks a spec and writes nothing. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Validate a spec: schemas, references between objects, conflicts. Writes nothing.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the spec is valid", "2:the spec has errors (all are listed)"})
final class ValidateCommand implements Callable<Integer> {

  @Spec CommandSpec command;
  @Mixin SpecFiles specFiles;

  @Override
  public Integer call() {
    Optional<BulwarkSpec> spec = specFiles.load(command.commandLine().getErr());
    if (spec.isEmpty()) {
      return BulwarkCli.EXIT_INVALID;
    }
    BulwarkSpec s = spec.get();
    command
        .commandLine()
        .getOut()
        .printf(
            "valid: platform %s, %d tenant%s, %d application%s%n",
            s.platform().getMetadata().getName(),
            s.tenants().size(),
            s.tenants().size() == 1 ? "" : "s",
            s.applications().size(),
            s.applications().size() == 1 ? "" : "s");
    return 0;
  }
}
