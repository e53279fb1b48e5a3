package dev.bulwark.cli.catalog;

import dev.bulwark.cli.BulwarkCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real {@code bulwark} command line run in-process, with what it printed. */
record CatalogCli(int exitCode, String out, String err) {

  static CatalogCli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = BulwarkCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return new CatalogCli(cli.execute(args), out.toString(), err.toString());
  }

  /**
   * Writes a one-document spec holding only a Platform with the given spec body (indented 2), plus
   * the two settings the platform stack requires of every spec that turns GitOps and ACME on (the
   * GitOps repository and the ACME account e-mail), so that these tests exercise the catalogue.
   */
  static Path platform(Path dir, String specBody) throws IOException {
    Path file = dir.resolve("platform.yaml");
    String required = """
          gitops: {settings: {repoURL: "https://git.example.com/platform.git"}}
          certificates: {settings: {email: ops@example.com}}
        """;
    String body = specBody.contains("components:\n")
        ? specBody.replace("components:\n", "components:\n" + required)
        : specBody + "components:\n" + required;
    Files.writeString(file, """
        apiVersion: bulwark.dev/v1alpha1
        kind: Platform
        metadata:
          name: test
        spec:
          domain: test.example.com
        """ + body.indent(2));
    return file;
  }
}
