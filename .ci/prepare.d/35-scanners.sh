#!/usr/bin/env bash
# The pipelines' scanners (ADR 0039) for the scanner-stage tests: gitleaks, syft and grype built
# from their Go modules, Semgrep installed from PyPI into a venv with every wheel hash-checked, and
# grype-db-fixture, which writes the offline vulnerability database the grype tests import.
# Only what is missing or at another version is built. See tools/README.md (grype's cold build is
# the longest of all engines).
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/build-engines.sh gitleaks syft semgrep grype grype-db-fixture
# The gate's scan test builds both variants of the sample: fetch the modules they pin now, so the
# test itself needs no network.
command -v go >/dev/null 2>&1 || PATH="/usr/local/go/bin:$PATH"
for variant in vulnerable fixed; do
  (cd "examples/scanned-app/$variant" && go mod download)
done
