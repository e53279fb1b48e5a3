package dev.bulwark.spec.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The small parts the validator is built from: suggestions, RE2 translation, IP parsing, paths. */
class SchemaSupportTest {

  @Test
  void distanceCountsTranspositionsAsOneEdit() {
    assertThat(Suggestions.distance("enviroments", "environments")).isEqualTo(1);
    assertThat(Suggestions.distance("nmae", "name")).isEqualTo(1);
    assertThat(Suggestions.distance("abc", "abc")).isZero();
    assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
  }

  @Test
  void suggestionsStayWithinAThirdOfTheLengthButAllowTwoEdits() {
    List<String> fields = List.of("environments", "egressCIDRs", "name", "namespace", "port");
    assertThat(Suggestions.closest("enviromnents", fields)).contains("environments");
    assertThat(Suggestions.closest("Environments", fields))
        .as("case-insensitive")
        .contains("environments");
    assertThat(Suggestions.closest("prot", fields))
        .as("two edits on a short word")
        .contains("port");
    assertThat(Suggestions.closest("colour", fields)).isEmpty();
    assertThat(Suggestions.closest("nam", List.of("name", "nap")))
        .as("ties go to the first alphabetically")
        .contains("name");
  }

  @Test
  void re2TranslationAnchorsDollarAtTheVeryEnd() {
    assertThat(GoRegex.translate("^[a-z]+$")).isEqualTo("^[a-z]+\\z");
    assertThat(GoRegex.translate("^[$a]\\$$"))
        .as("not inside a class, not escaped")
        .isEqualTo("^[$a]\\$\\z");
    assertThat(GoRegex.translate("[]$]$")).isEqualTo("[]$]\\z");
    assertThat(GoRegex.translate("(?m)^a$")).isEqualTo("(?m)^a$");
    assertThat(GoRegex.translate("(?P<year>[0-9]{4})")).isEqualTo("(?<year>[0-9]{4})");
    assertThat(GoRegex.compile("^a$").matcher("a\n").find()).isFalse();
    assertThat(GoRegex.compile("(?P<y>[0-9]+)").matcher("x12").find()).isTrue();
  }

  @Test
  void ipAddressesParseLikeGo() {
    assertThat(IpAddresses.parseIp("192.168.0.1")).get().extracting(b -> b.length).isEqualTo(4);
    assertThat(IpAddresses.parseIp("192.168.0.01")).as("leading zeros are ambiguous").isEmpty();
    assertThat(IpAddresses.parseIp("256.0.0.1")).isEmpty();
    assertThat(IpAddresses.parseIp("1.2.3")).isEmpty();
    assertThat(IpAddresses.parseIp("2001:db8::1")).get().extracting(b -> b.length).isEqualTo(16);
    assertThat(IpAddresses.parseIp("::")).isPresent();
    assertThat(IpAddresses.parseIp("::ffff:10.0.0.1")).isPresent();
    assertThat(IpAddresses.parseIp("1:2:3:4:5:6:7:8")).isPresent();
    assertThat(IpAddresses.parseIp("1:2:3:4:5:6:7:8:9")).isEmpty();
    assertThat(IpAddresses.parseIp("1::2::3")).isEmpty();
    assertThat(IpAddresses.parseIp("12345::")).isEmpty();
    assertThat(IpAddresses.parseIp("example.com")).isEmpty();
  }

  @Test
  void cidrsNeedAPrefixInRange() {
    assertThat(IpAddresses.parseCidr("10.0.0.0/8"))
        .get()
        .satisfies(c -> assertThat(c.isNetworkAddress()).isTrue());
    assertThat(IpAddresses.parseCidr("10.0.0.1/8"))
        .get()
        .satisfies(c -> assertThat(c.isNetworkAddress()).isFalse());
    assertThat(IpAddresses.parseCidr("10.0.0.1/32"))
        .get()
        .satisfies(c -> assertThat(c.isNetworkAddress()).isTrue());
    assertThat(IpAddresses.parseCidr("2001:db8::/32"))
        .get()
        .satisfies(c -> assertThat(c.isNetworkAddress()).isTrue());
    assertThat(IpAddresses.parseCidr("10.0.0.0/33")).isEmpty();
    assertThat(IpAddresses.parseCidr("10.0.0.0/08")).isEmpty();
    assertThat(IpAddresses.parseCidr("10.0.0.0")).isEmpty();
    assertThat(IpAddresses.parseCidr("10.0.0.0/")).isEmpty();
    assertThat(IpAddresses.parseCidr("2001:db8::/129")).isEmpty();
  }

  @Test
  void fieldPathsKeepPointerAndDisplayTogether() {
    FieldPath path = FieldPath.of("spec", "environments").index(0).key("name");
    assertThat(path.pointer()).isEqualTo("/spec/environments/0/name");
    assertThat(path.display()).isEqualTo("spec.environments[0].name");
    FieldPath label = FieldPath.of("metadata", "labels").key("app.kubernetes.io/name");
    assertThat(label.pointer()).isEqualTo("/metadata/labels/app.kubernetes.io~1name");
    assertThat(label.display()).isEqualTo("metadata.labels[\"app.kubernetes.io/name\"]");
    assertThat(FieldPath.of("data").key("0").display())
        .as("a numeric key is not an index")
        .isEqualTo("data[\"0\"]");
  }
}
