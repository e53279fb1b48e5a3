#!/usr/bin/env bash
# The pipelines' scanners (ADR 0039) for the scanner-stage tests: gitleaks, syft and grype built
# from their Go modules, Semgrep installed from PyPI into a venv with every wheel hash-checked.
# Only what is missing or at another version is built. See tools/README.md. grype (wrapper module
# in tools/engines/grype) is not built here: no test runs it until its offline database exists,
# and its cold build is the longest of all (tools/build-engines.sh grype builds it).
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/build-engines.sh gitleaks syft semgrep
