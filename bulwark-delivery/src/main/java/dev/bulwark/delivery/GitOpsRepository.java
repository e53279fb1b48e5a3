package dev.bulwark.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The GitOps repository as promotion uses it: a private bare copy that fetches the remote, builds a
 * commit on top of the branch's tip without a working tree, and pushes it without force. A push the
 * remote rejects because someone else pushed first is retried from a fresh fetch, a bounded number
 * of times, with the change computed again on the new tip; history is never rewritten.
 */
public final class GitOpsRepository implements AutoCloseable {

  /** How often a commit is rebuilt on a fresh tip before giving up. */
  static final int ATTEMPTS = 8;

  private static final String TRACKING = "refs/remotes/origin/";

  private final String uri;
  private final String branch;
  private final Path directory;
  private final Git git;
  private final Optional<GitCredentials> credentials;

  /** A commit to push: the parent it goes on, the files it changes and its message. */
  record NewCommit(
      ObjectId parent, Map<String, Optional<String>> files, String message, Actor author) {}

  private GitOpsRepository(
      String uri, String branch, Path directory, Git git, Optional<GitCredentials> credentials) {
    this.uri = uri;
    this.branch = branch;
    this.directory = directory;
    this.git = git;
    this.credentials = credentials;
  }

  /**
   * Opens the repository at {@code uri} (a URL or a local path) for its {@code branch}. Over HTTPS
   * the credentials come from {@code BULWARK_GIT_USERNAME} and {@code BULWARK_GIT_PASSWORD} (a
   * token), when set.
   */
  public static GitOpsRepository open(String uri, String branch) {
    return open(uri, branch, GitCredentials.fromEnvironment());
  }

  /**
   * Opens the repository at {@code uri} for its {@code branch} with the given credentials (none for
   * a local path or an anonymous remote).
   */
  public static GitOpsRepository open(
      String uri, String branch, Optional<GitCredentials> credentials) {
    try {
      Path directory = Files.createTempDirectory("bulwark-gitops-");
      Git git = Git.init().setBare(true).setDirectory(directory.toFile()).call();
      withoutHousekeeping(git.getRepository().getConfig());
      GitOpsRepository repository = new GitOpsRepository(uri, branch, directory, git, credentials);
      repository.fetch();
      return repository;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException(
          "cannot open the GitOps repository " + uri + ": " + e.getMessage(), e);
    }
  }

  /**
   * The copy lives for one promotion and is deleted at close; Git's automatic housekeeping after a
   * fetch would run in the background and race that deletion.
   */
  private static void withoutHousekeeping(StoredConfig config) throws IOException {
    config.setBoolean(ConfigConstants.CONFIG_FETCH_SECTION, null, "autogc", false);
    config.setInt(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTO, 0);
    config.save();
  }

  public String uri() {
    return uri;
  }

  public String branch() {
    return branch;
  }

  /** Where the private copy lives until {@link #close()}. */
  Path directory() {
    return directory;
  }

  /** Fetches every branch of the remote; branches deleted there are deleted here too. */
  void fetch() {
    try {
      git.fetch()
          .setRemote(uri)
          .setCredentialsProvider(credentials())
          // Only this private copy's remote-tracking refs follow the remote; nothing is pushed.
          .setRefSpecs(new RefSpec("+refs/heads/*:" + TRACKING + "*"))
          .setRemoveDeletedRefs(true)
          .call();
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot fetch " + uri + ": " + e.getMessage(), e);
    }
  }

  /** The branch's tip as last fetched. */
  Snapshot snapshot() {
    return tip(branch)
        .map(commit -> new Snapshot(git.getRepository(), commit))
        .orElseThrow(
            () ->
                new PromotionRefused(
                    "the GitOps repository " + uri + " has no branch `" + branch + "`"));
  }

  /** The tip of {@code name} (a branch of the remote) as last fetched. */
  Optional<RevCommit> tip(String name) {
    try (RevWalk walk = new RevWalk(git.getRepository())) {
      Ref ref = git.getRepository().exactRef(TRACKING + name);
      return ref == null ? Optional.empty() : Optional.of(walk.parseCommit(ref.getObjectId()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every remote branch under {@code prefix}, by name, as last fetched. */
  Map<String, RevCommit> branches(String prefix) {
    try {
      Map<String, RevCommit> found = new java.util.TreeMap<>();
      for (Ref ref : git.getRepository().getRefDatabase().getRefsByPrefix(TRACKING + prefix)) {
        String name = ref.getName().substring(TRACKING.length());
        found.put(name, tip(name).orElseThrow());
      }
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Fetches, asks {@code plan} for a commit given the fresh state, and pushes it to branch {@code
   * target}; when someone else pushed first, does it all again. {@code plan} may refuse (throw
   * {@link PromotionRefused}) or have nothing to do (empty).
   */
  Optional<ObjectId> update(String target, Function<Snapshot, Optional<NewCommit>> plan) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      if (attempt > 1) {
        fetch();
      }
      Optional<NewCommit> next = plan.apply(snapshot());
      if (next.isEmpty()) {
        return Optional.empty();
      }
      ObjectId id = Commits.write(git.getRepository(), next.get());
      if (push(id.name(), target)) {
        return Optional.of(id);
      }
    }
    throw new IllegalStateException(
        "gave up after "
            + ATTEMPTS
            + " attempts to push to "
            + target
            + " of "
            + uri
            + ": others pushed first every time; try again");
  }

  /** Deletes branch {@code name} of the remote; false when the remote refused. */
  boolean delete(String name) {
    return push("", name);
  }

  /**
   * Pushes {@code source} (a commit id, or empty to delete) to branch {@code target}, never forced.
   */
  private boolean push(String source, String target) {
    String ref = Constants.R_HEADS + target;
    try {
      for (PushResult result :
          git.push()
              .setRemote(uri)
              .setCredentialsProvider(credentials())
              .setForce(false)
              .setRefSpecs(new RefSpec(source + ":" + ref))
              .call()) {
        RemoteRefUpdate update = result.getRemoteUpdate(ref);
        switch (update.getStatus()) {
          case OK, UP_TO_DATE:
            return true;
          case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED, REJECTED_OTHER_REASON:
            return false;
          default:
            throw new IllegalStateException(
                "push to "
                    + target
                    + " of "
                    + uri
                    + ": "
                    + update.getStatus()
                    + " "
                    + update.getMessage());
        }
      }
      throw new IllegalStateException("push to " + target + " of " + uri + " returned no result");
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot push to " + uri + ": " + e.getMessage(), e);
    }
  }

  private UsernamePasswordCredentialsProvider credentials() {
    return credentials
        .map(c -> new UsernamePasswordCredentialsProvider(c.username(), c.password()))
        .orElse(null);
  }

  @Override
  public void close() {
    git.close();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The files of one commit. */
  static final class Snapshot {
    private final org.eclipse.jgit.lib.Repository repository;
    private final RevCommit commit;

    Snapshot(org.eclipse.jgit.lib.Repository repository, RevCommit commit) {
      this.repository = repository;
      this.commit = commit;
    }

    RevCommit commit() {
      return commit;
    }

    /** The text of {@code path} in this commit, if it has that file. */
    Optional<String> read(String path) {
      try (TreeWalk walk = TreeWalk.forPath(repository, path, commit.getTree())) {
        if (walk == null) {
          return Optional.empty();
        }
        byte[] bytes = repository.open(walk.getObjectId(0)).getBytes();
        return Optional.of(new String(bytes, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
