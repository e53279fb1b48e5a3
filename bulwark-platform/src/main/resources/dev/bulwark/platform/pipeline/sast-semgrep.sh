set -eu
# The SAST stage: Semgrep with the platform's rule set only (RULES_DIR, mounted from a ConfigMap),
# never a downloaded rule pack, with metrics and the version check off, so nothing is fetched at scan
# time. Findings go to SARIF and do not fail this step: the gate stage decides.
cd "$SOURCE_DIR"
semgrep scan --config "$RULES_DIR" --metrics=off --disable-version-check --quiet \
  --sarif --output "$REPORT" .
