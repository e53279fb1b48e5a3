#!/usr/bin/env bash
# The real policy and rule engines (promtool, gator, the Kyverno CLI), built from Go modules
# only when missing, for the engine-conformance tests. See tools/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/build-engines.sh
