package dev.bulwark.gate;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * The rules one application's release to one environment must meet, on one day.
 *
 * @param application the application, as {@code tenant/name}
 * @param environment the environment released to
 * @param failOn the lowest severity that blocks
 * @param requireSignature whether a verified signature is needed
 * @param requireDast whether a DAST report is needed
 * @param allowedLicences SPDX ids every component's licence expression must be satisfiable with
 * @param waivers the application's waivers, expired ones included (they cite their expiry)
 * @param today the day waivers are judged on (UTC)
 */
public record GatePolicy(
    String application,
    String environment,
    Severity failOn,
    boolean requireSignature,
    boolean requireDast,
    Set<String> allowedLicences,
    List<Waiver> waivers,
    LocalDate today) {

  public GatePolicy {
    allowedLicences = Set.copyOf(allowedLicences);
    waivers = List.copyOf(waivers);
  }

  /** The same policy with other waivers. */
  public GatePolicy withWaivers(List<Waiver> other) {
    return new GatePolicy(
        application,
        environment,
        failOn,
        requireSignature,
        requireDast,
        allowedLicences,
        other,
        today);
  }

  /** The same policy judged on another day. */
  public GatePolicy on(LocalDate day) {
    return new GatePolicy(
        application,
        environment,
        failOn,
        requireSignature,
        requireDast,
        allowedLicences,
        waivers,
        day);
  }
}
