package dev.bulwark.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.policy.engine.eval.EvalError;
import dev.bulwark.policy.engine.eval.NotCovered;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelVariableResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The semantics of Bulwark's evaluator, written from the CEL language definition
 * (github.com/google/cel-spec, doc/langdef.md). Each case runs on the fast path alone (no cel-java
 * fallback) and, as a check of the expectation, on cel-java too.
 */
class CompiledEvaluatorTest {

  // From JSON rather than YAML: the YAML fixtures parse 1 as a double.
  private static final Object OBJECT =
      CelValues.of(
          json(
              "{'s': 'str', 'n': null, 'l': [1, 'x'], 'm': {'k': 1, 'j': 2}, 'labels': {'app': 'a', 'tier': 'web'},"
                  + " 'containers': [{'name': 'a'}, {'name': 'b', 'image': 'i'}]}"));

  private static final CelVariableResolver ACTIVATION =
      name -> Optional.ofNullable(name.equals("object") ? OBJECT : null);

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Object fast(String expression) {
    PolicyExpression e =
        CelEnvironment.standard().expression(expression, "test", EvaluationRuntime.COMPILED);
    assertThat(e.runsCompiled()).as("%s compiles to the fast path", expression).isTrue();
    return ((PolicyExpression.Compiled) e).cel().eval(ACTIVATION);
  }

  private static Object reference(String expression) throws CelEvaluationException {
    return CelEnvironment.standard()
        .expression(expression, "test", EvaluationRuntime.CEL_JAVA)
        .eval(ACTIVATION);
  }

  private static void assertValue(String expression, Object expected)
      throws CelEvaluationException {
    assertThat(fast(expression)).as(expression).isEqualTo(expected);
    assertThat(reference(expression)).as("cel-java: %s", expression).isEqualTo(expected);
  }

  private static void assertError(String expression, String messagePart) {
    assertThatThrownBy(() -> fast(expression))
        .as(expression)
        .isInstanceOf(EvalError.class)
        .hasMessageContaining(messagePart);
    assertThatThrownBy(() -> reference(expression))
        .as("cel-java: %s", expression)
        .isInstanceOf(CelEvaluationException.class);
  }

  /** Found by the CEL differential fuzz test: an ordering with NaN threw instead of false. */
  @Test
  void nanIsUnorderedAgainstEveryNumber() throws Exception {
    assertValue("0.0 / 0.0 < 1.0", false);
    assertValue("0.0 / 0.0 >= 1.0", false);
    assertValue("1.0 > 0.0 / 0.0", false);
    assertValue("-0.0 <= 0.0 && -0.0 >= 0.0", true);
    // cel-java orders NaN above an int; the fast path leaves that case to it.
    assertThatThrownBy(() -> fast("0.0 / 0.0 >= 1")).isInstanceOf(NotCovered.class);
    assertThat(reference("0.0 / 0.0 >= 1")).isEqualTo(true);
    // cel-java finds [NaN] equal to [NaN]; the fast path leaves NaN inside containers to it.
    assertThatThrownBy(() -> fast("[0.0 / 0.0] == [0.0 / 0.0]")).isInstanceOf(NotCovered.class);
  }

  @Test
  void logicalOperatorsAbsorbErrorsCommutatively() throws Exception {
    assertValue("false && object.missing", false);
    assertValue("object.missing && false", false);
    assertValue("true || object.missing", true);
    assertValue("object.missing || true", true);
    assertError("object.missing && true", "missing");
    assertError("true && object.missing", "missing");
    assertError("object.missing || false", "missing");
    // Only a failing evaluation is absorbed; a non-bool operand is an error at once.
    assertError("dyn(1) && false", "expected boolean");
    assertValue("false && dyn(1)", false);
    assertValue("!(object.s == 'str')", false);
    assertValue("true ? 1 : object.missing", 1L);
    assertError("object.missing ? 1 : 2", "missing");
  }

