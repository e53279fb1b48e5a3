package dev.bulwark.cli.policy;

import dev.bulwark.policy.library.Policy;
import dev.bulwark.policy.library.PolicyLibrary;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bulwark policies}: the policy library, its export, and the admission webhook. */
@Command(
    name = "policies",
    mixinStandardHelpOptions = true,
    description =
        "List Bulwark's policies, export them for the cluster, or serve them as an admission webhook.",
    subcommands = {ExportCommand.class, WebhookCommand.class})
public final class PoliciesCommand implements Runnable {

  @Spec CommandSpec command;

  /** Without a subcommand: the library as a table. */
  @Override
  public void run() {
    PrintWriter out = command.commandLine().getOut();
    out.printf("%-32s %-9s %-10s %-22s %s%n", "ID", "SEVERITY", "LEVEL", "CATEGORY", "TITLE");
    for (Policy p : PolicyLibrary.standard().policies()) {
      out.printf(
          "%-32s %-9s %-10s %-22s %s%n",
          p.id(),
          p.severity().label(),
          p.isPss() ? p.level() : "platform",
          p.category().label(),
          p.title());
    }
    out.flush();
  }
}
