#!/usr/bin/env bash
# Installs buildah for the test that runs the pipeline's build-push step on the sample application.
set -euo pipefail
if ! command -v buildah >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq buildah >/dev/null
fi
