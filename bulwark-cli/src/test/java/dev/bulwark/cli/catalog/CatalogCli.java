package dev.bulwark.cli.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Spec files for the catalogue commands' tests. */
final class CatalogCli {

  private CatalogCli() {}

  /**
   * Writes a one-document spec holding only a Platform with the given spec body (indented 2), plus
   * the two settings the platform stack requires of every spec that turns GitOps and ACME on (the
   * GitOps repository and the ACME account e-mail), so that these tests exercise the catalogue.
   */
  static Path platform(Path dir, String specBody) throws IOException {
    Path file = dir.resolve("platform.yaml");
    String required =
        """
          gitops: {settings: {repoURL: "https://git.example.com/platform.git"}}
          certificates: {settings: {email: ops@example.com}}
        """;
    String body =
        specBody.contains("components:\n")
            ? specBody.replace("components:\n", "components:\n" + required)
            : specBody + "components:\n" + required;
    Files.writeString(
        file,
        """
        apiVersion: bulwark.dev/v1alpha1
        kind: Platform
        metadata:
          name: test
        spec:
          domain: test.example.com
        """
            + body.indent(2));
    return file;
  }
}
