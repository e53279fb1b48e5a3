package dev.bulwark.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code bulwark} command. Each subcommand is one class; register new ones here. */
@Command(
    name = "bulwark",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Turns a Kubernetes cluster into a complete, secure DevSecOps platform from one declarative spec.",
    subcommands = {
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
      CommandLine.HelpCommand.class
    })
public final class BulwarkCli {

  /** Exit code for a spec or input that Bulwark rejects. */
  public static final int EXIT_INVALID = 2;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and tests. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new BulwarkCli());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
    return cli;
  }
}
