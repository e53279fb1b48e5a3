package dev.bulwark.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Writes a commit into a bare repository: the parent's tree with some files replaced or removed.
 */
final class Commits {

  /** Who commits: Bulwark, on behalf of the author, the person or CI job who asked. */
  static final String COMMITTER_NAME = "Bulwark promotion";

  static final String COMMITTER_EMAIL = "promotion@bulwark.invalid";

  private Commits() {}

  static ObjectId write(Repository repository, GitOpsRepository.NewCommit commit) {
    try (ObjectInserter inserter = repository.newObjectInserter();
        RevWalk walk = new RevWalk(repository)) {
      RevCommit parent = walk.parseCommit(commit.parent());
      DirCache index = DirCache.newInCore();
      DirCacheBuilder builder = index.builder();
      builder.addTree(new byte[0], DirCacheEntry.STAGE_0, walk.getObjectReader(), parent.getTree());
      builder.finish();
      DirCacheEditor editor = index.editor();
      for (Map.Entry<String, Optional<String>> file : commit.files().entrySet()) {
        if (file.getValue().isEmpty()) {
          editor.add(new DirCacheEditor.DeletePath(file.getKey()));
          continue;
        }
        ObjectId blob =
            inserter.insert(
                Constants.OBJ_BLOB, file.getValue().get().getBytes(StandardCharsets.UTF_8));
        editor.add(
            new DirCacheEditor.PathEdit(file.getKey()) {
              @Override
              public void apply(DirCacheEntry entry) {
                if (entry.getRawMode() == 0) {
                  entry.setFileMode(FileMode.REGULAR_FILE);
                }
                entry.setObjectId(blob);
              }
            });
      }
      editor.finish();
      CommitBuilder built = new CommitBuilder();
      built.setParentId(parent);
      built.setTreeId(index.writeTree(inserter));
      Instant now = Instant.now();
      built.setAuthor(new PersonIdent(commit.author().name(), "", now, ZoneOffset.UTC));
      built.setCommitter(new PersonIdent(COMMITTER_NAME, COMMITTER_EMAIL, now, ZoneOffset.UTC));
      built.setMessage(commit.message());
      ObjectId id = inserter.insert(built);
      inserter.flush();
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