  @Test
  void equalityIsHeterogeneousForNumbersAndDeepForListsAndMaps() throws Exception {
    assertValue("dyn(1) == dyn(1.0)", true);
    assertValue("dyn(1) == dyn('1')", false);
    assertValue("dyn(1) != dyn(true)", true);
    assertValue("dyn({'a': 1}) == dyn({'a': 1.0})", true);
    assertValue("dyn({'a': 1}) == dyn({'b': 1})", false);
    assertValue("dyn([1, 'x']) == dyn([1.0, 'x'])", true);
    assertValue("dyn([1]) == dyn([1, 2])", false);
    assertValue("object.l == [1, 'x']", true);
    assertValue("dyn(null) == null && [null][0] == null", true);
    assertValue("object.s == null", false);
    assertValue("dyn(0.0 / 0.0) == dyn(0.0 / 0.0)", false);
    assertValue("dyn(1) in [1.0]", true);
    assertValue("'x' in object.l", true);
    assertValue("'app' in object.labels", true);
    assertValue("'web' in object.labels", false);
    assertValue(
        "dyn(1) in object.labels || dyn(true) in object.labels || dyn(null) in object.labels",
        false);
  }

  @Test
  void hasTestsPresenceAndFailsOnWhatIsNotAMap() throws Exception {
    assertValue("has(object.labels.app)", true);
    assertValue("has(object.labels.missing)", false);
    assertValue("has(object.n)", false); // null entries are dropped, as the API server drops them
    assertError("has(object.missing.x)", "missing");
    assertError("has(object.s.x)", "Field selections");
    assertError("has(object.l.x)", "Field selections");
    assertError("object.missing", "key 'missing'");
    assertError("object.s.x", "Field selections");
  }

  @Test
  void indexingChecksKeysAndBounds() throws Exception {
    assertValue("object.l[1]", "x");
    assertValue("object.labels['tier']", "web");
    assertError("object.l[2]", "out of bounds");
    assertError("object.l[-1]", "out of bounds");
    assertError("object.labels['nope']", "nope");
    assertError("object.labels[dyn(1)]", "key '1'");
    assertError("object.s[dyn(0)]", "no matching overload");
  }

  @Test
  void comprehensionsIterateListsAndMapKeys() throws Exception {
    assertValue("object.labels.all(k, k in object.labels)", true);
    assertValue("object.labels.exists(k, object.labels[k] == 'web')", true);
    assertValue("object.labels.filter(k, k.startsWith('t'))", List.of("tier"));
    assertValue("object.m.map(k, object.m[k] * 10).exists(v, v == 20)", true);
    assertValue("object.containers.map(c, c.name)", List.of("a", "b"));
    assertValue("object.containers.filter(c, has(c.image)).map(c, c.name)", List.of("b"));
    assertValue("[1, 2, 3].exists_one(x, x > 2)", true);
    assertValue("[1, 2, 3].exists_one(x, x > 1)", false);
    assertValue("[[1, 2], [3]].map(l, l.map(x, x + 1))", List.of(List.of(2L, 3L), List.of(4L)));
    // An error in one element is absorbed when another decides the result, as with || and &&.
    assertValue("[1, 'a'].exists(x, x > 0)", true);
    assertError("[1, 'a'].all(x, x > 0)", "no matching overload");
    assertValue("['a', 1].all(x, x < 0)", false);
    assertError("object.containers.map(c, c.image)", "key 'image'");
    assertError("object.s.exists(x, true)", "iteration range");
  }

  @Test
  void comprehensionsStopAtTheIterationLimit() {
    List<Object> big = new ArrayList<>();
    for (long i = 0; i <= CelEnvironment.MAX_ITERATIONS; i++) {
      big.add(i);
    }
    PolicyExpression e =
        CelEnvironment.standard()
            .expression("object.all(x, x >= 0)", "test", EvaluationRuntime.COMPILED);
    CelVariableResolver activation =
        name -> Optional.ofNullable(name.equals("object") ? big : null);
    assertThatThrownBy(() -> ((PolicyExpression.Compiled) e).cel().eval(activation))
        .hasMessageContaining("iteration budget");
    assertThat(
            ((PolicyExpression.Compiled) e)
                .cel()
                .eval(n -> Optional.ofNullable(n.equals("object") ? big.subList(0, 10) : null)))
        .isEqualTo(true);
  }

