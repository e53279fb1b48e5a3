package dev.bulwark.catalog.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.api.v1alpha1.UpgradeSpec.Channel;
import dev.bulwark.catalog.Catalogue;
import dev.bulwark.catalog.CatalogueException;
import dev.bulwark.catalog.Component;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatalogueHistoryTest {

  static final Catalogue CATALOGUE = Catalogue.standard();
  static final CatalogueHistory HISTORY = CatalogueHistory.standard();

  @Test
  void theFirstReleaseIsTheShippedCatalogueWithItsPins() {
    CatalogueRelease first = HISTORY.releases().getFirst();
    assertThat(first.release()).isEqualTo(CATALOGUE.release());
    for (Component c : CATALOGUE.components()) {
      assertThat(first.pin(c.id()).appVersion()).isEqualTo(c.appVersion());
      assertThat(first.pin(c.id()).sourceVersion()).isEqualTo(c.source().version());
    }
  }

  @Test
  void eachChannelHasANextReleaseWhoseChangedPinsAreNewerAndTheRestCarryOver() {
    for (Channel channel : Channel.values()) {
      CatalogueRelease newest = HISTORY.newest(channel);
      assertThat(newest.release()).as(channel.name()).isGreaterThan(CATALOGUE.release());
      long changed =
          CATALOGUE.components().stream()
              .filter(c -> !newest.pin(c.id()).appVersion().equals(c.appVersion()))
              .peek(
                  c -> assertThat(newest.pin(c.id()).appVersion().isAfter(c.appVersion())).isTrue())
              .count();
      assertThat(changed).as(channel.name()).isPositive();
    }
  }

  @Test
  void fastOffersEveryReleaseAndStableOnlyThoseMarkedStable() {
    assertThat(HISTORY.releases()).allMatch(r -> r.channels().contains(Channel.FAST));
    assertThat(HISTORY.newest(Channel.FAST).release())
        .isGreaterThanOrEqualTo(HISTORY.newest(Channel.STABLE).release());
    HISTORY.releases().stream()
        .filter(r -> !r.channels().contains(Channel.STABLE))
        .forEach(
            r ->
                assertThatThrownBy(() -> HISTORY.target(Channel.STABLE, Optional.of(r.release())))
                    .hasMessageContaining("is not on the stable channel"));
  }

  @Test
  void anUnknownReleaseIsAClearError() {
    assertThatThrownBy(() -> HISTORY.target(Channel.STABLE, Optional.of("2031.01")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("catalogue release '2031.01' is not known")
        .hasMessageContaining(CATALOGUE.release());
  }

  @Test
  void aPinnedReleaseOfTheChannelIsTheTarget() {
    assertThat(HISTORY.target(Channel.STABLE, Optional.of(CATALOGUE.release())).release())
        .isEqualTo(CATALOGUE.release());
  }

  @Test
  void aBrokenHistoryIsRefusedWithEveryProblem() {
    String yaml =
        """
        releases:
          - release: "2020.01"
            channels: [stable]
          - release: "2019.12"
            channels: [nightly]
            pins:
              no-such-thing: {appVersion: "1.0", version: "1.0"}
              velero: {appVersion: v0.1.0, version: "1.0"}
        """;
    assertThatThrownBy(
            () ->
                CatalogueHistory.load(
                    "test.yaml",
                    new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                    CATALOGUE))
        .isInstanceOf(CatalogueException.class)
        .satisfies(
            e ->
                assertThat(((CatalogueException) e).problems())
                    .anyMatch(p -> p.contains("'nightly' is not stable or fast"))
                    .anyMatch(p -> p.contains("pins.no-such-thing: no such component"))
                    .anyMatch(p -> p.contains("pins.velero.appVersion: v0.1.0 is older than"))
                    .anyMatch(p -> p.contains("oldest first"))
                    .anyMatch(p -> p.contains("must be the shipped catalogue")));
  }
}
