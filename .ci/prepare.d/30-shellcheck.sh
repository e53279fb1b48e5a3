#!/usr/bin/env bash
# Installs shellcheck for the test that lints the configuration Jobs' scripts.
set -euo pipefail
if ! command -v shellcheck >/dev/null; then
  apt-get update -qq
  apt-get install -y -qq shellcheck >/dev/null
fi