  @Test
  void arithmeticChecksOverflowAndDivisionByZero() throws Exception {
    assertValue("1 + 2 * 3 - 4 / 2", 5L);
    assertValue("-5 / 2", -2L);
    assertValue("5 % -3", 2L);
    assertValue("2.0 * 3.0 + 0.5", 6.5);
    assertValue("'a' + 'b'", "ab");
    assertValue("dyn([1]) + ['x']", List.of(1L, "x"));
    assertValue("-dyn(2.5)", -2.5);
    assertError("9223372036854775807 + 1", "overflow");
    assertError("-9223372036854775807 - 2", "overflow");
    assertError("dyn(-9223372036854775807 - 1) * -1", "overflow");
    assertError("1 / 0", "zero");
    assertError("1 % 0", "zero");
    assertError("dyn(1) + dyn(1.0)", "no matching overload");
    assertError("object.l + object.s", "no matching overload");
  }

  @Test
  void orderingComparesIntsAndDoublesAcrossTypes() throws Exception {
    assertValue("dyn(1) < dyn(1.5)", true);
    assertValue("dyn(2.0) >= dyn(2)", true);
    assertValue("dyn(-1) > dyn(0.5)", false);
    assertValue("'a' < 'b' && 'B' < 'a' && '' < 'a'", true);
    // cel-java orders strings by UTF-16 code units, not code points: an emoji sorts below U+FFFF.
    assertValue("'\\U0001F600' < '\\uFFFF'", true);
    assertValue("dyn(false) < dyn(true)", true);
    assertValue("object.m.j <= 2", true);
    assertError("dyn(1) < dyn('a')", "no matching overload");
  }

  @Test
  void stringFunctionsCountCodePoints() throws Exception {
    assertValue("size('héllo')", 5L);
    assertValue("size(object.l) + size(object.labels)", 4L);
    assertValue("'a,b,'.split(',')", List.of("a", "b", ""));
    assertValue("'abc'.split('')", List.of("a", "b", "c"));
    assertValue("'axxb'.split('x')", List.of("a", "", "b"));
    assertValue("',a'.split(',')", List.of("", "a"));
    assertValue("''.split('') == [] && ''.split(',') == ['']", true);
    assertValue("'abc'.substring(1, 1)", "");
    assertError("'abc'.substring(2, 1)", "out of bounds");
    assertError("'abc'.substring(-1)", "out of bounds");
    assertValue("'ÄbC'.lowerAscii()", "Äbc");
    assertValue("'v1.29'.substring(3)", "29");
    assertValue("'héllo'.substring(1, 3)", "él");
    assertValue("['a', 'b'].join('-') + ['c'].join()", "a-bc");
    assertValue("'abc'.contains('') && 'abc'.startsWith('ab') && 'abc'.endsWith('bc')", true);
    assertValue("'abc'.matches('b') && !matches('abc', '^b')", true);
    assertError("'abc'.substring(4)", "out of bounds");
    assertError("dyn(1).startsWith('a')", "no matching overload");
    assertError("size(dyn(1))", "no matching overload");
  }

  @Test
  void conversionsFollowCelJava() throws Exception {
    assertValue("int('12') + int(1.9) + int(-1.9)", 12L);
    assertValue("int('+12')", 12L);
    assertError("int('x')", "cannot convert");
    assertError("int(' 12')", "cannot convert");
    assertError("int(dyn(true))", "no matching overload");
    assertValue("string(12) + string(true)", "12true");
    assertValue("double(2) / 4.0", 0.5);
  }

  @Test
  void valuesTheFastPathDoesNotModelAreLeftToCelJava() throws Exception {
    // Joining a list that holds a list: cel-java joins its Java text, which the fast path does not
    // imitate (numbers it does: object.l.join(',') is "1,x" in both).
    assertValue("object.l.join(',')", "1,x");
    PolicyExpression e =
        CelEnvironment.standard()
            .expression("dyn([['a'], 'b']).join(',')", "test", EvaluationRuntime.COMPILED);
    assertThatThrownBy(() -> ((PolicyExpression.Compiled) e).cel().eval(ACTIVATION))
        .isInstanceOf(NotCovered.class);
    assertThat(e.eval(ACTIVATION)).isEqualTo("[a],b");
  }

  @Test
  void expressionsUsingWhatIsNotCoveredKeepTheCelJavaProgram() throws Exception {
    for (String expression :
        List.of(
            "'abc'.indexOf('b') == 1",
            "{1: 'a'}[1] == 'a'",
            "b'abc' == b'abc'",
            "1u + 2u == 3u",
            "duration('1s') < duration('2s')",
            "type(1) == int")) {
      PolicyExpression e =
          CelEnvironment.standard().expression(expression, "test", EvaluationRuntime.COMPILED);
      assertThat(e.runsCompiled()).as(expression).isFalse();
      assertThat(e.eval(ACTIVATION)).as(expression).isEqualTo(true);
    }
  }

