#!/usr/bin/env bash
# Installs a real helm binary, built from its Go module (no prebuilt download), into
# ${BULWARK_HELM_DIR:-$HOME/.cache/bulwark/helm/<version>}/helm, only when it is missing.
# The chart tests (bulwark-operator, HelmChartTest) run `helm template` with it; they find it
# through $BULWARK_HELM, then that directory, then helm on PATH, and skip with a message otherwise.
#
#   tools/install-helm.sh          install if missing, print the binary's path
# Needs: go (1.24+), the Go module proxy. Cold build: a few minutes on 2 cores.
set -euo pipefail

HELM_VERSION=${BULWARK_HELM_VERSION:-v3.22.0}
DIR=${BULWARK_HELM_DIR:-$HOME/.cache/bulwark/helm/$HELM_VERSION}
BIN="$DIR/helm"

if [ -x "$BIN" ] && "$BIN" version --short >/dev/null 2>&1; then
  echo "$BIN"
  exit 0
fi
command -v go >/dev/null 2>&1 || { [ -x /usr/local/go/bin/go ] && PATH="/usr/local/go/bin:$PATH"; }
command -v go >/dev/null 2>&1 || { echo "install-helm: go not found (need Go >= 1.24 on PATH)" >&2; exit 1; }
mkdir -p "$DIR"
echo "install-helm: building helm $HELM_VERSION from helm.sh/helm/v3 into $DIR (a few minutes cold)" >&2
# -ldflags set the version helm reports, as its own Makefile does
GOBIN="$DIR" CGO_ENABLED=0 go install -trimpath \
  -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION" \
  "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" >&2
"$BIN" version --short >&2
echo "$BIN"
