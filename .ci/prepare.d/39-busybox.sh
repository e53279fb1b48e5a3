#!/usr/bin/env bash
# Installs Debian's busybox-static: the shell and the few commands (find, sed, ...) of the SpotBugs
# scanner image (tools/images/spotbugs-image.sh), which 40-node.sh builds with the node's images.
# One static binary, so the image needs no libraries for its shell. Quiet when already installed.
set -euo pipefail
if ! dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'install ok installed'; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends busybox-static >/dev/null
fi