  @Test
  void evaluationErrorsReachTheEngineAsCelErrors() {
    PolicyExpression e =
        CelEnvironment.standard()
            .expression("object.missing == 1", "test", EvaluationRuntime.COMPILED);
    assertThatThrownBy(() -> e.eval(ACTIVATION))
        .isInstanceOf(CelEvaluationException.class)
        .hasMessage("key 'missing' is not present in map.");
  }

  @Test
  void noMatchingOverloadNamesTheFunctionAndTheOperandTypes() {
    assertError("size(dyn(true))", "no matching overload for 'size' applied to (bool)");
    assertError("-dyn('a')", "no matching overload for '-_' applied to (string)");
    assertError("!dyn(1)", "no matching overload for '!_' applied to (int)");
    assertError("dyn([1]) - dyn([2])", "for '_-_' applied to (list, list)");
    assertError("dyn({'a': 1}) * 2", "for '_*_' applied to (map, int)");
    assertError("dyn(null) + 1", "for '_+_' applied to (null_type, int)");
    assertError("dyn(1.5) % dyn(2.0)", "for '_%_' applied to (double, double)");
    assertError("dyn('a') / dyn('b')", "for '_/_' applied to (string, string)");
    assertError("dyn(1) in dyn(1)", "for '@in' applied to (int, int)");
    assertError("dyn(true) <= dyn(1)", "for '_<=_' applied to (bool, int)");
    assertError("dyn(1) > dyn('a')", "for '_>_' applied to (int, string)");
    assertError("dyn(1).endsWith('a')", "for 'endsWith' applied to (int, string)");
    assertError("dyn(1).lowerAscii()", "for 'lowerAscii' applied to (int)");
    assertError("['a'].join(dyn(1))", "for 'join' applied to (list, int)");
    assertError("'abc'.substring(dyn('1'))", "for 'substring' applied to (string, string)");
    assertError("'abc'.substring(0, dyn(1.0))", "for 'substring' applied to (string, int, double)");
    assertError("int(dyn([1]))", "for 'int' applied to (list)");
    assertError("object.s.exists(x, true)", "iteration range but got 'string'");
    assertError("dyn(1) ? 1 : 2", "expected boolean value, found: 1");
  }

  @Test
  void theFirstFailingOperandOfALogicalOperatorIsTheError() throws Exception {
    assertError("object.a && object.b", "key 'a'");
    assertError("object.a || object.b", "key 'a'");
    assertError("false || object.b", "key 'b'");
    assertValue("false || false", false);
    assertValue("true && true", true);
    assertError("dyn(1) || true", "expected boolean");
  }

  @Test
  void anErrorInAComprehensionStaysUnlessALaterElementDecides() throws Exception {
    assertError("[1, 'a'].exists(x, x > 5)", "no matching overload");
    assertValue("[1, 'a', 7].exists(x, x > 5)", true);
    assertValue("[1, 'a', -1].all(x, x > 0)", false);
    assertError("[1, 'a', 2].filter(x, x > 0)", "no matching overload");
    assertError("[1, 'a'].map(x, x + 1)", "no matching overload");
    assertError("[1, 'a', 2].exists_one(x, x > 1)", "no matching overload");
    assertValue("[2, 'a'].map(x, 'v').size() == 2", true);
  }

  @Test
  void comprehensionsRunUpToTheIterationLimit() {
    List<Object> limit = new ArrayList<>();
    for (long i = 0; i < CelEnvironment.MAX_ITERATIONS; i++) {
      limit.add(i);
    }
    PolicyExpression e =
        CelEnvironment.standard()
            .expression("object.all(x, x >= 0)", "test", EvaluationRuntime.COMPILED);
    assertThat(
            ((PolicyExpression.Compiled) e)
                .cel()
                .eval(n -> Optional.ofNullable(n.equals("object") ? limit : null)))
        .isEqualTo(true);
  }

