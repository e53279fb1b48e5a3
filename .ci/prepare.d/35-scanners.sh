#!/usr/bin/env bash
# The pipelines' scanners (ADR 0039) for the scanner-stage tests: gitleaks, syft and grype built
# from their Go modules, Semgrep installed from PyPI into a venv with every wheel hash-checked.
# Only what is missing or at another version is built. See tools/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/build-engines.sh gitleaks syft grype semgrep
