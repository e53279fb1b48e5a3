#!/usr/bin/env bash
# Benchmark (not a test): start latency of N pods (default 100) on the node of a running control
# plane (tools/control-plane.sh start; tools/node.sh start). Creates N probe server pods at once in
# a fresh namespace, waits until all are Ready, and prints the wall time and the distribution of
# each pod's creation-to-Ready time (seconds; the API's timestamps have one-second resolution).
#   tools/bench-node-pods.sh [--dir DIR] [N]
set -euo pipefail
TOOLS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DIR="${BULWARK_CONTROL_PLANE_DIR:-$HOME/.cache/bulwark/control-plane}"
[ "${1:-}" = --dir ] && { DIR=$2; shift 2; }
N=${1:-100}
K8S_VERSION=$(sed -n 's/^[[:space:]]*k8s\.io\/kubernetes[[:space:]]\{1,\}v\([0-9][0-9.]*\).*/\1/p' "$TOOLS_DIR/k8s/go.mod" | head -n1)
KUBECTL="${BULWARK_K8S_BIN_DIR:-$HOME/.cache/bulwark/k8s-bins/$K8S_VERSION}/kubectl"
k() { "$KUBECTL" --kubeconfig="$DIR/kubeconfig" "$@"; }
IMAGE=$(sed -n 's/^PROBE_IMAGE=//p' "${BULWARK_IMAGES_DIR:-$HOME/.cache/bulwark/images}/images.env")
NS=bench-pods-$$
k create namespace "$NS" >/dev/null
trap 'k delete namespace "$NS" --wait=false >/dev/null 2>&1 || true' EXIT
for i in $(seq 1 "$N"); do
  cat <<EOF2
---
apiVersion: v1
kind: Pod
metadata: {name: p$i}
spec:
  automountServiceAccountToken: false
  terminationGracePeriodSeconds: 1
  containers: [{name: probe, image: "$IMAGE", args: [serve],
    resources: {requests: {cpu: 1m, memory: 8Mi}}}]
EOF2
done > "/tmp/$NS.yaml"
t0=$(date +%s.%N)
k -n "$NS" apply -f "/tmp/$NS.yaml" >/dev/null
rm -f "/tmp/$NS.yaml"
k -n "$NS" wait pod --all --for=condition=Ready --timeout=600s >/dev/null
t1=$(date +%s.%N)
echo "pods=$N all-ready-wall=$(echo "$t1 - $t0" | bc)s"
k -n "$NS" get pods -o jsonpath='{range .items[*]}{.metadata.creationTimestamp} {.status.conditions[?(@.type=="Ready")].lastTransitionTime}{"\n"}{end}' \
  | while read -r created ready; do echo $(( $(date -d "$ready" +%s) - $(date -d "$created" +%s) )); done \
  | sort -n | awk '{a[NR]=$1} END {printf "creation-to-Ready seconds: p50=%d p90=%d p99=%d max=%d\n", a[int(NR*0.5)], a[int(NR*0.9)], a[int(NR*0.99)], a[NR]}'
