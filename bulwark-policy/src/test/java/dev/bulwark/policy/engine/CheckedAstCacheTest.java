package dev.bulwark.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.policy.library.Policy;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.policy.library.Validation;
import dev.bulwark.policy.library.Variable;
import dev.bulwark.policy.library.VariableGraph;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.runtime.CelVariableResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  private static void assertSameAst(CelAbstractSyntaxTree kept, CelAbstractSyntaxTree checked) {
    assertThat(kept.isChecked()).isTrue();
    assertThat(kept.getExpr()).isEqualTo(checked.getExpr());
    assertThat(kept.getReferenceMap()).isEqualTo(checked.getReferenceMap());
    assertThat(kept.getTypeMap()).isEqualTo(checked.getTypeMap());
    assertThat(kept.getResultType()).isEqualTo(checked.getResultType());
  }

  @Test
  void aLaterRunGetsTheAstsTheCheckerGaveForEveryLibraryExpression() {
    Set<String> expressions = libraryExpressions();
    assertThat(expressions).hasSizeGreaterThan(100);
    CelEnvironment first = new CelEnvironment(CheckedAstCache.open(dir));
    List<CelAbstractSyntaxTree> checked = new ArrayList<>();
    expressions.forEach(e -> checked.add(first.checkedAst(e, "test")));
    first.keepCheckedAsts();

    CheckedAstCache later = CheckedAstCache.open(dir);
    int i = 0;
    for (String expression : expressions) {
      Optional<CelAbstractSyntaxTree> kept = later.get(expression);
      assertThat(kept).as(expression).isPresent();
      assertSameAst(kept.get(), checked.get(i++));
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
    CelEnvironment first = new CelEnvironment(CheckedAstCache.open(dir));
    CelAbstractSyntaxTree checked = first.checkedAst("object.n + 1 > 2", "test");
    first.keepCheckedAsts();
    Path file = cacheFile();
    byte[] whole = Files.readAllBytes(file);

    byte[] flipped = whole.clone();
    flipped[flipped.length - 3] ^= 0x5a;
    for (byte[] broken :
        List.of(flipped, java.util.Arrays.copyOf(whole, whole.length / 2), "text".getBytes())) {
      Files.write(file, broken);
      CelEnvironment env = new CelEnvironment(CheckedAstCache.open(dir));
      assertThat(CheckedAstCache.open(dir).get("object.n + 1 > 2")).isEmpty();
      assertSameAst(env.checkedAst("object.n + 1 > 2", "test"), checked);
      env.keepCheckedAsts();
      assertThat(Files.readAllBytes(cacheFile())).isEqualTo(whole);
    }
  }

  @Test
  void savingRemovesTheFilesOfOtherEnvironmentsAndNothingElse() throws IOException {
    Path stale = Files.writeString(dir.resolve("checked-cel-000000000000000000000000.bin"), "old");
    Path foreign = Files.writeString(dir.resolve("notes.txt"), "not ours");
    CelEnvironment env = new CelEnvironment(CheckedAstCache.open(dir));
    env.checkedAst("object.n > 1", "test");
    env.keepCheckedAsts();
    assertThat(stale).doesNotExist();
    assertThat(foreign).exists();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "notes.txt", "checked-cel-" + CheckedAstCache.fingerprint() + ".bin");
    }
  }

  @Test
  void anUnusableFolderCostsOnlyTheSpeedUp() throws IOException {
    Path notAFolder = Files.writeString(dir.resolve("file"), "x");
    CelEnvironment env = new CelEnvironment(CheckedAstCache.open(notAFolder.resolve("policies")));
    CelAbstractSyntaxTree ast = env.checkedAst("object.n > 1", "test");
    env.keepCheckedAsts();
    assertThat(ast.isChecked()).isTrue();
    assertThat(notAFolder).hasContent("x");
  }

  @Test
  void withoutAConfiguredFolderNothingIsKept() {
    CelEnvironment env = new CelEnvironment(CheckedAstCache.NONE);
    env.checkedAst("object.n > 1", "test");
    env.keepCheckedAsts();
    assertThat(CheckedAstCache.NONE.get("object.n > 1")).isEmpty();
  }
}
