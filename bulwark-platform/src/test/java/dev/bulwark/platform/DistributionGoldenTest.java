package dev.bulwark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.render.DesiredObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The platform tree of each distribution's spec against its golden file under
 * src/test/resources/golden/distributions/ ({@code -Dgolden.update=true} refreshes them), and every
 * object in it against the real schema of its kind.
 */
class DistributionGoldenTest {

  static final List<String> DISTRIBUTIONS = Distributions.ALL;

  @ParameterizedTest
  @FieldSource("DISTRIBUTIONS")
  void treeMatchesGolden(String distribution) throws IOException {
    GoldenTest.compare("distributions/" + distribution, Distributions.state(distribution));
  }

  @ParameterizedTest
  @FieldSource("DISTRIBUTIONS")
  void everyObjectConformsToItsSchema(String distribution) {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (DesiredObject desired : Profiles.platformObjects(Distributions.state(distribution))) {
      if (SchemaConformanceTest.withoutSchema(desired)) {
        continue;
      }
      checked++;
      List<String> errors = new ArrayList<>(SchemaConformanceTest.errors(desired));
      errors.addAll(SchemaConformanceTest.errorsAsWritten(desired.object()));
      if (!errors.isEmpty()) {
        failures.add(desired.key() + ": " + String.join("; ", errors));
      }
    }
    assertThat(checked).as("objects checked for %s", distribution).isGreaterThan(10);
    assertThat(failures).as("objects of %s that break their schema", distribution).isEmpty();
  }
}
