package dev.bulwark.render;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.bulwark.testkit.PurityRules;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Rendering must be a pure function of the spec: the same spec gives the same bytes on any machine,
 * at any time. These rules keep clients, clocks, randomness, the environment and I/O out of the
 * render module, so that the guarantee does not depend on reviewers noticing. The modules that add
 * render units check theirs with the same rules.
 */
class RenderPurityTest {

  static final JavaClasses RENDER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.bulwark.render");

  @TestFactory
  Stream<DynamicTest> renderCodeIsPure() {
    return PurityRules.of(DescribedPredicate.alwaysTrue()).stream()
        .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(RENDER)));
  }
}
