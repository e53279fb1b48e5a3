#!/usr/bin/env bash
# The real kube-apiserver, etcd, kube-controller-manager and kubectl, and the node's kubelet,
# kube-proxy, kube-scheduler and CoreDNS, built from Go modules only when missing (the operator's
# integration tests, the node tests and `bulwark demo` use them).
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/build-k8s-binaries.sh
