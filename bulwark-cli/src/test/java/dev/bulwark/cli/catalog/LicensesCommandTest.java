package dev.bulwark.cli.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.cli.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LicensesCommandTest {

  @TempDir Path dir;

  @Test
  void minimalPlatformHasOnlyAllowedLicences() throws Exception {
    Cli r = Cli.run("licenses", CatalogCli.platform(dir, "profile: minimal\n").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Licence inventory of platform test (catalogue 2026.11)")
        .contains("against the default allow-list")
        .contains("argo-cd")
        .contains("every enabled component's licence is allowed")
        .doesNotContain("FLAGGED");
  }

  @Test
  void fullPlatformFlagsEckAndGrafanaWithExitOne() throws Exception {
    Cli r = Cli.run("licenses", CatalogCli.platform(dir, "profile: full\n").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out())
        .containsPattern(
            "eck-operator +logs +3\\.5\\.0 +Elastic-2\\.0 AND \\(AGPL-3\\.0-only OR SSPL-1\\.0 OR Elastic-2\\.0\\) +source-available,strong-copyleft +FLAGGED")
        .contains(
            "eck-operator: Elastic-2.0, AGPL-3.0-only, SSPL-1.0 are outside the allow-list (source-available, strong-copyleft)")
        .contains("no catalogued alternative avoids it: loki (AGPL-3.0-only)")
        .contains("loki (logs): AGPL-3.0-only - outside the allow-list")
        .contains("2 components flagged");
  }

  @Test
  void allowListFromTheSpecNamesTheAlternativeInJson() throws Exception {
    Path spec =
        CatalogCli.platform(
            dir,
            """
        profile: full
        licenses:
          allow: [Apache-2.0, MIT, MPL-2.0, AGPL-3.0-only]
        """);
    Cli r = Cli.run("licenses", "-o", "json", spec.toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.path("allowFrom").asText()).isEqualTo("spec");
    assertThat(json.path("flagged").asInt()).isEqualTo(1);
    JsonNode eck = null;
    for (JsonNode c : json.path("components")) {
      if (c.path("component").asText().equals("eck-operator")) {
        eck = c;
      }
    }
    assertThat(eck).isNotNull();
    assertThat(eck.path("unmet").toString()).isEqualTo("[\"Elastic-2.0\"]");
    assertThat(eck.path("remedy").asText())
        .isEqualTo(
            "use loki instead, which avoids Elastic-2.0: set spec.components.logs.implementation: loki");
  }

  @Test
  void choosingLokiUnderThatPolicyPasses() throws Exception {
    Path spec =
        CatalogCli.platform(
            dir,
            """
        profile: full
        components:
          logs: {implementation: loki}
        licenses:
          allow: [Apache-2.0, MIT, MPL-2.0, AGPL-3.0-only]
        """);
    Cli r = Cli.run("licenses", spec.toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("eck-operator (logs)");
  }

  @Test
  void contradictoryChoicesAreSpecErrors() throws Exception {
    Path spec =
        CatalogCli.platform(
            dir,
            """
        components:
          logs: {implementation: splunk}
        """);
    Cli r = Cli.run("licenses", spec.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            "spec.components.logs.implementation: 'splunk' is not an implementation of logs; expected one of: eck, loki");
  }

  @Test
  void invalidSpecIsRejectedWithItsErrors() throws Exception {
    Cli r = Cli.run("licenses", CatalogCli.platform(dir, "profile: huge\n").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("profile");
  }
}
