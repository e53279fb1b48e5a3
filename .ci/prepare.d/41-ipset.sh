#!/usr/bin/env bash
# Debian's ipset: kube-router, the node's NetworkPolicy enforcer where the kernel lacks the
# nftables queue expression (tools/node.sh, ADR 0047), keeps the pods each policy selects in ip
# sets and runs the `ipset` command to change them. Idempotent and quiet when already installed.
set -euo pipefail
if ! dpkg-query -W -f='${Status}' ipset 2>/dev/null | grep -q 'install ok installed'; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ipset >/dev/null
fi
