package dev.bulwark.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NamesTest {

  @Test
  void shortNamesAreKeptAsTheyAre() {
    assertThat(Names.label("payments", "dev")).isEqualTo("payments-dev");
  }

  @Test
  void invalidCharactersBecomeDashesAndCaseIsLowered() {
    assertThat(Names.label("Payments_Team", "Dev.1")).isEqualTo("payments-team-dev-1");
  }

  @Test
  void longNamesAreShortenedWithAStableHashSuffix() {
    String long1 = "a".repeat(80);
    String name = Names.label(long1, "dev");
    assertThat(name)
        .hasSizeLessThanOrEqualTo(Names.LABEL_MAX)
        .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    assertThat(name).isEqualTo(Names.label(long1, "dev"));
    assertThat(name).endsWith("-" + Names.hash(long1 + "-dev"));
  }

  @Test
  void distinctLongNamesStayDistinct() {
    Random random = new Random(42);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      String prefix = "tenant-with-a-very-long-name-that-goes-on-and-on-and-on-forever";
      String name = Names.label(prefix, Integer.toString(random.nextInt(1_000_000)), "env");
      assertThat(Names.isLabel(name)).as(name).isTrue();
      names.add(name);
    }
    assertThat(names).hasSizeGreaterThan(1_990);
  }

  @Test
  void subdomainsMayBeLongerThanLabels() {
    String name = Names.subdomain("checkout", "checkout.stage.acme.example.com");
    assertThat(name).isEqualTo("checkout-checkout-stage-acme-example-com");
    assertThat(Names.subdomain("x".repeat(300))).hasSize(Names.SUBDOMAIN_MAX);
  }

  @Test
  void nothingValidCannotBeNamed() {
    assertThatThrownBy(() -> Names.label("___")).isInstanceOf(IllegalArgumentException.class);
  }
}
