set -eu
# The clone stage: the pushed commit of the application's repository into the source workspace.
# Everything comes from the environment (REPO_URL, REVISION, SOURCE_DIR, COMMIT_RESULT), never from
# text substituted into this script, so a branch or URL cannot inject shell code.
# A reused workspace may hold an earlier run's checkout: start from an empty directory.
find "$SOURCE_DIR" -mindepth 1 -maxdepth 1 -exec rm -rf {} +
git init -q "$SOURCE_DIR"
cd "$SOURCE_DIR"
git remote add origin "$REPO_URL"
# Only the one commit: a shallow fetch of the revision the webhook named.
git -c safe.directory="$SOURCE_DIR" fetch -q --depth 1 origin "$REVISION"
git -c safe.directory="$SOURCE_DIR" checkout -q FETCH_HEAD
git -c safe.directory="$SOURCE_DIR" rev-parse HEAD | tr -d '\n' > "$COMMIT_RESULT"
echo "cloned $REPO_URL at $(cat "$COMMIT_RESULT")"
