package dev.bulwark.catalog.charts;

/** An archive that could not be obtained or trusted; the message is one line meant for the user. */
public final class ChartFetchException extends RuntimeException {

  private final boolean archivesMissing;

  public ChartFetchException(String message) {
    this(message, false);
  }

  private ChartFetchException(String message, boolean archivesMissing) {
    super(message);
    this.archivesMissing = archivesMissing;
  }

  /**
   * Archives that neither the cache nor the mirror or upstream could provide (not a local fault).
   */
  static ChartFetchException archivesMissing(String message) {
    return new ChartFetchException(message, true);
  }

  /** Whether archives were missing, so that the user can provide them (network or a mirror). */
  public boolean archivesMissing() {
    return archivesMissing;
  }

  public ChartFetchException(String message, Throwable cause) {
    super(message, cause);
    this.archivesMissing = false;
  }
}
