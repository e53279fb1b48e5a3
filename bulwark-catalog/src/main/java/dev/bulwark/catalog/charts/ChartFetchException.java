package dev.bulwark.catalog.charts;

/** An archive that could not be obtained or trusted; the message is one line meant for the user. */
public final class ChartFetchException extends RuntimeException {

  public ChartFetchException(String message) {
    super(message);
  }

  public ChartFetchException(String message, Throwable cause) {
    super(message, cause);
  }
}
