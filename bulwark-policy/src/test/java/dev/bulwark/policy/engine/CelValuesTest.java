package dev.bulwark.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.cel.common.values.NullValue;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Objects as CEL sees them at admission: JSON decoded into CEL's map, list, string, int, double,
 * bool and null, with null fields dropped as the API server drops them from a typed object.
 */
class CelValuesTest {

  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text.replace('\'', '"'));
  }

  @Test
  void jsonBecomesCelValues() throws Exception {
    Object value =
        CelValues.of(
            json(
                "{'s': 'text', 'i': 3, 'd': 1.5, 'b': true, 'l': [1, 'x', null], 'm': {'k': -2},"
                    + " 'n': null}"));
    assertThat(value)
        .isEqualTo(
            Map.of(
                "s",
                "text",
                "i",
                3L,
                "d",
                1.5,
                "b",
                true,
                "l",
                List.of(1L, "x", NullValue.NULL_VALUE),
                "m",
                Map.of("k", -2L)));
  }

  @Test
  void theValuesCannotBeChanged() throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) CelValues.of(json("{'l': [1]}"));
    assertThatThrownBy(() -> map.put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) map.get("l");
    assertThatThrownBy(() -> list.add(2L)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void nothingIsNull() {
    assertThat(CelValues.of(null)).isSameAs(NullValue.NULL_VALUE);
    assertThat(CelValues.of(MissingNode.getInstance())).isSameAs(NullValue.NULL_VALUE);
    assertThat(CelValues.of(JsonNodeFactory.instance.nullNode())).isSameAs(NullValue.NULL_VALUE);
  }

  @Test
  void numbersAreIntsWhenWholeAndInRangeElseDoubles() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    assertThat(CelValues.of(f.numberNode(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
    assertThat(CelValues.of(f.numberNode(7))).isEqualTo(7L);
    assertThat(CelValues.of(f.numberNode(BigInteger.TWO.pow(70)))).isEqualTo(Math.pow(2, 70));
    assertThat(CelValues.of(f.numberNode(2.0))).isEqualTo(2.0);
    assertThat(CelValues.of(f.numberNode(0.25f))).isEqualTo(0.25);
  }

  @Test
  void otherScalarsAreText() {
    assertThat(CelValues.of(JsonNodeFactory.instance.binaryNode(new byte[] {1, 2, 3})))
        .isEqualTo("AQID");
  }

  @Test
  void parametersWidenIntsAndCopyListsAndMaps() {
    Object value =
        CelValues.ofParam(
            Map.of("limit", 3, "names", List.of("a", 2), "nested", Map.of(1, List.of(4))));
    assertThat(value)
        .isEqualTo(
            Map.of("limit", 3L, "names", List.of("a", 2L), "nested", Map.of("1", List.of(4L))));
    assertThat(CelValues.ofParam("text")).isEqualTo("text");
    assertThat(CelValues.ofParam(true)).isEqualTo(true);
    assertThat(CelValues.ofParam(5L)).isEqualTo(5L);
  }
}
