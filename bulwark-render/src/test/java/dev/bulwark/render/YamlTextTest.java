package dev.bulwark.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Whatever tree goes in, a YAML reader reads the same tree back: strings that look like numbers,
 * booleans (YAML 1.1's yes/no/on/off too), nulls, indicators or control characters stay strings.
 */
class YamlTextTest {

  private static final List<String> TRICKY =
      List.of(
          "yes",
          "No",
          "ON",
          "off",
          "y",
          "n",
          "true",
          "False",
          "null",
          "Null",
          "~",
          "",
          " ",
          "-",
          "- x",
          "?",
          ":",
          "a: b",
          "a :b",
          "#c",
          "a #c",
          "x#y",
          "1",
          "-1",
          "+1",
          "1.0",
          ".5",
          "1e3",
          "1E-3",
          "0x1F",
          "0o17",
          "017",
          "0b101",
          "1_000",
          "1:20",
          "1:20:30.5",
          ".inf",
          "-.Inf",
          ".NaN",
          "8Gi",
          "100m",
          "1.37",
          "v1",
          "{a}",
          "[a]",
          "&a",
          "*a",
          "!tag",
          "|",
          ">",
          "'q'",
          "\"q\"",
          "%x",
          "@x",
          "`x",
          "a\nb",
          "tab\there",
          "\u2028",
          "\u00e9t\u00e9",
          "\u0001",
          "trailing ",
          " leading",
          "oidc:payments-owners",
          "alice@acme.example.com",
          "https://x.example.com/a?b=c#d",
          "kubernetes.io/metadata.name",
          "=",
          "a,b",
          "<<");

  private static final ObjectMapper JACKSON_YAML = new YAMLMapper();

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 4242})
  void randomTreesReadBackEqual(long seed) throws Exception {
    Random random = new Random(seed);
    for (int i = 0; i < 200; i++) {
      JsonNode tree = randomObject(random, 0);
      String yaml = YamlText.write(tree);
      assertThat(JACKSON_YAML.readTree(yaml)).as(yaml).isEqualTo(normalise(tree));
      Object snake = new Yaml().load(yaml);
      JsonNode fromSnake = new ObjectMapper().valueToTree(snake);
      assertThat(fromSnake).as(yaml).isEqualTo(normalise(tree));
    }
  }

  /** Readers give back longs and doubles; compare numbers by value, not by node class. */
  private static JsonNode normalise(JsonNode node) throws Exception {
    return new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(node));
  }

  private static ObjectNode randomObject(Random random, int depth) {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    int fields = 1 + random.nextInt(4);
    for (int i = 0; i < fields; i++) {
      object.set(key(random), randomValue(random, depth + 1));
    }
    return object;
  }

  private static JsonNode randomValue(Random random, int depth) {
    int choice = random.nextInt(depth > 3 ? 5 : 8);
    JsonNodeFactory f = JsonNodeFactory.instance;
    return switch (choice) {
      case 0, 1 -> f.textNode(TRICKY.get(random.nextInt(TRICKY.size())));
      case 2 -> f.numberNode(random.nextInt(2000) - 1000);
      case 3 -> f.booleanNode(random.nextBoolean());
      case 4 -> random.nextBoolean() ? f.objectNode() : f.arrayNode();
      case 5, 6 -> randomObject(random, depth);
      default -> {
        ArrayNode array = f.arrayNode();
        int items = 1 + random.nextInt(3);
        for (int i = 0; i < items; i++) {
          array.add(randomValue(random, depth + 1));
        }
        yield array;
      }
    };
  }

  private static String key(Random random) {
    return random.nextInt(3) == 0
        ? TRICKY.get(random.nextInt(TRICKY.size()))
        : "k" + random.nextInt(50);
  }
}
