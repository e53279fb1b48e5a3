package dev.bulwark.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Positions of values and keys, and YAML 1.1 scalars read as Kubernetes reads them. */
class LocatedYamlTest {

  private static List<YamlDocument> read(String yaml) throws YamlSyntaxException {
    return LocatedYaml.read("f.yaml", new StringReader(yaml));
  }

  @Test
  void valuesAndKeysHaveTheirOwnPositions() throws YamlSyntaxException {
    YamlDocument doc = read("spec:\n  environments:\n    - name: dev\n").get(0);
    assertThat(doc.locate("/spec/environments")).isEqualTo(new Location("f.yaml", 3, 5));
    assertThat(doc.locateKey("/spec/environments")).isEqualTo(new Location("f.yaml", 2, 3));
    assertThat(doc.locateKey("/spec/environments/0"))
        .as("an array item has no key")
        .isEqualTo(new Location("f.yaml", 3, 7));
    assertThat(doc.locate("/spec/missing/deeper"))
        .as("the nearest ancestor")
        .isEqualTo(new Location("f.yaml", 2, 3));
  }

  @Test
  void yaml11BooleansAreReadAsKubernetesReadsThem() throws YamlSyntaxException {
    YamlDocument doc = read("a: yes\nb: On\nc: no\nd: off\ne: TRUE\nf: 'yes'\n").get(0);
    assertThat(doc.content().get("a").booleanValue()).isTrue();
    assertThat(doc.content().get("b").booleanValue()).isTrue();
    assertThat(doc.content().get("c").booleanValue()).isFalse();
    assertThat(doc.content().get("d").booleanValue()).isFalse();
    assertThat(doc.content().get("e").booleanValue()).isTrue();
    assertThat(doc.content().get("f").isTextual()).isTrue();
  }

  @Test
  void documentsAreCountedAndEmptyOnesSkipped() throws YamlSyntaxException {
    List<YamlDocument> docs = read("a: 1\n---\n---\nb: 2\n");
    assertThat(docs).extracting(YamlDocument::index).containsExactly(0, 2);
    assertThat(docs.get(1).start()).isEqualTo(new Location("f.yaml", 4, 1));
  }

  @Test
  void syntaxErrorsCarryTheirPosition() {
    assertThatThrownBy(() -> read("a: 1\nb: [\n"))
        .isInstanceOfSatisfying(
            YamlSyntaxException.class, e -> assertThat(e.location().line()).isEqualTo(3));
  }

  /** Found by fuzzing: SnakeYAML threw a NumberFormatException for an escape without digits. */
  @Test
  void anEscapeCutShortByTheEndOfTheInputIsASyntaxError() {
    for (String yaml : List.of("a: \"\\x", "a:\n  b: \"\\u12", "- \"\\U")) {
      assertThatThrownBy(() -> read(yaml))
          .as(yaml)
          .isInstanceOfSatisfying(
              YamlSyntaxException.class, e -> assertThat(e.location().line()).isPositive());
    }
  }

  @Test
  void pointersAreResolvedOnDemandThroughEscapesListsAndAliases() throws YamlSyntaxException {
    YamlDocument doc =
        read("""
        metadata:
          annotations:
            example.com/a~b: "x"
        base: &base
          image: nginx
        containers:
          - *base
          - name: app
            ports: [80, 443]
        """)
            .get(0);
    assertThat(doc.locate("/metadata/annotations/example.com~1a~0b"))
        .isEqualTo(new Location("f.yaml", 3, 22));
    assertThat(doc.locateKey("/metadata/annotations/example.com~1a~0b"))
        .isEqualTo(new Location("f.yaml", 3, 5));
    assertThat(doc.locate("/containers/1/ports/1")).isEqualTo(new Location("f.yaml", 9, 17));
    assertThat(doc.locate("/containers/01"))
        .as("not a canonical index")
        .isEqualTo(new Location("f.yaml", 7, 3));
    assertThat(doc.locate("/containers/0/image"))
        .as("an alias points at its anchor")
        .isEqualTo(new Location("f.yaml", 5, 10));
    assertThat(doc.locate("/containers/1/name/deeper"))
        .as("below a scalar")
        .isEqualTo(new Location("f.yaml", 8, 11));
  }

  @Test
  void recursiveAliasesAreRefused() {
    assertThatThrownBy(() -> read("a: &a\n  b: *a\n"))
        .isInstanceOfSatisfying(
            YamlSyntaxException.class, e -> assertThat(e.getMessage()).contains("recursive alias"));
  }

