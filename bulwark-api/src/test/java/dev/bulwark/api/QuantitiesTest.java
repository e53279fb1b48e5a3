package dev.bulwark.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The quantity grammar: each production accepted, and the near misses refused. */
class QuantitiesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0",
        "2",
        "+2",
        "-2",
        "1.5",
        "1.",
        ".5",
        "00012",
        "500m",
        "100n",
        "3u",
        "2k",
        "4M",
        "8G",
        "1T",
        "1P",
        "1E",
        "1Ki",
        "1.5Gi",
        "2Ti",
        "1Pi",
        "1Ei",
        "1e3",
        "1E3",
        "1e+3",
        "1e-3",
        "1.G",
        "999999999999999999999",
        "1e999",
        "1E-999"
      })
  void acceptsTheGrammar(String text) {
    assertThat(Quantities.isQuantity(text)).as(text).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "1.2.3", "1e1.5", "1e", "1e-", "1ki", "1K", "1mi", "1Ki5", "1m5", "1Ee5", "Gi", ".",
        "-", "+", " 1", "1 ", "1 Gi", "0x10", "1,5", "1e1000", "ten"
      })
  void refusesWhatIsNotAQuantity(String text) {
    assertThat(Quantities.isQuantity(text)).as(text).isFalse();
  }
}
