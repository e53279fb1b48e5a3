package dev.bulwark.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Bare Git repositories that tests push to over {@code file://}. */
public final class GitRemotes {

  private GitRemotes() {}

  /**
   * Turns off the housekeeping Git runs after receiving a push. Pushes to a local path are received
   * in the test's own JVM, and JGit runs that housekeeping in the background, where it races the
   * deletion of the test's temporary folder.
   */
  public static void withoutHousekeeping(Path bare) throws IOException {
    Files.writeString(
        bare.resolve("config"), "[receive]\n\tautogc = false\n", StandardOpenOption.APPEND);
  }
}
