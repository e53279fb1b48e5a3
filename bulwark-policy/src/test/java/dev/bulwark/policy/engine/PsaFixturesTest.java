package dev.bulwark.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.policy.Fixtures;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.testkit.Needed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Checks the engine against Kubernetes' own pod-security-admission fixtures, when a copy of them is
 * given: {@code -Dbulwark.psa.testdata=DIR} (or {@code BULWARK_PSA_TESTDATA}), where DIR is {@code
 * staging/src/k8s.io/pod-security-admission/test/testdata} of a Kubernetes checkout, laid out as
 * {@code <level>/v1.<minor>/{pass,fail}/*.yaml}. The fixtures are not copied into this repository,
 * and the test is not part of the default run, so that it stays an independent check: {@code
 * tools/run-tests.sh -pl bulwark-policy -am -Dbulwark.test.excludedGroups= -Dtest=PsaFixturesTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dbulwark.psa.testdata=DIR}.
 */
@Tag("independent-check")
class PsaFixturesTest {

  static final Pattern PATH =
      Pattern.compile(".*/(baseline|restricted)/(v1\\.[0-9]+)/(pass|fail)/[^/]+\\.ya?ml$");

  @Test
  void everyPublishedFixtureGetsTheVerdictKubernetesGivesIt() throws Exception {
    String configured =
        System.getProperty("bulwark.psa.testdata", System.getenv("BULWARK_PSA_TESTDATA"));
    Needed.require(
        configured != null && Files.isDirectory(Path.of(configured)),
        "set -Dbulwark.psa.testdata to pod-security-admission's test/testdata to run Kubernetes' fixtures");
    Map<String, PolicyEngine> engines =
        Map.of(
            "baseline",
                PolicyEngine.create(
                    PolicyLibrary.standard(), PolicyLibrary.Selection.PSS_BASELINE, Map.of()),
            "restricted",
                PolicyEngine.create(
                    PolicyLibrary.standard(), PolicyLibrary.Selection.PSS_RESTRICTED, Map.of()));
    List<String> disagreements = new ArrayList<>();
    int checked = 0;
    try (Stream<Path> files = Files.walk(Path.of(configured))) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        Matcher m = PATH.matcher(file.toString().replace('\\', '/'));
        if (!m.matches()) {
          continue;
        }
        JsonNode pod = Fixtures.YAML.readTree(file.toFile());
        JsonNode namespace = AdmissionInput.namespace("fixtures", m.group(1), m.group(2), Map.of());
        List<Finding> findings =
            engines.get(m.group(1)).evaluate(AdmissionInput.create(pod, namespace));
        boolean passes = findings.isEmpty();
        checked++;
        if (passes != m.group(3).equals("pass")) {
          disagreements.add(
              file
                  + ": Kubernetes says "
                  + m.group(3)
                  + ", Bulwark found "
                  + findings.stream().map(f -> f.policyId() + ": " + f.message()).toList());
        }
      }
    }
    assertThat(checked).as("fixtures found under " + configured).isPositive();
    assertThat(disagreements).as("%d fixtures checked", checked).isEmpty();
  }
}
