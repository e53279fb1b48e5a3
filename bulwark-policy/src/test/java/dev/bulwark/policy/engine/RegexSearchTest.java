package dev.bulwark.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pre-checked search answers exactly as a plain RE2 search, and skips what cannot match. */
class RegexSearchTest {

  private static final String CREDENTIAL =
      "-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY( BLOCK)?-----|(^|[^A-Z0-9])(AKIA|ASIA)[A-Z0-9]{16}([^A-Z0-9]|$)"
          + "|AIza[0-9A-Za-z_\\-]{35}|gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{40,}|glpat-[A-Za-z0-9_\\-]{20}"
          + "|xox[abposr]-[A-Za-z0-9\\-]{10,}|sk_live_[0-9A-Za-z]{24,}"
          + "|[A-Za-z][A-Za-z0-9+.\\-]{0,30}://[^/\\s:@]{1,256}:[^/\\s@${}<>][^/\\s@]{0,256}@";

  private static final List<String> PATTERNS =
      List.of(
          CREDENTIAL,
          "PRIVATE KEY|AKIA|ASIA|AIza|gh[pousr]_|github_pat_|glpat-|xox[abposr]-|sk_live_|://",
          "(password|passwd|pwd|secret|token|api[_-]?key|apikey|private[_-]?key|access[_-]?key|credential)",
          "^[A-Za-z0-9+/=_.-]{16,}$",
          "[0-9]",
          "^v1\\.[0-9]+$",
          "ab?c|x+y|z*w|q{2}r|s{0,3}t|u{1,}v|a{b|c\\{d",
          "a\\|b|[|]x|(a|b)c|\\\\d|a.b|^$|",
          "[]a]b|[^]a]c|\\.\\*x",
          "a\\x41b|\\pLz|\\Qa|b\\E|(?i)abc|é|b",
          "@|:");

  @Test
  void answersAsRe2OnLibraryAndTrickyPatterns() {
    Random random = new Random(42);
    List<String> texts =
        new ArrayList<>(
            List.of(
                "",
                "https://payments.internal.acme.example.com/v2",
                "postgres://app:s3cr3tP4ss@db:5432/app",
                "postgres://app:${DB_PASSWORD}@db/app",
                "AKIAABCDEFGHIJKLMNOP",
                "x AKIAABCDEFGHIJKLMNOP y",
                "-----BEGIN RSA PRIVATE KEY-----",
                "ghp_" + "a".repeat(36),
                "v1.30",
                "v1.x",
                "abc",
                "ac",
                "xxy",
                "w",
                "qqr",
                "t",
                "uv",
                "a{b",
                "c{d",
                "a|b",
                "|x",
                "bc",
                "\\d",
                "a-b",
                "]b",
                "bc",
                ".*x",
                "aAb",
                "aLz",
                "ABC",
                "é",
                "b",
                "@",
                ":"));
    String alphabet = "aAbcdqrstuvwxyzIKS0123456789:/@.-_|{}[]\\ ${}é";
    for (int i = 0; i < 3000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(40); n > 0; n--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      texts.add(text.toString());
    }
    for (String pattern : PATTERNS) {
      RegexSearch search = RegexSearch.compile(pattern);
      Pattern plain = Pattern.compile(pattern);
      for (String text : texts) {
        assertThat(search.find(text))
            .as("%s in %s", pattern, text)
            .isEqualTo(plain.matcher(text).find());
      }
    }
  }

  @Test
  void alternativesAreSplitAtTopLevelAndTheirRequiredLiteralsFound() {
    assertThat(RegexSearch.alternatives("a(b|c)|[|]d|e\\|f"))
        .containsExactly("a(b|c)", "[|]d", "e\\|f");
    List<String> url = RegexSearch.alternatives(CREDENTIAL);
    assertThat(RegexSearch.requiredLiterals(url.get(url.size() - 1)))
        .containsExactly("://", ":", "@");
    assertThat(RegexSearch.requiredLiterals("-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY( BLOCK)?-----"))
        .containsExactly("-----BEGIN ", "PRIVATE KEY", "-----");
    assertThat(RegexSearch.requiredLiterals("ab?c+d{0,2}e{2}")).containsExactly("a", "c", "e");
  }
}
