#!/usr/bin/env bash
# The node's host parts from Debian: containerd + runc (the container runtime), the CNI plugins
# (bridge, host-local, loopback, portmap), iptables and conntrack (kube-proxy), umoci and skopeo
# (OCI archives of the locally built images), socat (relays the API server to pods), iproute2 (the
# bridge and network namespaces; the node tests' outside network) and util-linux's mount tools (the
# shared /run/netns mount). The kubelet and kube-proxy themselves are built
# from Go modules by tools/build-k8s-binaries.sh. Idempotent and quiet when already installed.
set -euo pipefail
pkgs=(containerd runc containernetworking-plugins iptables conntrack umoci skopeo socat iproute2 mount util-linux)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The images the node runs (pause, probe, CoreDNS, the sample application): built locally, no registry.
cd "$(dirname "$0")/../.."
tools/build-images.sh >/dev/null
