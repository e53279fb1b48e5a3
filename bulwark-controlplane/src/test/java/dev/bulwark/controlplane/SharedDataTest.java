package dev.bulwark.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build passes {@code bulwark.repo.dir}; the checkout it names holds the files the demo needs.
 */
class SharedDataTest {

  private static final String PROPERTY = "bulwark.shared.dir";

  @Test
  void theRepositoryIsTheCheckoutThatHoldsTheControlPlaneScript() {
    Path repo = SharedData.repoDir();

    assertThat(repo).isAbsolute();
    assertThat(repo.resolve("mvnw")).exists();
    assertThat(repo.resolve("tools/control-plane.sh")).isRegularFile();
  }

  @Test
  void aMissingSharedFileIsEmptyNotAnError() {
    assertThat(SharedData.resolve("no-such-folder/no-such-file.tsv")).isEmpty();
  }

  @Test
  void theSharedFolderComesFromTheSystemProperty(@TempDir Path shared) throws IOException {
    Files.createDirectories(shared.resolve("crds"));
    Files.writeString(shared.resolve("crds/CRDS.tsv"), "");
    String before = System.getProperty(PROPERTY);
    System.setProperty(PROPERTY, shared.toString());
    try {
      assertThat(SharedData.dir()).contains(shared.normalize());
      assertThat(SharedData.resolve("crds/CRDS.tsv")).contains(shared.resolve("crds/CRDS.tsv"));
      assertThat(SharedData.resolve("crds/absent.tsv")).isEmpty();
    } finally {
      restore(before);
    }
  }

  @Test
  void aSharedFolderThatDoesNotExistIsAbsent(@TempDir Path parent) {
    String before = System.getProperty(PROPERTY);
    System.setProperty(PROPERTY, parent.resolve("missing").toString());
    try {
      assertThat(SharedData.dir()).isEmpty();
    } finally {
      restore(before);
    }
  }

  private static void restore(String before) {
    if (before == null) {
      System.clearProperty(PROPERTY);
    } else {
      System.setProperty(PROPERTY, before);
    }
  }
}
