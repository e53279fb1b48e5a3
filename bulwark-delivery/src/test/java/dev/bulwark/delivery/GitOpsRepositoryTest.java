package dev.bulwark.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The private copy promotion works in, against a real bare repository on disk. */
class GitOpsRepositoryTest {

  @TempDir Path dir;

  @Test
  void closingRightAfterAFetchLeavesNothingBehind() throws Exception {
    GitOpsFixture fixture = new GitOpsFixture(dir);
    List<Path> copies = new ArrayList<>();
    // Git's automatic housekeeping after a fetch runs in the background by default; in a copy
    // deleted at close it raced the deletion (a lock file appearing mid-walk), now and then.
    for (int i = 0; i < 100; i++) {
      try (GitOpsRepository repo = GitOpsRepository.open(fixture.uri(), "main")) {
        copies.add(repo.directory());
        assertThat(repo.tip("main")).isPresent();
      }
    }
    Thread.sleep(200);
    assertThat(copies).allSatisfy(copy -> assertThat(copy).doesNotExist());
  }
}
