package dev.bulwark.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.policy.Fixtures;
import dev.bulwark.policy.engine.ExemptionFile.Entry;
import dev.bulwark.policy.engine.ExemptionFile.InvalidExemptionsException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reviewed exemption file, as its format is documented on {@link ExemptionFile}: which objects
 * an entry covers, the last day it is valid, and a clear error (file, line, field) for every
 * mistake.
 */
class ExemptionFileTest {

  private static final LocalDate EXPIRES = LocalDate.of(2027, 3, 31);

  private static final String NARROW =
      """
      exemptions:
        - policy: platform-image-registry
          namespace: team-a-dev
          kind: Deployment
          name: legacy-billing
          owner: alice@example.com
          expires: 2027-03-31
          reason: vendor image, mirrored by Q1
      """;

  private static final String WIDE =
      """
      exemptions:
        - policy: pss-privileged
          owner: '  bob@example.com  '
          expires: 2027-03-31
          reason: node agent
          namespace: '   '
      """;

  private static ExemptionFile read(String yaml) throws InvalidExemptionsException {
    return ExemptionFile.read("ex.yaml", new StringReader(yaml));
  }

  private static com.fasterxml.jackson.databind.JsonNode object(
      String kind, String namespace, String name) {
    return Fixtures.yaml(
        "{apiVersion: apps/v1, kind: "
            + kind
            + ", metadata: {name: "
            + name
            + ", namespace: "
            + namespace
            + "}}");
  }

  @Test
  void anEntryIsReadWithItsFieldsTrimmedAndWhereItIsWritten() throws Exception {
    Entry narrow = read(NARROW).entries().get(0);
    assertThat(narrow)
        .extracting(Entry::policy, Entry::namespace, Entry::kind, Entry::name, Entry::owner)
        .containsExactly(
            "platform-image-registry",
            "team-a-dev",
            "Deployment",
            "legacy-billing",
            "alice@example.com");
    assertThat(narrow.expires()).isEqualTo(EXPIRES);
    assertThat(narrow.reason()).isEqualTo("vendor image, mirrored by Q1");
    assertThat(narrow.location().toString()).isEqualTo("ex.yaml:2:5");

    Entry wide = read(WIDE).entries().get(0);
    assertThat(wide.owner()).isEqualTo("bob@example.com");
    assertThat(wide.namespace()).as("a blank optional field means any").isNull();
    assertThat(wide.kind()).isNull();
    assertThat(wide.name()).isNull();
  }

  @Test
  void anEntryCoversOnlyThePolicyAndTheObjectsItNames() throws Exception {
    Entry narrow = read(NARROW).entries().get(0);
    assertThat(
            narrow.covers("platform-image-registry", "Deployment", "team-a-dev", "legacy-billing"))
        .isTrue();
    assertThat(narrow.covers("platform-image-tag", "Deployment", "team-a-dev", "legacy-billing"))
        .isFalse();
    assertThat(
            narrow.covers("platform-image-registry", "Deployment", "team-a-prod", "legacy-billing"))
        .isFalse();
    assertThat(
            narrow.covers("platform-image-registry", "StatefulSet", "team-a-dev", "legacy-billing"))
        .isFalse();
    assertThat(narrow.covers("platform-image-registry", "Deployment", "team-a-dev", "billing"))
        .isFalse();

    Entry wide = read(WIDE).entries().get(0);
    assertThat(wide.covers("pss-privileged", "DaemonSet", "kube-system", "agent")).isTrue();
    assertThat(wide.covers("pss-privileged", "Pod", "", "")).isTrue();
    assertThat(wide.covers("pss-host-namespaces", "Pod", "", "")).isFalse();
  }

  @Test
  void anEntryIsValidThroughItsExpiryDay() throws Exception {
    ExemptionFile file = read(NARROW);
    var object = object("Deployment", "team-a-dev", "legacy-billing");
    assertThat(file.find("platform-image-registry", object, EXPIRES)).isPresent();
    assertThat(file.expired(EXPIRES)).isEmpty();

    LocalDate dayAfter = EXPIRES.plusDays(1);
    assertThat(file.find("platform-image-registry", object, dayAfter)).isEmpty();
    assertThat(file.expired(dayAfter)).containsExactlyElementsOf(file.entries());
    assertThat(file.entries().get(0).expired(EXPIRES.minusDays(1))).isFalse();
  }

  @Test
  void findReturnsTheFirstValidEntryThatCoversTheObject() throws Exception {
    ExemptionFile file =
        read(
            """
            exemptions:
              - {policy: pss-privileged, kind: Pod, owner: old, expires: 2020-01-01, reason: gone}
              - {policy: pss-privileged, kind: Deployment, owner: dev, expires: 2027-01-01, reason: d}
              - {policy: pss-privileged, kind: Pod, owner: a, expires: 2027-01-01, reason: first}
              - {policy: pss-privileged, owner: b, expires: 2027-01-01, reason: second}
            """);
    LocalDate today = LocalDate.of(2026, 12, 4);
    assertThat(file.find("pss-privileged", object("Pod", "ns", "p"), today))
        .get()
        .extracting(Entry::owner)
        .isEqualTo("a");
    assertThat(file.find("pss-privileged", object("DaemonSet", "ns", "d"), today))
        .get()
        .extracting(Entry::owner)
        .isEqualTo("b");
    assertThat(file.find("pss-host-ports", object("Pod", "ns", "p"), today)).isEmpty();
    assertThat(file.expired(today)).extracting(Entry::owner).containsExactly("old");
  }

