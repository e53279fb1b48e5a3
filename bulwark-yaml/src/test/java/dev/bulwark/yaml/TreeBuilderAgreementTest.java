package dev.bulwark.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The event-based reader gives what the composer-based one gave ({@link ComposerReference}): the
 * same trees, the same position for every node and key, and the same error with the same location,
 * on hand-written tricky inputs and on thousands of generated and corrupted ones.
 */
class TreeBuilderAgreementTest {

  private static final List<String> TRICKY =
      List.of(
          "",
          "---\n",
          "---\n---\n",
          "~\n",
          "null\n---\na: 1\n",
          "- a\n- b\n",
          "plain text\n",
          "a: 1\na: 2\n",
          "a: 1\nb:\n  c: 1\n  c: 2\n",
          "? [a, b]\n: 1\n",
          "? {a: 1}\n: 1\n",
          "[a]: 1\n",
          "a: &x [1, 2]\nb: *x\nc: *x\n",
          "a: &x {k: v}\nb: *x\n",
          "a: &s text\n*s : 2\n",
          "a: *nope\n",
          "a: &a\n  b: *a\n",
          "a: &a\n  b: &a 1\n  c: *a\n",
          "a: &a [x, *a]\n",
          "? &k [1]\n: 2\nb: *k\n",
          "a: &a\n  *a : 1\n",
          "a: &a\n  b: 1\n  b: *a\n",
          "a: &x 1\n---\nb: *x\n",
          "<<: {a: 1}\nb: 2\n",
          "base: &b {x: 1}\nd:\n  <<: *b\n  y: 2\n",
          "a: !!str 123\nb: !!int '42'\nc: !!float 1\nd: !custom x\ne: !!bool yes\nf: !!null ''\n",
          "a: !<tag:example.com,2000:thing> x\n",
          "a: !<tag:example.com,2000:thing> [1]\n",
          "a: !!java.io.File x\n",
          "a: !!java.util.List [1]\n",
          "!!java.util.Map {a: 1}\n",
          "a: ! 12\n",
          "a: yes\nb: No\nc: on\nd: OFF\ne: y\nf: ~\ng: Null\nh: 0x1F\ni: 0o17\nj: 017\nk: 1_000\nl: 1:20\n"
              + "m: .inf\nn: -.Inf\no: .NaN\np: 1e3\nq: 3.5\nr: 99999999999999999999\ns: '1'\nt: \"true\"\nu: +12\n"
              + "v: 2001-12-14\nw: 0b101\nx: =\ny: ''\nz:\n",
          "a: |\n  line\n  two\nb: >\n  folded\n  text\n",
          "a: \"esc\\u0041\\n\\x41\"\n",
          "{a: 1, b: [x, {c: d}], e: {}}\n",
          "[1, [2, [3, []]]]\n",
          "a:\n- 1\n- - 2\n  - 3\n",
          "a: 1\nb: [\n",
          "a: 'open\n",
          "a: b: c\n",
          "a:\n\tb: 1\n",
          "- a\nb: 1\n",
          "%YAML 1.1\n---\na: 1\n",
          "a: 1\n...\n---\nb: 2\n",
          "a: 1\n---\nb: [\n",
          "a: 1\na: 2\n---\nb: [\n",
          "? a\n",
          "a: {b: 1, b: 2}\n",
          "{a: 1\n",
          "a: @x\n",
          "key with spaces: 1\n\"quoted key\": 2\n'': 3\n",
          "a~b/c: {d/e: 1}\n",
          "- &x a\n- *x\n- &x b\n- *x\n",
          "? |\n  block key\n: 1\n",
          "a: [1, 2\nb: 3\n",
          "!!map {a: 1}\n",
          "!!seq [a]\n",
          "&r a: 1\n",
          "a: 1 # comment\n# only\n",
          "a:\n  - b: 1\n    c: 2\n  - d\n",
          "a: \"multi\n  line\"\n",
          "- ? a\n  : b\n");

  @Test
  void trickyInputsReadAsTheComposerReadThem() {
    for (String yaml : TRICKY) {
      assertAgree(yaml);
    }
  }

  @Test
  void deeplyNestedInputsHitTheSameLimit() {
    assertAgree("a: " + "[".repeat(49) + "]".repeat(49) + "\n");
    assertAgree("a: " + "[".repeat(50) + "]".repeat(50) + "\n");
    assertAgree("a: " + "[".repeat(60) + "]".repeat(60) + "\n");
  }

  @Test
  void aliasesOfCollectionsAreLimitedPerStream() {
    StringBuilder yaml = new StringBuilder("a: &x [1]\nb:\n");
    for (int i = 0; i < 30; i++) {
      yaml.append("  - *x\n");
    }
    assertAgree(yaml.toString());
    assertAgree(yaml + "---\nc: &y [1]\nd: [" + "*y, ".repeat(25) + "*y]\n");
  }

  @Test
  void generatedAndCorruptedInputsReadAsTheComposerReadThem() {
    Random random = new Random(42);
    for (int i = 0; i < 3000; i++) {
      String yaml = Generator.stream(random);
      assertAgree(yaml);
      assertAgree(corrupt(yaml, random));
    }
  }

  private static String corrupt(String yaml, Random random) {
    if (yaml.isEmpty()) {
      return ":";
    }
    StringBuilder text = new StringBuilder(yaml);
    String noise = "[]{}:-,&*!'\"?|>#\n \t";
    for (int n = 1 + random.nextInt(3); n > 0; n--) {
      int at = random.nextInt(text.length());
      switch (random.nextInt(3)) {
        case 0 -> text.deleteCharAt(at);
        case 1 -> text.insert(at, noise.charAt(random.nextInt(noise.length())));
        default -> text.setCharAt(at, noise.charAt(random.nextInt(noise.length())));
      }
      if (text.isEmpty()) {
        break;
      }
    }
    return text.toString();
  }

