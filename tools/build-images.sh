#!/usr/bin/env bash
# Build the images the local node runs, with no registry: static Go programs put into OCI
# archives by tools/images/ocibuild (reproducible: fixed timestamps, sorted entries, so the same
# sources give the same digest on every machine).
#   pause       bulwark.local/pause:3.10      the pod sandbox (tools/images/pause)
#   probe       bulwark.local/probe:1.0       test workload: HTTP server + reachability client
#   coredns     bulwark.local/coredns:<ver>   the cluster DNS (tools/coredns, when built)
#   sample-app  bulwark.local/sample-app:dev  examples/sample-app, when it has a go.mod
#   operator    <chart's image.repository>:<appVersion>  tools/images/operator-image.sh, when
#               bulwark-cli's distribution is built (./mvnw package -pl bulwark-cli -am)
#   spotbugs    <catalogue's spotbugs image>  tools/images/spotbugs-image.sh, the SAST stage's
#               SpotBugs + FindSecBugs, when busybox-static is installed
#
# Output (outside the work tree): ${BULWARK_IMAGES_DIR:-$HOME/.cache/bulwark/images}/<name>.tar
# and images.env there with one NAME_IMAGE=reference@sha256:digest line per image (and
# PROBE_PROGRAM=, the probe built for the host). Progress goes
# to stderr; stdout gets only the images.env path as BULWARK_IMAGES_ENV=... .
set -euo pipefail

TOOLS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$TOOLS_DIR")
OUT="${BULWARK_IMAGES_DIR:-$HOME/.cache/bulwark/images}"
log() { printf '[build-images] %s\n' "$*" >&2; }
die() { printf '[build-images] ERROR: %s\n' "$*" >&2; exit 1; }
command -v go >/dev/null 2>&1 || PATH="/usr/local/go/bin:$PATH"
command -v go >/dev/null 2>&1 || die "'go' not found on PATH (need Go >= 1.26)"

export CGO_ENABLED=0 GOFLAGS="-mod=readonly -buildvcs=false"
mkdir -p "$OUT"
STAGE=$(mktemp -d "$OUT/.stage.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT

(cd "$TOOLS_DIR/images" && go build -trimpath -ldflags "-s -w" -o "$STAGE/" ./pause ./probe ./ocibuild) \
  || die "go build in tools/images failed"

ENV_LINES=()
image() { # $1=key $2=name:tag $3=archive, rest: ocibuild flags
  local key=$1 name=$2 archive="$OUT/$3"; shift 3
  local ref; ref=$("$STAGE/ocibuild" -name "$name" -out "$archive" "$@") || die "ocibuild $name failed"
  ENV_LINES+=("${key}_IMAGE=$ref" "${key}_ARCHIVE=$archive")
  log "$ref  ($(du -h "$archive" | cut -f1))"
}

image PAUSE bulwark.local/pause:3.10 pause.tar \
  -add "$STAGE/pause=/pause" -entrypoint /pause -user 65535:65535
image PROBE bulwark.local/probe:1.0 probe.tar \
  -add "$STAGE/probe=/probe" -entrypoint /probe -cmd serve -user 65532:65532
# The probe as a host program too: the network policy test runs it in a network namespace of its
# own, as an address outside the cluster (the egress CIDRs), which no pod can stand in for.
install -m 755 "$STAGE/probe" "$OUT/probe"
ENV_LINES+=("PROBE_PROGRAM=$OUT/probe")

# CoreDNS: the binary tools/build-k8s-binaries.sh builds next to the kubelet.
K8S_VERSION=$(sed -n 's/^[[:space:]]*k8s\.io\/kubernetes[[:space:]]\{1,\}v\([0-9][0-9.]*\).*/\1/p' "$TOOLS_DIR/k8s/go.mod" | head -n1)
BIN_DIR="${BULWARK_K8S_BIN_DIR:-$HOME/.cache/bulwark/k8s-bins/${K8S_VERSION}}"
COREDNS_VERSION=$(awk '$1 == "require" && $2 == "github.com/coredns/coredns" {print substr($3, 2)}' "$TOOLS_DIR/coredns/go.mod")
if [ -x "$BIN_DIR/coredns" ]; then
  image COREDNS "bulwark.local/coredns:$COREDNS_VERSION" coredns.tar \
    -add "$BIN_DIR/coredns=/coredns" -entrypoint /coredns -user 65532:65532
else
  log "no $BIN_DIR/coredns yet (tools/build-k8s-binaries.sh builds it): no coredns image"
fi

# The sample application, once examples/sample-app is a Go module with a main package.
SAMPLE="$ROOT/examples/sample-app"
if [ -f "$SAMPLE/go.mod" ]; then
  (cd "$SAMPLE" && go build -trimpath -ldflags "-s -w" -o "$STAGE/sample-app" .) \
    || die "go build in examples/sample-app failed"
  image SAMPLE_APP bulwark.local/sample-app:dev sample-app.tar \
    -add "$STAGE/sample-app=/sample-app" -entrypoint /sample-app -user 65532:65532
fi

# The operator (a jlink runtime and the CLI's jars), once bulwark-cli's distribution is built.
"$TOOLS_DIR/images/operator-image.sh" "$STAGE/ocibuild" "$OUT" > "$STAGE/operator.env" \
  || die "the operator image failed"
mapfile -t -O "${#ENV_LINES[@]}" ENV_LINES < "$STAGE/operator.env"

# SpotBugs with FindSecBugs, the sast stage's JVM analyser (Maven Central artifacts, jlink, busybox).
"$TOOLS_DIR/images/spotbugs-image.sh" "$STAGE/ocibuild" "$OUT" > "$STAGE/spotbugs.env" \
  || die "the spotbugs image failed"
mapfile -t -O "${#ENV_LINES[@]}" ENV_LINES < "$STAGE/spotbugs.env"

printf '%s\n' "${ENV_LINES[@]}" > "$OUT/images.env.tmp" && mv "$OUT/images.env.tmp" "$OUT/images.env"
echo "BULWARK_IMAGES_ENV=$OUT/images.env"
