package dev.bulwark.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.BulwarkSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: the order of files and of documents within them does not change the loaded spec, nor
 * the errors of an invalid one. Inputs are shuffled with fixed seeds, so a failure reproduces.
 */
class SpecOrderTest {

  /** Every document of the fixture, plus more tenants and applications to shuffle. */
  private static List<String> documents() {
    List<String> docs = new ArrayList<>();
    for (Map.Entry<String, String> file : SpecFixtures.base().entrySet()) {
      docs.addAll(List.of(file.getValue().split("(?m)^---\n")));
    }
    for (int i = 0; i < 6; i++) {
      docs.add(
          "apiVersion: bulwark.dev/v1alpha1\nkind: Tenant\nmetadata:\n  name: t"
              + i
              + "\nspec:\n  environments: [{name: dev}, {name: prod}]\n");
      docs.add(
          "apiVersion: bulwark.dev/v1alpha1\nkind: Application\nmetadata:\n  name: a"
              + i
              + "\nspec:\n  tenant: t"
              + i
              + "\n  ports: [{name: http, port: 80}]\n  hosts: [{host: a"
              + i
              + ".acme.example.com, environment: prod}]\n  image: harbor.acme.example.com/t/a:1\n");
    }
    return docs;
  }

  /** The documents spread over a few files, in the order of {@code docs}. */
  private static Map<String, String> files(List<String> docs, Random random) {
    Map<String, String> files = new LinkedHashMap<>();
    for (String doc : docs) {
      files.merge("f" + random.nextInt(4) + ".yaml", doc, (a, b) -> a + "---\n" + b);
    }
    return files;
  }

  static Stream<Long> seeds() {
    return Stream.of(1L, 2L, 3L, 5L, 8L, 13L, 21L, 34L, 55L, 89L);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void shuffledDocumentsLoadToAnEqualSpec(long seed) {
    List<String> docs = documents();
    BulwarkSpec expected = SpecLoader.loadStrings(files(docs, new Random(0))).spec();
    assertThat(expected).isNotNull();
    Random random = new Random(seed);
    Collections.shuffle(docs, random);
    LoadResult shuffled = SpecLoader.loadStrings(files(docs, random));
    assertThat(shuffled.errors()).isEmpty();
    // The API types have no equals(): compare field by field.
    assertThat(shuffled.spec()).usingRecursiveComparison().isEqualTo(expected);
    assertThat(shuffled.spec().tenants())
        .extracting(t -> t.getMetadata().getName())
        .containsExactly("data", "t0", "t1", "t2", "t3", "t4", "t5", "web");
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void shuffledDocumentsFindTheSameProblems(long seed) {
    List<String> docs = documents();
    docs.add(
        "apiVersion: bulwark.dev/v1alpha1\nkind: Application\nmetadata:\n  name: bad\nspec:\n  tenant: nobody\n  image: harbor.acme.example.com/t/a:1\n");
    docs.add(
        "apiVersion: bulwark.dev/v1alpha1\nkind: Tenant\nmetadata:\n  name: kube\nspec:\n  environments: [{name: x}]\n");
    Random random = new Random(seed);
    Collections.shuffle(docs, random);
    List<String> messages =
        SpecLoader.loadStrings(files(docs, random)).errors().stream()
            .map(e -> e.fieldPath() + ": " + e.message())
            .sorted()
            .toList();
    assertThat(messages)
        .containsExactly(
            "spec.environments[0].name: the environment's namespace `kube-x` (<tenant>-<environment>; set"
                + " spec.environments[0].namespace to choose another) is reserved: kube-* namespaces belong to Kubernetes",
            "spec.tenant: unknown tenant `nobody`; expected one of data, kube, t0, t1, t2, t3, t4, t5, web");
  }
}