  @Test
  void aliasesAreCopiesOfTheirAnchorScopedToTheirDocument() throws YamlSyntaxException {
    YamlDocument doc = read("a: &x {k: [1, 2]}\nb: *x\nc: &s word\n*s : 3\n").get(0);
    assertThat(doc.content().get("b"))
        .isEqualTo(doc.content().get("a"))
        .isNotSameAs(doc.content().get("a"));
    assertThat(doc.content().get("word").intValue()).as("a scalar alias as a key").isEqualTo(3);
    assertThat(doc.locateKey("/word"))
        .as("a key alias points at its anchor")
        .isEqualTo(new Location("f.yaml", 3, 4));
    assertThat(doc.locate("/b/k/1")).isEqualTo(new Location("f.yaml", 1, 15));
    assertThatThrownBy(() -> read("a: &x 1\n---\nb: *x\n"))
        .isInstanceOfSatisfying(
            YamlSyntaxException.class,
            e -> assertThat(e.getMessage()).isEqualTo("f.yaml:3:4: found undefined alias x"));
  }

  @Test
  void explicitTagsDecideTheTypeAndGlobalTagsAreRefused() throws YamlSyntaxException {
    YamlDocument doc =
        read("a: !!str 123\nb: !!int '42'\nc: !local 7\nd: '7'\ne: 0x1F\nf: 1_000\n").get(0);
    assertThat(doc.content().get("a").isTextual()).isTrue();
    assertThat(doc.content().get("b").longValue()).isEqualTo(42);
    assertThat(doc.content().get("c").textValue()).isEqualTo("7");
    assertThat(doc.content().get("d").isTextual()).isTrue();
    assertThat(doc.content().get("e").textValue())
        .as("hexadecimal is kept as text, as before")
        .isEqualTo("0x1F");
    assertThat(doc.content().get("f").longValue()).isEqualTo(1000);
    assertThatThrownBy(() -> read("a: 1\nb: !!javax.script.ScriptEngineManager v\n"))
        .isInstanceOfSatisfying(
            YamlSyntaxException.class,
            e ->
                assertThat(e.getMessage())
                    .isEqualTo(
                        "f.yaml:2:4: Global tag is not allowed: tag:yaml.org,2002:javax.script.ScriptEngineManager"));
  }

  @Test
  void keyErrorsPointAtTheKeyButASyntaxErrorLaterInTheDocumentWins() {
    assertThatThrownBy(() -> read("a: 1\nb:\n  c: 1\n  c: 2\n"))
        .isInstanceOfSatisfying(
            YamlSyntaxException.class,
            e -> assertThat(e.getMessage()).isEqualTo("f.yaml:4:3: duplicate key 'c'"));
    assertThatThrownBy(() -> read("a: 1\n[x]: 2\n"))
        .isInstanceOfSatisfying(
            YamlSyntaxException.class,
            e ->
                assertThat(e.getMessage())
                    .isEqualTo("f.yaml:2:1: a mapping key must be a plain value"));
    assertThatThrownBy(() -> read("a: 1\na: 2\nb: [\n"))
        .isInstanceOfSatisfying(
            YamlSyntaxException.class, e -> assertThat(e.location().line()).isEqualTo(4));
    assertThatThrownBy(() -> read("a: 1\na: 2\n---\nb: [\n"))
        .as("the document with the duplicate ends before the broken one")
        .isInstanceOfSatisfying(
            YamlSyntaxException.class,
            e -> assertThat(e.getMessage()).contains("duplicate key 'a'"));
  }

  @Test
  void nestedFlowAndBlockNodesHaveTheirPositionsAcrossDocuments() throws YamlSyntaxException {
    List<YamlDocument> docs =
        read(
            "x: 1\n---\nitems:\n- {name: a, ports: [80, {p: 443}]}\n- name: b\n  env:\n  - v: 1\n");
    YamlDocument doc = docs.get(1);
    assertThat(doc.index()).isEqualTo(1);
    assertThat(doc.locate("/items/0/ports/1/p")).isEqualTo(new Location("f.yaml", 4, 29));
    assertThat(doc.locateKey("/items/0/ports/1/p")).isEqualTo(new Location("f.yaml", 4, 26));
    assertThat(doc.locate("/items/1/env/0/v")).isEqualTo(new Location("f.yaml", 7, 8));
    assertThat(doc.locateKey("/items/1/env")).isEqualTo(new Location("f.yaml", 6, 3));
  }

  @Test
  void limitsOnNestingAndAliasesStay() {
    assertThatThrownBy(() -> read("a: " + "[".repeat(60) + "]".repeat(60) + "\n"))
        .isInstanceOfSatisfying(
            YamlSyntaxException.class,
            e -> assertThat(e.getMessage()).isEqualTo("f.yaml:1:1: Nesting Depth exceeded max 50"));
    assertThatThrownBy(() -> read("a: &x [1]\nb: [" + "*x, ".repeat(50) + "*x]\n"))
        .isInstanceOfSatisfying(
            YamlSyntaxException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("aliases for non-scalar nodes exceeds the specified max=50"));
  }
}
