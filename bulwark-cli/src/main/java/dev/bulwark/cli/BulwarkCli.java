package dev.bulwark.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code bulwark} command. Each subcommand is one class; register new ones in {@link
 * #SUBCOMMANDS}.
 */
@Command(
    name = "bulwark",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Turns a Kubernetes cluster into a complete, secure DevSecOps platform from one declarative spec.")
public final class BulwarkCli {

  /** Exit code for a spec or input that Bulwark rejects. */
  public static final int EXIT_INVALID = 2;

  /** The subcommands, in the order the help lists them. */
  private static final List<Class<?>> SUBCOMMANDS =
      List.of(
          ValidateCommand.class,
          PlanCommand.class,
          dev.bulwark.cli.catalog.ComponentsCommand.class,
          dev.bulwark.cli.catalog.LicensesCommand.class,
          dev.bulwark.cli.catalog.UpgradeCommand.class,
          dev.bulwark.cli.policy.AuditCommand.class,
          dev.bulwark.cli.policy.PoliciesCommand.class,
          dev.bulwark.cli.gate.GateCommand.class,
          dev.bulwark.cli.live.ApplyCommand.class,
          dev.bulwark.cli.live.StatusCommand.class,
          dev.bulwark.cli.live.OperatorCommand.class,
          dev.bulwark.cli.live.DemoCommand.class,
          dev.bulwark.cli.mirror.MirrorCommand.class,
          dev.bulwark.cli.delivery.PromoteCommand.class,
          dev.bulwark.cli.delivery.ApproveCommand.class,
          dev.bulwark.cli.scorecard.ScorecardCommand.class,
          dev.bulwark.cli.console.ConsoleCommand.class,
          AutoComplete.GenerateCompletion.class,
          CommandLine.HelpCommand.class);

  /** Subcommands that work on the whole command tree. */
  private static final Set<Class<?>> NEED_THE_TREE =
      Set.of(AutoComplete.GenerateCompletion.class, CommandLine.HelpCommand.class);

  public static void main(String[] args) {
    System.exit(commandLine(args).execute(args));
  }

  /** The configured command line with every subcommand, shared by {@link #main} and tests. */
  public static CommandLine commandLine() {
    return configure(SUBCOMMANDS);
  }

  /**
   * The command line for these arguments: only the subcommand the first one names, when it names
   * one that does not need the tree. Picocli builds each command it is given by reflection, with
   * its options, mixins and nested subcommands, and instantiates it; for a short command, building
   * the eighteen others cost more than the command's own parsing. The subcommand sees the same
   * parent, so its usage, errors and results are the same as in the whole tree.
   */
  static CommandLine commandLine(String... args) {
    if (args.length > 0) {
      for (Class<?> subcommand : SUBCOMMANDS) {
        Command command = subcommand.getAnnotation(Command.class);
        boolean named =
            command.name().equals(args[0]) || Arrays.asList(command.aliases()).contains(args[0]);
        if (named && !NEED_THE_TREE.contains(subcommand)) {
          return configure(List.of(subcommand));
        }
      }
    }
    return commandLine();
  }

  private static CommandLine configure(List<Class<?>> subcommands) {
    CommandLine cli = new CommandLine(new BulwarkCli());
    subcommands.forEach(cli::addSubcommand);
    // set after the subcommands are added: picocli applies it to those present
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    CommandLine completion = cli.getSubcommands().get("generate-completion");
    if (completion != null) {
      completion.getCommandSpec().usageMessage().hidden(false);
    }
    return cli;
  }
}
