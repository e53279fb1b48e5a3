package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code main} builds only the subcommand the first argument names (start-up, issue #16): every
 * subcommand, nested ones included, must print and return exactly what it does in the whole tree.
 */
class OneSubcommandTest {

  private record Result(int exit, String out, String err) {}

  private static Result run(CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  private static void assertSameAsTheWholeTree(String... args) {
    Result whole = run(BulwarkCli.commandLine(), args);
    Result one = run(BulwarkCli.commandLine(args), args);
    assertThat(one).as(String.join(" ", args)).isEqualTo(whole);
  }

  /** Every command path below {@code bulwark}, such as {@code policies export}. */
  private static List<List<String>> paths(CommandLine cli, List<String> above) {
    List<List<String>> paths = new ArrayList<>();
    for (Map.Entry<String, CommandLine> sub : cli.getSubcommands().entrySet()) {
      List<String> path = new ArrayList<>(above);
      path.add(sub.getKey());
      paths.add(path);
      paths.addAll(paths(sub.getValue(), path));
    }
    return paths;
  }

  @Test
  void everySubcommandPrintsTheSameHelpAndErrors() {
    List<List<String>> paths = paths(BulwarkCli.commandLine(), List.of());
    assertThat(paths).hasSizeGreaterThan(20);
    for (List<String> path : paths) {
      for (String last : List.of("--help", "--no-such-option")) {
        List<String> args = new ArrayList<>(path);
        args.add(last);
        assertSameAsTheWholeTree(args.toArray(String[]::new));
      }
    }
  }

  @Test
  void commandsRunAsInTheWholeTree() {
    assertSameAsTheWholeTree("validate", CliTest.ACME);
    assertSameAsTheWholeTree("validate");
    assertSameAsTheWholeTree("plan", CliTest.ACME);
    assertSameAsTheWholeTree("policies", "list");
    assertSameAsTheWholeTree("components", "--profile", "no-such-profile");
  }

  @Test
  void onlyTheNamedSubcommandIsBuilt() {
    assertThat(BulwarkCli.commandLine("validate", "x").getSubcommands())
        .containsOnlyKeys("validate");
    assertThat(BulwarkCli.commandLine("policies").getSubcommands()).containsOnlyKeys("policies");
    int all = BulwarkCli.commandLine().getSubcommands().size();
    // what needs the tree, and what names no subcommand, gets the whole of it
    for (String first : List.of("help", "generate-completion", "--version", "valdate")) {
      assertThat(BulwarkCli.commandLine(first).getSubcommands()).as(first).hasSize(all);
    }
    assertThat(BulwarkCli.commandLine().getSubcommands()).hasSize(all);
    assertSameAsTheWholeTree("valdate");
    assertSameAsTheWholeTree("help", "audit");
  }
}
