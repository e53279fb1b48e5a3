#!/usr/bin/env bash
# The real engines (promtool, gator, the Kyverno CLI, cert-manager's controllers), built from Go
# modules only when missing, for the engine tests. See tools/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/build-engines.sh
