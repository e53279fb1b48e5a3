#!/usr/bin/env bash
# Debian's headless Chromium and its chromedriver for the console's browser tests, and axe-core's
# axe.min.js (npm registry) for their accessibility checks, into bulwark-console/target/ (never
# committed). Idempotent and quiet when already installed.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
axe=bulwark-console/target/axe/axe.min.js
if [ ! -s "$axe" ]; then
  work=$(mktemp -d)
  (cd "$work" && npm pack --silent axe-core@4 >/dev/null && tar xzf axe-core-*.tgz)
  mkdir -p "$(dirname "$axe")"
  cp "$work/package/axe.min.js" "$axe"
  rm -rf "$work"
fi
