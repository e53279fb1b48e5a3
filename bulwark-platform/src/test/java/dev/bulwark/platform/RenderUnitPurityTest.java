package dev.bulwark.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaStaticInitializer;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.bulwark.platform.stack.Scripts;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.render.RenderUnit;
import dev.bulwark.testkit.PurityRules;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every render unit is pure, not only the render core's: the platform's units, the policy unit, and
 * the classes beside them in their packages that they render with (and the platform's shared {@code
 * stack} package) use no client, clock, randomness, environment or I/O.
 *
 * <p>The one read allowed: {@link Scripts} loads the configuration Jobs' shell scripts from the
 * class path, and only class initialisers may call it, so a script is read once per JVM and never
 * during a render. Catalogue and policy library loading happen in their own modules, when a unit is
 * constructed.
 */
class RenderUnitPurityTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.bulwark.platform", "dev.bulwark.policy", "dev.bulwark.render");

  /** The packages of every render unit, and the stack package all platform units render with. */
  private static final Set<String> RENDER_PACKAGES = renderPackages();

  private static Set<String> renderPackages() {
    Set<String> packages =
        CLASSES.stream()
            .filter(c -> c.isAssignableTo(RenderUnit.class) && !c.isInterface())
            .map(JavaClass::getPackageName)
            .collect(Collectors.toCollection(TreeSet::new));
    packages.add(Stack.class.getPackageName());
    return packages;
  }

  private static final DescribedPredicate<JavaClass> RENDER_CODE =
      DescribedPredicate.describe(
          "are in a render unit's package (but Scripts, which loads scripts at class initialisation)",
          c -> RENDER_PACKAGES.contains(c.getPackageName()) && !c.isEquivalentTo(Scripts.class));

  @Test
  void theRuleCoversThePlatformAndPolicyUnits() {
    assertThat(RENDER_PACKAGES)
        .contains(
            "dev.bulwark.policy.export",
            "dev.bulwark.platform.registry",
            "dev.bulwark.platform.secrets",
            "dev.bulwark.platform.traces",
            "dev.bulwark.platform.stack",
            "dev.bulwark.render.tenancy");
    assertThat(CLASSES.stream().filter(RENDER_CODE)).hasSizeGreaterThan(60);
  }

  @TestFactory
  Stream<DynamicTest> renderUnitsArePure() {
    return PurityRules.of(RENDER_CODE).stream()
        .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(CLASSES)));
  }

  @Test
  void scriptsAreLoadedOnlyWhenAClassIsInitialised() {
    classes()
        .should(
            new ArchCondition<>("load scripts only in static initialisers") {
              @Override
              public void check(JavaClass item, ConditionEvents events) {
                for (JavaMethodCall call : item.getMethodCallsFromSelf()) {
                  boolean load =
                      call.getTargetOwner().isEquivalentTo(Scripts.class)
                          && call.getName().equals("load");
                  if (load && !(call.getOrigin() instanceof JavaStaticInitializer)) {
                    events.add(SimpleConditionEvent.violated(call, call.getDescription()));
                  }
                }
              }
            })
        .check(CLASSES);
  }
}
