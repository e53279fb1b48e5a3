package dev.bulwark.platform.stack;

/**
 * The Git repository that holds the rendered tree, which the root Application syncs. It is the
 * gitops component's {@code repoURL} setting, with {@code revision} (default {@code HEAD}) and
 * {@code path} (default the repository root).
 */
public record GitOpsRepository(String repoURL, String revision, String path) {

  public static final String REPO_URL = "repoURL";
  public static final String REVISION = "revision";
  public static final String PATH = "path";

  public static GitOpsRepository of(Stack stack) {
    Component gitops = stack.component("gitops").orElse(null);
    String repo = gitops == null ? null : gitops.settings().get(REPO_URL);
    if (repo == null) {
      // The spec check rejects a platform with GitOps and no repository before rendering.
      throw new IllegalStateException("spec.components.gitops.settings.repoURL is required");
    }
    return new GitOpsRepository(repo, gitops.setting(REVISION, "HEAD"), gitops.setting(PATH, "."));
  }

  /** The path of a directory of the rendered tree inside the repository. */
  public String resolve(String directory) {
    return path.equals(".") || path.isEmpty()
        ? directory
        : path.replaceAll("/+$", "") + "/" + directory;
  }
}
