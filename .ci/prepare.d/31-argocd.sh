#!/usr/bin/env bash
# Argo CD's application controller and repo server (one binary, built from its Go module inside a
# copy of the module so that its own replace directives apply; tools/README.md, "Argo CD"), and
# Debian's redis-server, which they need as their cache: ArgoCdSyncTest runs them against the
# test control plane. Built only when missing: a cold build takes about 20 min on 2 busy cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! dpkg-query -W -f='${Status}' redis-server 2>/dev/null | grep -q 'install ok installed'; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
fi
tools/build-engines.sh argocd
