package dev.bulwark.catalog.upgrade;

import java.util.List;
import java.util.Optional;

/**
 * One step of an upgrade plan, to be done in order.
 *
 * @param kind what the step does
 * @param subject what it acts on: a component id, an object, or "control plane"
 * @param from the version it starts from, or empty when unknown
 * @param to the version it arrives at
 * @param breaking whether a recorded note marks the step breaking; empty when not reviewed
 * @param notes what to know or do, one sentence each
 */
public record UpgradeStep(
    Kind kind,
    String subject,
    String from,
    String to,
    Optional<Boolean> breaking,
    List<String> notes) {

  /** The kinds of step. */
  public enum Kind {
    /** Move an object off an API version the target Kubernetes no longer serves. */
    MIGRATE_API,
    /** Upgrade a component to the catalogue's pin. */
    UPGRADE_COMPONENT,
    /** Upgrade the control plane by one minor release. */
    UPGRADE_KUBERNETES;

    public String label() {
      return switch (this) {
        case MIGRATE_API -> "migrate";
        case UPGRADE_COMPONENT -> "component";
        case UPGRADE_KUBERNETES -> "kubernetes";
      };
    }
  }

  public UpgradeStep {
    notes = List.copyOf(notes);
  }
}
