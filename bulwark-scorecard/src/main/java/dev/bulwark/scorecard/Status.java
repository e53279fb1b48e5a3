package dev.bulwark.scorecard;

/** How an essential stands. A line's points feed its category's score. */
public enum Status {
  /** Configured and, when observed live, present and ready. */
  MET(1.0),
  /** Present, but something worth acting on is short: a certificate near expiry, no backup yet. */
  PARTIAL(0.5),
  /** The spec does not enable it. */
  MISSING(0.0),
  /** The spec enables it but the cluster does not carry it: an object absent or not ready. */
  FAILING(0.0);

  private final double points;

  Status(double points) {
    this.points = points;
  }

  public double points() {
    return points;
  }

  /** Lower case, as JSON and the table show it. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
