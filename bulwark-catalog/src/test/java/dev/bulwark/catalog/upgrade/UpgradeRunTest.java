package dev.bulwark.catalog.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.api.v1alpha1.UpgradeSpec.Approval;
import dev.bulwark.api.v1alpha1.UpgradeSpec.Channel;
import dev.bulwark.api.v1alpha1.UpgradeSpec.Day;
import dev.bulwark.catalog.Catalogue;
import dev.bulwark.catalog.Component;
import dev.bulwark.catalog.KubernetesVersion;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpgradeRunTest {

  static final CatalogueHistory HISTORY = CatalogueHistory.standard();
  static final List<Component> ORDER =
      Catalogue.standard()
          .installOrder(UpgradePlannerTest.selection(PlatformSpec.Profile.FULL, null).components());
  static final Instant NOW = Instant.parse("2026-12-04T02:00:00Z"); // a Friday

  static final UpgradeGate GO =
      new UpgradeGate(Optional.empty(), Approval.AUTOMATIC, Optional.empty(), NOW);

  /** What a platform installed from the shipped catalogue records. */
  static Map<String, String> installedAtFirstRelease() {
    Map<String, String> installed = new HashMap<>();
    CatalogueRelease first = HISTORY.releases().getFirst();
    ORDER.forEach(c -> installed.put(c.id(), first.pin(c.id()).appVersion().text()));
    return installed;
  }

  static List<String> pending(UpgradeRun run) {
    return run.steps().stream()
        .filter(s -> s.state() == UpgradeRun.State.PENDING)
        .map(UpgradeRun.Step::component)
        .toList();
  }

  @Test
  void fromOneReleaseToTheNextOnlyTheChangedComponentsMoveInInstallOrder() {
    CatalogueRelease target = HISTORY.newest(Channel.FAST);
    UpgradeRun run = UpgradeRun.plan(ORDER, installedAtFirstRelease(), target, List.of(), GO);

    List<String> changed =
        ORDER.stream()
            .map(Component::id)
            .filter(id -> !target.pin(id).equals(HISTORY.releases().getFirst().pin(id)))
            .toList();
    assertThat(changed).isNotEmpty();
    assertThat(pending(run)).containsExactlyElementsOf(changed);
    assertThat(run.phase()).isEqualTo(UpgradeRun.Phase.READY);
    UpgradeRun.Step next = run.next().orElseThrow();
    assertThat(next.component()).isEqualTo(changed.getFirst());
    assertThat(next.from())
        .contains(HISTORY.releases().getFirst().pin(next.component()).appVersion().text());
    assertThat(run.position(next))
        .isEqualTo(ORDER.indexOf(Catalogue.standard().require(next.component())) + 1);
  }

  @Test
  void aPlatformHalfWayThroughResumesAtTheFirstComponentNotYetMoved() {
    CatalogueRelease target = HISTORY.newest(Channel.FAST);
    Map<String, String> installed = installedAtFirstRelease();
    UpgradeRun before = UpgradeRun.plan(ORDER, installed, target, List.of(), GO);
    String first = before.next().orElseThrow().component();
    installed.put(first, target.pin(first).appVersion().text());

    UpgradeRun after = UpgradeRun.plan(ORDER, installed, target, List.of(), GO);

    assertThat(after.next().map(UpgradeRun.Step::component)).isNotEqualTo(Optional.of(first));
    assertThat(pending(after)).isEqualTo(pending(before).subList(1, pending(before).size()));
  }

  @Test
  void everyComponentAtTheTargetIsUpToDate() {
    CatalogueRelease target = HISTORY.newest(Channel.FAST);
    Map<String, String> installed = new HashMap<>();
    ORDER.forEach(c -> installed.put(c.id(), target.pin(c.id()).appVersion().text()));
    UpgradeRun run = UpgradeRun.plan(ORDER, installed, target, List.of(), GO);
    assertThat(run.phase()).isEqualTo(UpgradeRun.Phase.UP_TO_DATE);
    assertThat(run.next()).isEmpty();
  }

  @Test
  void aRemovedApiInUseBlocksTheStartAndNamesTheObject() {
    List<ApiFinding> findings =
        RemovedApis.standard()
            .scan(
                List.of(
                    new ScannedObject(
                        "policy/v1beta1", "PodSecurityPolicy", "", "legacy", "cluster")),
                KubernetesVersion.parse("1.37"));
    UpgradeRun run =
        UpgradeRun.plan(
            ORDER, installedAtFirstRelease(), HISTORY.newest(Channel.FAST), findings, GO);
    assertThat(run.phase()).isEqualTo(UpgradeRun.Phase.BLOCKED);
    assertThat(run.blockers())
        .singleElement()
        .asString()
        .contains("PodSecurityPolicy")
        .contains("legacy");
  }

  @Test
  void aRequiredApprovalWaitsForTheAnnotationNamingThisTarget() {
    CatalogueRelease target = HISTORY.newest(Channel.FAST);
    UpgradeGate none = new UpgradeGate(Optional.empty(), Approval.REQUIRED, Optional.empty(), NOW);
    UpgradeGate other =
        new UpgradeGate(Optional.empty(), Approval.REQUIRED, Optional.of("2020.01"), NOW);
    UpgradeGate given =
        new UpgradeGate(Optional.empty(), Approval.REQUIRED, Optional.of(target.release()), NOW);

    UpgradeRun waiting = UpgradeRun.plan(ORDER, installedAtFirstRelease(), target, List.of(), none);
    assertThat(waiting.phase()).isEqualTo(UpgradeRun.Phase.WAITING);
    assertThat(waiting.waiting())
        .singleElement()
        .asString()
        .contains("upgrade.bulwark.dev/approved=" + target.release());
    assertThat(UpgradeRun.plan(ORDER, installedAtFirstRelease(), target, List.of(), other).phase())
        .isEqualTo(UpgradeRun.Phase.WAITING);
    assertThat(UpgradeRun.plan(ORDER, installedAtFirstRelease(), target, List.of(), given).phase())
        .isEqualTo(UpgradeRun.Phase.READY);
  }

  @Test
  void aClosedWindowWaitsAndSaysWhenItOpens() {
    MaintenanceWindow sunday =
        MaintenanceWindow.of(UpgradeWindowTest.window(List.of(Day.SUN), "02:00", "2h", "UTC"));
    UpgradeGate closed =
        new UpgradeGate(Optional.of(sunday), Approval.AUTOMATIC, Optional.empty(), NOW);
    UpgradeRun run =
        UpgradeRun.plan(
            ORDER, installedAtFirstRelease(), HISTORY.newest(Channel.FAST), List.of(), closed);
    assertThat(run.phase()).isEqualTo(UpgradeRun.Phase.WAITING);
    assertThat(run.waiting()).singleElement().asString().contains("2026-12-06T02:00:00Z");
    assertThat(closed.windowOpen()).isFalse();
  }
}
