package dev.bulwark.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.policy.engine.eval.CelCompiler;
import dev.bulwark.policy.library.Policy;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.policy.library.Validation;
import dev.bulwark.policy.library.Variable;
import dev.bulwark.policy.library.VariableGraph;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelVariableResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checked-AST cache (ADR 0048): what it returns is what cel-java's checker returns, and no
 * state of its file (missing, corrupt, truncated, of another environment, unwritable) changes a
 * result or raises an error.
 */
class CheckedAstCacheTest {

  @TempDir Path dir;

  /** Every expression of the standard library: variables, validations, messageExpressions. */
  private static Set<String> libraryExpressions() {
    PolicyLibrary library = PolicyLibrary.standard();
    Set<String> all = new LinkedHashSet<>();
    for (Policy policy : library.policies()) {
      for (Variable v : VariableGraph.variablesFor(library, policy)) {
        all.add(v.expression());
      }
      for (Validation v : policy.validations()) {
        all.add(v.expression());
        if (v.messageExpression() != null) {
          all.add(v.messageExpression());
        }
      }
    }
    return all;
  }

  private Path cacheFile() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> found = files.toList();
      assertThat(found).hasSize(1);
      return found.get(0);
    }
  }

  /** The kept tree is the checker's, and compiles to the same evaluator tree. */
  private static void assertSameTree(CelExpr kept, CelAbstractSyntaxTree checked) {
    assertThat(kept).isEqualTo(checked.getExpr());
    assertThat(CelCompiler.compileCheckedTree(kept, CelEnvironment.MAX_ITERATIONS).orElseThrow())
        .usingRecursiveComparison()
        .isEqualTo(CelCompiler.compile(checked, CelEnvironment.MAX_ITERATIONS).orElseThrow());
  }

  @Test
  void aLaterRunGetsTheAstsTheCheckerGaveForEveryLibraryExpression() {
    Set<String> expressions = libraryExpressions();
    assertThat(expressions).hasSizeGreaterThan(100);
    CelEnvironment first = new CelEnvironment(CheckedAstCache.open(dir));
    List<CelAbstractSyntaxTree> checked = new ArrayList<>();
    for (String e : expressions) {
      assertThat(first.expression(e, "test", EvaluationRuntime.COMPILED).runsCompiled()).isTrue();
      checked.add(first.check(e, "test"));
    }
    first.keepCheckedAsts();

    CheckedAstCache later = CheckedAstCache.open(dir);
    int i = 0;
    for (String expression : expressions) {
      Optional<CelExpr> kept = later.get(expression);
      assertThat(kept).as(expression).isPresent();
      assertSameTree(kept.get(), checked.get(i++));
    }
    assertThat(later.get("object.notInTheLibrary == 1")).isEmpty();
  }

  @Test
  void anExpressionFromTheCacheEvaluatesAsCelJavaDoesIncludingItsFallback() throws Exception {
    String expression = "object.a == object.b && object.n > 1";
    CelEnvironment first = new CelEnvironment(CheckedAstCache.open(dir));
    first.expression(expression, "test", EvaluationRuntime.COMPILED);
    first.keepCheckedAsts();
    CelEnvironment later = new CelEnvironment(CheckedAstCache.open(dir));
    PolicyExpression cached = later.expression(expression, "test", EvaluationRuntime.COMPILED);
    PolicyExpression reference =
        CelEnvironment.standard().expression(expression, "test", EvaluationRuntime.CEL_JAVA);
    assertThat(cached.runsCompiled()).isTrue();
    // NaN inside a list is left to cel-java: the fallback program is planned on this first need
    for (Object a : List.of(List.of(1L), List.of(Double.NaN))) {
      Map<String, Object> object = Map.of("a", a, "b", List.of(Double.NaN), "n", 2L);
      CelVariableResolver activation =
          name -> Optional.ofNullable(name.equals("object") ? object : null);
      assertThat(cached.eval(activation)).isEqualTo(reference.eval(activation));
    }
  }

  @Test
  void invalidCelIsRejectedAsBeforeAndNotKept() {
    CelEnvironment env = new CelEnvironment(CheckedAstCache.open(dir));
    assertThatThrownBy(() -> env.expression("object.a ==", "policy p", EvaluationRuntime.COMPILED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("policy p: invalid CEL:");
    env.keepCheckedAsts();
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void aCorruptOrTruncatedFileIsIgnoredAndReplaced() throws IOException {
    String expression = "object.n + 1 > 2";
    CelEnvironment first = new CelEnvironment(CheckedAstCache.open(dir));
    first.expression(expression, "test", EvaluationRuntime.COMPILED);
    first.keepCheckedAsts();
    CelAbstractSyntaxTree checked = first.check(expression, "test");
    Path file = cacheFile();
    byte[] whole = Files.readAllBytes(file);

    byte[] flipped = whole.clone();
    flipped[flipped.length - 3] ^= 0x5a;
    for (byte[] broken :
        List.of(flipped, java.util.Arrays.copyOf(whole, whole.length / 2), "text".getBytes())) {
      Files.write(file, broken);
      CelEnvironment env = new CelEnvironment(CheckedAstCache.open(dir));
      assertThat(CheckedAstCache.open(dir).get(expression)).isEmpty();
      assertThat(env.expression(expression, "test", EvaluationRuntime.COMPILED).runsCompiled())
          .isTrue();
      env.keepCheckedAsts();
      assertThat(Files.readAllBytes(cacheFile())).isEqualTo(whole);
      assertSameTree(CheckedAstCache.open(dir).get(expression).orElseThrow(), checked);
    }
  }

  @Test
  void savingKeepsTheNewestFilesOfOtherEnvironmentsAndNothingElseOfThem() throws IOException {
    List<String> others = new ArrayList<>();
    for (int i = 0; i < CheckedAstCache.KEPT_OTHERS + 2; i++) {
      String name = "checked-cel-00000000000000000000000" + i + ".bin";
      Path other = Files.writeString(dir.resolve(name), "another build's");
      Files.setLastModifiedTime(other, FileTime.fromMillis(1_000_000L * (i + 1)));
      others.add(name);
    }
    Files.writeString(dir.resolve("notes.txt"), "not ours");
    CelEnvironment env = new CelEnvironment(CheckedAstCache.open(dir));
    env.expression("object.n > 1", "test", EvaluationRuntime.COMPILED);
    env.keepCheckedAsts();
    List<String> expected = new ArrayList<>(others.subList(2, others.size()));
    expected.add("notes.txt");
    expected.add("checked-cel-" + CheckedAstCache.fingerprint() + ".bin");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("the two oldest of another environment are gone")
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void anUnusableFolderCostsOnlyTheSpeedUp() throws IOException {
    Path notAFolder = Files.writeString(dir.resolve("file"), "x");
    CelEnvironment env = new CelEnvironment(CheckedAstCache.open(notAFolder.resolve("policies")));
    PolicyExpression e = env.expression("object.n > 1", "test", EvaluationRuntime.COMPILED);
    env.keepCheckedAsts();
    assertThat(e.runsCompiled()).isTrue();
    assertThat(notAFolder).hasContent("x");
  }

  @Test
  void withoutAConfiguredFolderNothingIsKept() {
    CelEnvironment env = new CelEnvironment(CheckedAstCache.NONE);
    env.expression("object.n > 1", "test", EvaluationRuntime.COMPILED);
    env.keepCheckedAsts();
    assertThat(CheckedAstCache.NONE.get("object.n > 1")).isEmpty();
  }
}
