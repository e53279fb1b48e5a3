package dev.bulwark.spec.yaml;

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
    assertThat(doc.locateKey("/spec/environments/0")).as("an array item has no key").isEqualTo(new Location("f.yaml", 3, 7));
    assertThat(doc.locate("/spec/missing/deeper")).as("the nearest ancestor").isEqualTo(new Location("f.yaml", 2, 3));
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
        .isInstanceOfSatisfying(YamlSyntaxException.class, e -> assertThat(e.location().line()).isEqualTo(3));
  }

  @Test
  void pointersAreResolvedOnDemandThroughEscapesListsAndAliases() throws YamlSyntaxException {
    YamlDocument doc = read("""
        metadata:
          annotations:
            example.com/a~b: "x"
        base: &base
          image: nginx
        containers:
          - *base
          - name: app
            ports: [80, 443]
        """).get(0);
    assertThat(doc.locate("/metadata/annotations/example.com~1a~0b")).isEqualTo(new Location("f.yaml", 3, 22));
    assertThat(doc.locateKey("/metadata/annotations/example.com~1a~0b")).isEqualTo(new Location("f.yaml", 3, 5));
    assertThat(doc.locate("/containers/1/ports/1")).isEqualTo(new Location("f.yaml", 9, 17));
    assertThat(doc.locate("/containers/01")).as("not a canonical index").isEqualTo(new Location("f.yaml", 7, 3));
    assertThat(doc.locate("/containers/0/image")).as("an alias points at its anchor").isEqualTo(new Location("f.yaml", 5, 10));
    assertThat(doc.locate("/containers/1/name/deeper")).as("below a scalar").isEqualTo(new Location("f.yaml", 8, 11));
  }

  @Test
  void recursiveAliasesAreRefused() {
    assertThatThrownBy(() -> read("a: &a\n  b: *a\n"))
        .isInstanceOfSatisfying(YamlSyntaxException.class, e -> assertThat(e.getMessage()).contains("recursive alias"));
  }
}
