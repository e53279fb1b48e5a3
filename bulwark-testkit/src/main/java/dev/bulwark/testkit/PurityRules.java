package dev.bulwark.testkit;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import io.fabric8.kubernetes.client.CustomResource;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What keeps rendering a pure function of the spec, as ArchUnit rules: no Kubernetes client or
 * network, no files, no clock or randomness, no environment or system properties. The render core
 * and every module with render units check their render code against the same rules.
 */
public final class PurityRules {

  private PurityRules() {}

  /** The rules, applied to the classes {@code scope} selects. */
  public static List<ArchRule> of(DescribedPredicate<JavaClass> scope) {
    return List.of(
        noClientOrNetwork(scope),
        noFileSystem(scope),
        noClockOrRandomness(scope),
        noEnvironment(scope));
  }

  static ArchRule noClientOrNetwork(DescribedPredicate<JavaClass> scope) {
    return noClasses()
        .that(scope)
        .should()
        .dependOnClassesThat(
            resideInAnyPackage(
                    "io.fabric8.kubernetes.client..",
                    "java.net..",
                    "java.net.http..",
                    "javax.net..")
                // The base class of Bulwark's custom resources is a model class that fabric8 keeps
                // in its client package; reading a Tenant's spec through it talks to no server.
                .and(not(type(CustomResource.class))))
        .as("render code uses no Kubernetes client and no network");
  }

  static ArchRule noFileSystem(DescribedPredicate<JavaClass> scope) {
    return noClasses()
        .that(scope)
        .should()
        .dependOnClassesThat(
            resideInAnyPackage("java.io..", "java.nio.file..", "java.nio.channels..")
                .and(not(simpleName("UncheckedIOException"))))
        .as("render code reads and writes no files");
  }

  static ArchRule noClockOrRandomness(DescribedPredicate<JavaClass> scope) {
    return noClasses()
        .that(scope)
        .should()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(System.class, "nanoTime")
        .orShould()
        .callMethod(Instant.class, "now")
        .orShould()
        .callMethod(LocalDate.class, "now")
        .orShould()
        .callMethod(LocalDateTime.class, "now")
        .orShould()
        .callMethod(OffsetDateTime.class, "now")
        .orShould()
        .callMethod(ZonedDateTime.class, "now")
        .orShould()
        .callMethod(UUID.class, "randomUUID")
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(Clock.class)
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(java.util.Random.class)
        .orShould()
        .callMethod(Math.class, "random")
        .as("render code reads no clock and uses no randomness");
  }

  static ArchRule noEnvironment(DescribedPredicate<JavaClass> scope) {
    return noClasses()
        .that(scope)
        .should()
        .callMethod(System.class, "getenv")
        .orShould()
        .callMethod(System.class, "getenv", String.class)
        .orShould()
        .callMethod(System.class, "getProperty", String.class)
        .orShould()
        .callMethod(System.class, "getProperty", String.class, String.class)
        .orShould()
        .callMethod(System.class, "getProperties")
        .as("render code reads no environment variables or system properties");
  }
}