  @Test
  void arithmeticOnDoublesAndTheEdgesOfInts() throws Exception {
    assertValue("5.0 - 1.5", 3.5);
    assertValue("3.0 / 2.0", 1.5);
    assertValue("7 % 3 + -7 % 3", 0L);
    assertValue("-dyn(3)", -3L);
    assertError("dyn(-9223372036854775807 - 1) / -1", "overflow");
    assertError("-dyn(-9223372036854775807 - 1)", "overflow");
    assertError("9223372036854775807 * 2", "overflow");
    assertValue("[] + dyn([1]) == [1] && dyn([1]) + [] == [1]", true);
    // cel-java's answer for MIN % -1 is left to it.
    assertThatThrownBy(() -> fast("dyn(-9223372036854775807 - 1) % -1"))
        .isInstanceOf(NotCovered.class);
  }

  @Test
  void literalsAndConversionsTheFastPathLeavesToCelJava() throws Exception {
    assertValue("{'a': 1, 'b': object.s}", java.util.Map.of("a", 1L, "b", "str"));
    assertValue("[object.s, 1]", List.of("str", 1L));
    assertValue("{'a': 1}.a == 1 && {}.size() == 0", true);
    assertValue("'abc'.size() + object.l.size()", 5L);
    assertValue("dyn([1, true, 'x']).join('-')", "1-true-x");
    assertValue("double(dyn(1.5)) + double(dyn(1))", 2.5);
    assertValue("int(dyn(8.9e18)) > 0 && int(dyn(-8.9e18)) < 0", true);
    for (String leftToCelJava :
        List.of(
            "string(1.5)",
            "double('1.5')",
            "int(9.5e18)",
            "int(-9.5e18)",
            "object.l[dyn(1.0)]",
            "object.labels[dyn([1])]",
            "dyn([1]) in object.labels")) {
      PolicyExpression e =
          CelEnvironment.standard().expression(leftToCelJava, "test", EvaluationRuntime.COMPILED);
      assertThatThrownBy(() -> ((PolicyExpression.Compiled) e).cel().eval(ACTIVATION))
          .as(leftToCelJava)
          .isInstanceOf(NotCovered.class);
      Object reference;
      try {
        reference = reference(leftToCelJava);
      } catch (CelEvaluationException celError) {
        assertThatThrownBy(() -> e.eval(ACTIVATION)).isInstanceOf(CelEvaluationException.class);
        continue;
      }
      assertThat(e.eval(ACTIVATION)).as(leftToCelJava).isEqualTo(reference);
    }
  }

  @Test
  void callsOutsideTheCoveredOverloadsKeepTheCelJavaProgram() throws Exception {
    for (String expression :
        List.of(
            "'a,b'.split(',', 1) == ['a,b']",
            "{'a': 1, 'a': 2}.size() == 1 || true",
            "{object.s: 1}.size() == 1",
            "'abc'.replace('b', 'x') == 'axc'")) {
      PolicyExpression e =
          CelEnvironment.standard().expression(expression, "test", EvaluationRuntime.COMPILED);
      assertThat(e.runsCompiled()).as(expression).isFalse();
    }
    assertThat(reference("'a,b'.split(',', 1)")).isEqualTo(List.of("a,b"));
  }

  @Test
  void boundsAreCheckedAtTheirEdges() throws Exception {
    assertValue("object.l[0]", 1L);
    assertValue("'abc'.substring(3)", "");
    assertValue("'abc'.substring(0, 3)", "abc");
    assertValue("'abc'.substring(0, 0)", "");
    assertError("'abc'.substring(0, 4)", "range [0, 4) out of bounds of a string of 3 code points");
    assertValue("'@AZ[`az{'.lowerAscii()", "@az[`az{");
    assertValue("int(dyn(5)) + int(dyn(-2.5))", 3L);
  }

  @Test
  void containersAreEqualOnlyWhenEveryElementIs() throws Exception {
    assertValue("dyn([1, 'x']) == dyn([1, 'y'])", false);
    assertValue("dyn([1, 'x']) != dyn([1, 'y'])", true);
    assertValue("dyn({'a': 1}) == dyn({'a': 2})", false);
    assertValue("dyn({'a': 1}) == dyn({'a': 1, 'b': 2})", false);
    assertValue("dyn([1.5, 'x']) == dyn([1.5, 'x'])", true);
    assertValue("dyn({'a': 2.0}) == dyn({'a': 2})", true);
    assertValue("dyn([[1], {'k': [2.0]}]) == dyn([[1.0], {'k': [2]}])", true);
  }
}
