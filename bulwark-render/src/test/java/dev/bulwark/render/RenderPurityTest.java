package dev.bulwark.render;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Rendering must be a pure function of the spec: the same spec gives the same bytes on any
 * machine, at any time. These rules keep clients, clocks, randomness, the environment and I/O out
 * of the render module, so that the guarantee does not depend on reviewers noticing.
 */
class RenderPurityTest {

  static final JavaClasses RENDER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.bulwark.render");

  @Test
  void noKubernetesClientOrNetwork() {
    check(noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("io.fabric8.kubernetes.client..", "java.net..", "java.net.http..", "javax.net..")
        .as("render code uses no Kubernetes client and no network"));
  }

  @Test
  void noFileSystem() {
    check(noClasses().should().dependOnClassesThat(
            resideInAnyPackage("java.io..", "java.nio.file..", "java.nio.channels..")
                .and(not(simpleName("UncheckedIOException"))))
        .as("render code reads and writes no files"));
  }

  @Test
  void noClockOrRandomness() {
    check(noClasses().should().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(Instant.class, "now")
        .orShould().callMethod(LocalDate.class, "now")
        .orShould().callMethod(LocalDateTime.class, "now")
        .orShould().callMethod(OffsetDateTime.class, "now")
        .orShould().callMethod(ZonedDateTime.class, "now")
        .orShould().callMethod(UUID.class, "randomUUID")
        .orShould().dependOnClassesThat().areAssignableTo(Clock.class)
        .orShould().dependOnClassesThat().areAssignableTo(java.util.Random.class)
        .orShould().callMethod(Math.class, "random")
        .as("render code reads no clock and uses no randomness"));
  }

  @Test
  void noEnvironmentOrSystemProperties() {
    check(noClasses().should().callMethod(System.class, "getenv")
        .orShould().callMethod(System.class, "getenv", String.class)
        .orShould().callMethod(System.class, "getProperty", String.class)
        .orShould().callMethod(System.class, "getProperty", String.class, String.class)
        .orShould().callMethod(System.class, "getProperties")
        .as("render code reads no environment variables or system properties"));
  }

  private static void check(ArchRule rule) {
    rule.check(RENDER);
  }
}
