package dev.bulwark.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The module seams of ADR 0017, checked on the production classes of every module the CLI ships.
 * Maven scopes enforce them too, but one dependency added to a pom would undo a seam silently;
 * these rules say which seam it was and why.
 */
class ModuleBoundariesTest {

  static final JavaClasses SHIPPED =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.bulwark");

  @Test
  void onlyTheTestkitUsesTheTestkit() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.bulwark.testkit..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.bulwark.testkit..")
        .as("production code does not use the testkit: it is test support and brings JUnit")
        .check(SHIPPED);
  }

  @Test
  void theControlPlaneNeedsNothingButTheJdk() {
    noClasses()
        .that()
        .resideInAPackage("dev.bulwark.controlplane..")
        .should()
        .dependOnClassesThat(
            resideInAnyPackage("org.junit..", "io.fabric8..", "dev.bulwark..")
                .and(not(resideInAPackage("dev.bulwark.controlplane.."))))
        .as(
            "the local control plane is process management only, usable by the demo and by tests alike")
        .check(SHIPPED);
  }

  @Test
  void theYamlReaderKnowsNoBulwarkType() {
    noClasses()
        .that()
        .resideInAPackage("dev.bulwark.yaml..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.bulwark.api..",
            "dev.bulwark.spec..",
            "dev.bulwark.render..",
            "dev.bulwark.policy..")
        .as(
            "the YAML reader with positions is shared by the spec loader and the policy engine, so it knows neither")
        .check(SHIPPED);
  }

  @Test
  void thePolicyEngineReadsYamlWithoutTheSpecLoader() {
    noClasses()
        .that()
        .resideInAPackage("dev.bulwark.policy..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.bulwark.spec..")
        .as(
            "the policy engine needs the YAML reader, not the spec loader; its render unit gets the loaded BulwarkSpec")
        .check(SHIPPED);
  }

  @Test
  void renderingDependsOnTheApiTypesOnly() {
    noClasses()
        .that()
        .resideInAPackage("dev.bulwark.render..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.bulwark.spec..",
            "dev.bulwark.yaml..",
            "dev.bulwark.operator..",
            "dev.bulwark.cli..",
            "dev.bulwark.gitops..",
            "dev.bulwark.delivery..",
            "dev.bulwark.controlplane..")
        .as(
            "render(spec) is a pure function of the API types; loading, delivery and applying sit around it")
        .check(SHIPPED);
  }

  @Test
  void promotionWorksOnTheRepositoryAndTheClusterNotOnTheRenderer() {
    noClasses()
        .that()
        .resideInAPackage("dev.bulwark.delivery..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.bulwark.spec..",
            "dev.bulwark.operator..",
            "dev.bulwark.cli..",
            "dev.bulwark.gitops..",
            "dev.bulwark.policy..")
        .as(
            "promotion edits one line of the committed tree and reads the cluster; it renders nothing"
                + " and loads no files, so the CLI and the operator can both drive it")
        .check(SHIPPED);
  }

  @Test
  void theGateDecidesWithoutAClusterARendererOrTheCommandLine() {
    noClasses()
        .that()
        .resideInAPackage("dev.bulwark.gate..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.bulwark.render..",
            "dev.bulwark.operator..",
            "dev.bulwark.cli..",
            "dev.bulwark.controlplane..",
            "io.fabric8.kubernetes.client..")
        .as(
            "the gate judges files the same inside the pipeline and in any CI; the pipeline applies its PolicyReport")
        .check(SHIPPED);
  }

  @Test
  void theConsoleReadsAsTheUserAndWritesOnlyThroughDelivery() {
    noClasses()
        .that()
        .resideInAPackage("dev.bulwark.console..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.bulwark.spec..",
            "dev.bulwark.operator..",
            "dev.bulwark.cli..",
            "dev.bulwark.gitops..",
            "dev.bulwark.controlplane..")
        .as(
            "the console shows what the cluster lets its user read and approves through delivery's"
                + " rules; it applies nothing, and renders only to judge the scorecard as its user"
                + " (ADR 0032)")
        .check(SHIPPED);
  }
}