  private static void assertAgree(String yaml) {
    Outcome expected = outcome(yaml, true);
    Outcome actual = outcome(yaml, false);
    assertThat(actual).as("reading:\n%s", yaml).isEqualTo(expected);
  }

  /** Either the error (message with location) or every document with the position of every node. */
  private record Outcome(String error, List<String> documents) {}

  private static Outcome outcome(String yaml, boolean reference) {
    List<YamlDocument> docs;
    try {
      docs =
          reference
              ? ComposerReference.read("f.yaml", new StringReader(yaml))
              : LocatedYaml.read("f.yaml", new StringReader(yaml));
    } catch (YamlSyntaxException e) {
      return new Outcome(e.getMessage() + " @" + e.location(), List.of());
    }
    List<String> described = new ArrayList<>();
    for (YamlDocument doc : docs) {
      StringBuilder out =
          new StringBuilder(doc.index() + " " + doc.start() + " " + doc.content() + "\n");
      describe(doc, "", doc.content(), out);
      described.add(out.toString());
    }
    return new Outcome(null, described);
  }

  private static void describe(YamlDocument doc, String pointer, JsonNode node, StringBuilder out) {
    out.append(pointer)
        .append(' ')
        .append(doc.locate(pointer))
        .append(' ')
        .append(doc.locateKey(pointer))
        .append(' ')
        .append(node.getNodeType())
        .append('\n');
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> member = it.next();
        describe(doc, pointer + "/" + LocatedYaml.escape(member.getKey()), member.getValue(), out);
      }
      out.append(doc.locate(pointer + "/missing/deeper")).append('\n');
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        describe(doc, pointer + "/" + i, node.get(i), out);
      }
    }
  }

  /**
   * Random YAML streams: block and flow collections, scalars of every resolved type, anchors,
   * aliases, tags.
   */
  private static final class Generator {
    private static final String[] SCALARS = {
      "a",
      "name",
      "yes",
      "No",
      "on",
      "~",
      "null",
      "",
      "0",
      "-12",
      "0x1F",
      "0o17",
      "1_000",
      "1:20",
      "3.5",
      "1e3",
      ".inf",
      "true",
      "FALSE",
      "'quoted'",
      "\"dq\"",
      "\"1\"",
      "'yes'",
      "2001-12-14",
      "x y",
      "=",
      "<<",
      "!!str 5",
      "!!int '7'",
      "!local v",
      "\"a\\tb\"",
      "99999999999999999999"
    };
    private static final String[] KEYS = {
      "a", "b", "c", "name", "kind", "<<", "'q'", "\"d q\"", "x/y", "a~b", "1", "yes"
    };

    private final Random random;
    private final List<String> anchors = new ArrayList<>();
    private final StringBuilder out = new StringBuilder();

    private Generator(Random random) {
      this.random = random;
    }

    static String stream(Random random) {
      Generator g = new Generator(random);
      int docs = 1 + random.nextInt(3);
      for (int d = 0; d < docs; d++) {
        if (d > 0 || random.nextBoolean()) {
          g.out.append("---\n");
        }
        if (random.nextInt(8) > 0) {
          g.block(0, 1 + random.nextInt(4));
        }
        if (random.nextInt(4) == 0) {
          g.anchors.clear(); // sometimes an alias refers to an anchor of an earlier document
        }
      }
      return g.out.toString();
    }

    private void block(int indent, int depth) {
      if (random.nextBoolean()) {
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
          out.append(" ".repeat(indent)).append(KEYS[random.nextInt(KEYS.length)]).append(':');
          value(indent + 2, depth);
        }
      } else {
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
          out.append(" ".repeat(indent)).append('-');
          value(indent + 2, depth);
        }
      }
    }

    private void value(int indent, int depth) {
      String anchor = random.nextInt(6) == 0 ? "x" + random.nextInt(4) : null;
      int choice = random.nextInt(10);
      if (choice < 2 && depth > 0) {
        out.append(anchor != null ? " &" + anchor : "").append('\n');
        block(indent, depth - 1);
      } else if (choice == 2) {
        out.append(anchor != null ? " &" + anchor : "").append(' ');
        flow(depth);
        out.append('\n');
      } else if (choice == 3 && !anchors.isEmpty()) {
        out.append(" *").append(anchors.get(random.nextInt(anchors.size()))).append('\n');
        anchor = null;
      } else {
        out.append(anchor != null ? " &" + anchor : "")
            .append(' ')
            .append(SCALARS[random.nextInt(SCALARS.length)])
            .append('\n');
      }
      if (anchor != null) {
        anchors.add(anchor);
      }
    }

    private void flow(int depth) {
      boolean mapping = random.nextBoolean();
      out.append(mapping ? '{' : '[');
      for (int i = 0, n = random.nextInt(4); i < n; i++) {
        if (i > 0) {
          out.append(", ");
        }
        if (mapping) {
          out.append(KEYS[random.nextInt(KEYS.length)]).append(": ");
        }
        if (depth > 0 && random.nextInt(3) == 0) {
          flow(depth - 1);
        } else if (!anchors.isEmpty() && random.nextInt(5) == 0) {
          out.append('*').append(anchors.get(random.nextInt(anchors.size())));
        } else {
          String scalar = SCALARS[random.nextInt(SCALARS.length)];
          out.append(
              scalar.isEmpty() || scalar.startsWith("!") || scalar.contains(" ") ? "'s'" : scalar);
        }
      }
      out.append(mapping ? '}' : ']');
    }
  }
}
