package dev.bulwark.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The pre-check of {@link RegexSearch}: the top-level alternatives of an RE2 pattern and the
 * literal runs every match of one must contain (RE2 syntax: github.com/google/re2/wiki/Syntax). A
 * literal missed only weakens the pre-check; a literal wrongly required would hide matches, so
 * every construct that can make a character optional is checked here.
 */
class RegexLiteralsTest {

  @Test
  void literalsOutsideGroupsAndClassesAreRequiredInRuns() {
    assertThat(RegexSearch.requiredLiterals("abc")).containsExactly("abc");
    assertThat(RegexSearch.requiredLiterals("^abc$")).containsExactly("abc");
    assertThat(RegexSearch.requiredLiterals("a.b")).containsExactly("a", "b");
    assertThat(RegexSearch.requiredLiterals("a\\.b\\-c")).containsExactly("a.b-c");
    assertThat(RegexSearch.requiredLiterals("a\\db\\sc")).containsExactly("a", "b", "c");
    assertThat(RegexSearch.requiredLiterals("a[xy]b(cd)e")).containsExactly("a", "b", "e");
    assertThat(RegexSearch.requiredLiterals("")).isEmpty();
    assertThat(RegexSearch.requiredLiterals("ab\\"))
        .as("a trailing backslash")
        .containsExactly("ab");
  }

  @Test
  void aQuantifierThatAllowsNoneMakesItsAtomOptional() {
    assertThat(RegexSearch.requiredLiterals("ab*c")).containsExactly("a", "c");
    assertThat(RegexSearch.requiredLiterals("ab?c")).containsExactly("a", "c");
    assertThat(RegexSearch.requiredLiterals("ab{0,3}c")).containsExactly("a", "c");
    assertThat(RegexSearch.requiredLiterals("ab{0}c")).containsExactly("a", "c");
    assertThat(RegexSearch.requiredLiterals("ab*?c?")).containsExactly("a");
    assertThat(RegexSearch.requiredLiterals("a\\.?b")).containsExactly("a", "b");
  }

  @Test
  void aRepeatedAtomIsRequiredAloneAndEndsTheRun() {
    assertThat(RegexSearch.requiredLiterals("ab+c")).containsExactly("a", "b", "c");
    assertThat(RegexSearch.requiredLiterals("ab+?c")).containsExactly("a", "b", "c");
    assertThat(RegexSearch.requiredLiterals("ab{2}c")).containsExactly("a", "b", "c");
    assertThat(RegexSearch.requiredLiterals("ab{1,}c")).containsExactly("a", "b", "c");
    assertThat(RegexSearch.requiredLiterals("ab{3,5}?c")).containsExactly("a", "b", "c");
    assertThat(RegexSearch.requiredLiterals("a\\.+b")).containsExactly("a", ".", "b");
    // A count too large to read is taken as zero: never required.
    assertThat(RegexSearch.requiredLiterals("ab{1234567}c")).containsExactly("a", "c");
  }

  @Test
  void aBraceThatIsNotARepetitionIsNeitherAQuantifierNorRequired() {
    assertThat(RegexSearch.requiredLiterals("a{x")).containsExactly("x");
    // RE2 reads {,2} as literal text: its characters are required, the 'b' before it is left out.
    assertThat(RegexSearch.requiredLiterals("ab{,2}")).containsExactly("a", ",2");
    assertThat(RegexSearch.compile("ab{,2}").find("xab{,2}")).isTrue();
    assertThat(RegexSearch.compile("ab{,2}").find("abb")).isFalse();
  }

  @Test
  void groupsAndClassesEndAtTheirOwnClosingBracket() {
    assertThat(RegexSearch.requiredLiterals("(a\\)b)c")).containsExactly("c");
    assertThat(RegexSearch.requiredLiterals("(a[)]b)c")).containsExactly("c");
    assertThat(RegexSearch.requiredLiterals("(a(b)c)d")).containsExactly("d");
    assertThat(RegexSearch.requiredLiterals("[a\\]b]c")).containsExactly("c");
    assertThat(RegexSearch.requiredLiterals("[]a]b")).containsExactly("b");
    assertThat(RegexSearch.requiredLiterals("[^]a]b")).containsExactly("b");
    assertThat(RegexSearch.requiredLiterals("[^a]b")).containsExactly("b");
    assertThat(RegexSearch.requiredLiterals("(ab")).as("an unclosed group").isEmpty();
    assertThat(RegexSearch.requiredLiterals("x[ab")).as("an unclosed class").containsExactly("x");
  }

  @Test
  void alternativesAreSplitOnlyAtTheTopLevel() {
    assertThat(RegexSearch.alternatives("a|b|")).containsExactly("a", "b", "");
    assertThat(RegexSearch.alternatives("(a(b|c))|d")).containsExactly("(a(b|c))", "d");
    assertThat(RegexSearch.alternatives("a\\(|b")).containsExactly("a\\(", "b");
    assertThat(RegexSearch.alternatives("[]|]a|b")).containsExactly("[]|]a", "b");
    assertThat(RegexSearch.alternatives("[^]|]a|b")).containsExactly("[^]|]a", "b");
    assertThat(RegexSearch.alternatives("[a\\]|]x|y")).containsExactly("[a\\]|]x", "y");
  }

  @Test
  void patternsTheReadingDoesNotUnderstandAreSearchedWhole() {
    // Each would be misread by the literal pre-check; the answers must be RE2's.
    assertThat(RegexSearch.compile("(?i)abc").find("xABCx")).isTrue();
    assertThat(RegexSearch.compile("a\\x41b").find("aAb")).isTrue();
    assertThat(RegexSearch.compile("\\pLz").find("1z")).isFalse();
    assertThat(RegexSearch.compile("\\pLz").find("qz")).isTrue();
    assertThat(RegexSearch.compile("\\Qa|b\\E").find("a|b")).isTrue();
    assertThat(RegexSearch.compile("[[:digit:]]x").find("7x")).isTrue();
    assertThat(RegexSearch.compile("é|b").find("é")).isTrue();
    assertThat(RegexSearch.compile("a\\101b").find("aAb")).isTrue();
  }

  @Test
  void understoodPatternsAnswerAsRe2() {
    RegexSearch search = RegexSearch.compile("^v1\\.[0-9]+$|ab+c|\\bword\\b");
    assertThat(search.find("v1.29")).isTrue();
    assertThat(search.find("v1.x")).isFalse();
    assertThat(search.find("xabbbcx")).isTrue();
    assertThat(search.find("xacx")).isFalse();
    assertThat(search.find("a word.")).isTrue();
    assertThat(search.find("swordfish")).isFalse();
    assertThat(search.find("")).isFalse();
  }
}