  @Test
  void anObjectWithoutNamespaceOrNameIsCoveredOnlyByEntriesThatDoNotNameThem() throws Exception {
    var clusterScoped = Fixtures.yaml("{apiVersion: v1, kind: Namespace}");
    LocalDate today = LocalDate.of(2026, 12, 4);
    assertThat(read(NARROW).find("platform-image-registry", clusterScoped, today)).isEmpty();
    assertThat(read(WIDE).find("pss-privileged", clusterScoped, today)).isPresent();
  }

  @Test
  void theExemptionCarriesReasonOwnerExpiryAndItsSource() throws Exception {
    Exemption exemption = read(NARROW).entries().get(0).exemption();
    assertThat(exemption)
        .isEqualTo(
            new Exemption(
                "ex.yaml:2:5", "vendor image, mirrored by Q1", "alice@example.com", EXPIRES));
  }

  @Test
  void theTargetSaysWhatIsCoveredInWords() throws Exception {
    assertThat(read(NARROW).entries().get(0).target())
        .isEqualTo("platform-image-registry for Deployment in team-a-dev named legacy-billing");
    assertThat(read(WIDE).entries().get(0).target())
        .isEqualTo("pss-privileged for any kind in any namespace");
  }

  @Test
  void everyDocumentOfAFileIsRead() throws Exception {
    ExemptionFile file =
        read(
            NARROW
                + "---\n"
                + "exemptions:\n"
                + "  - {policy: a, owner: o, expires: 2027-01-01, reason: r}\n"
                + "  - {policy: b, owner: o, expires: 2027-01-01, reason: r}\n");
    assertThat(file.entries())
        .extracting(Entry::policy)
        .containsExactly("platform-image-registry", "a", "b");
    assertThat(file.entries().get(2).location().toString()).isEqualTo("ex.yaml:12:5");
  }

  @Test
  void theEntriesCannotBeChangedAfterReading() throws Exception {
    List<Entry> given = new ArrayList<>(read(NARROW).entries());
    ExemptionFile file = new ExemptionFile(given);
    given.clear();
    assertThat(file.entries()).hasSize(1);
    assertThatThrownBy(() -> file.entries().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(ExemptionFile.NONE.entries()).isEmpty();
  }

  @Test
  void aFileIsReadFromDiskWithItsPathInLocations(@TempDir Path dir) throws Exception {
    Path path = dir.resolve("exemptions.yaml");
    Files.writeString(path, NARROW, StandardCharsets.UTF_8);
    assertThat(ExemptionFile.read(path).entries().get(0).location().toString())
        .isEqualTo(path + ":2:5");
    Path missing = dir.resolve("missing.yaml");
    assertThatThrownBy(() -> ExemptionFile.read(missing))
        .isInstanceOf(InvalidExemptionsException.class)
        .hasMessageStartingWith(missing + ": cannot read exemption file");
  }

  @Test
  void aFileThatIsNotYamlIsRejected() {
    assertThatThrownBy(() -> read("exemptions: [\n  - {policy: a\n"))
        .isInstanceOf(InvalidExemptionsException.class)
        .hasMessageContaining("ex.yaml");
  }

  @Test
  void aDocumentWithoutAListOfExemptionsIsRejectedAtItsStart() {
    assertThatThrownBy(() -> read("exemptions:\n  policy: a\n"))
        .isInstanceOf(InvalidExemptionsException.class)
        .hasMessage("ex.yaml:1:1: field exemptions: expected a list of exemptions");
    assertThatThrownBy(() -> read(NARROW + "---\nexempt: []\n"))
        .hasMessage("ex.yaml:10:1: field exemptions: expected a list of exemptions");
  }

  @Test
  void everyRequiredFieldMustHaveAValue() {
    String complete = "{policy: p, owner: o, expires: 2027-01-01, reason: r}";
    for (String field : List.of("policy", "owner", "reason", "expires")) {
      String without = complete.replaceFirst(field + ": [^,}]+", field + ": ' '");
      assertThatThrownBy(() -> read("exemptions:\n  - " + complete + "\n  - " + without + "\n"))
          .as(field)
          .isInstanceOf(InvalidExemptionsException.class)
          .hasMessageStartingWith("ex.yaml:3:5: field exemptions.1." + field + ": ")
          .hasMessageContaining("expected a non-empty value");
    }
    assertThatThrownBy(
            () ->
                read("exemptions:\n  - {policy: [a], owner: o, expires: 2027-01-01, reason: r}\n"))
        .as("a list is not a value")
        .hasMessageContaining("exemptions.0.policy: expected a non-empty value");
  }

  @Test
  void anOptionalFieldThatIsNotAValueMeansAny() throws Exception {
    Entry entry =
        read("exemptions:\n"
                + "  - {policy: p, owner: o, expires: 2027-01-01, reason: r, kind: {a: b}}\n")
            .entries()
            .get(0);
    assertThat(entry.kind()).isNull();
  }

  @Test
  void anExpiryThatIsNotADateIsRejectedAtTheField() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    exemptions:
                      - policy: p
                        owner: o
                        reason: r
                        expires: end of March
                    """))
        .isInstanceOf(InvalidExemptionsException.class)
        .hasMessage(
            "ex.yaml:5:14: field exemptions.0.expires: expected a date YYYY-MM-DD, got 'end of"
                + " March'");
  }
}
