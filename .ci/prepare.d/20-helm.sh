#!/usr/bin/env bash
# A real helm, built from its Go module only when missing, for the chart tests (`helm template`).
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/install-helm.sh >/dev/null
