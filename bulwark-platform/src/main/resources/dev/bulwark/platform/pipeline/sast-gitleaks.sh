set -eu
# The secret scan of the SAST stage: gitleaks over the checkout's files with its built-in rules.
# --redact keeps the secret out of the report (the gate keeps only the rule anyway); exit code 0
# because the gate stage decides, with every reason at once.
gitleaks dir "$SOURCE_DIR" --no-banner --redact --exit-code 0 \
  --report-format sarif --report-path "$REPORT"
