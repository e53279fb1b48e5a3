package dev.bulwark.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoldersTest {

  @TempDir Path tmp;

  @Test
  void aCopyHoldsTheSameTreeAndDeletingItLeavesTheOriginal() throws IOException {
    Path original = tmp.resolve("original");
    Files.createDirectories(original.resolve("a/b"));
    Files.writeString(original.resolve("a/b/c.yaml"), "c: 1\n");
    Files.writeString(original.resolve("top.txt"), "top\n");

    Path copy = Folders.copy(original, tmp.resolve("copy"));
    assertThat(copy.resolve("a/b/c.yaml")).hasContent("c: 1");
    assertThat(copy.resolve("top.txt")).hasContent("top");

    Folders.delete(copy);
    assertThat(copy).doesNotExist();
    assertThat(original.resolve("a/b/c.yaml")).exists();
    Folders.delete(copy); // already gone: nothing to do
  }

  @Test
  void filesThatVanishOrAppearWhileDeletingDoNotStopIt() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("busy"));
    for (int i = 0; i < 2_000; i++) {
      Files.writeString(dir.resolve("f" + i), "x");
    }
    CountDownLatch started = new CountDownLatch(1);
    // another process tidying up: removes what the walk is about to visit, and adds a file or two
    CompletableFuture<Void> tidying =
        CompletableFuture.runAsync(
            () -> {
              started.countDown();
              try {
                for (int i = 1_999; i >= 1_000; i--) {
                  Files.deleteIfExists(dir.resolve("f" + i));
                }
                Files.writeString(dir.resolve("late"), "x");
              } catch (IOException e) {
                // the folder is gone already
              }
            });
    started.await();
    Folders.delete(dir);
    tidying.join();
    Folders.delete(dir); // a late file may have come after the first delete finished
    assertThat(dir).doesNotExist();
  }
}
