package dev.bulwark.policy.library;

/** The policy library is malformed: names the file, line and field, and what was expected. */
public class LibraryException extends RuntimeException {

  public LibraryException(String message) {
    super(message);
  }

  public LibraryException(String message, Throwable cause) {
    super(message, cause);
  }
}
