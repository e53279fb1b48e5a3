#!/usr/bin/env bash
# Build the real Kubernetes control-plane binaries (kube-apiserver,
# kube-controller-manager, kubectl) and etcd from Go modules, ONLY when they
# are missing from the cache. Needs nothing but `go` (>= 1.26) and access to
# the Go module proxy. See tools/README.md.
#
# Outputs (outside the work tree):
#   ${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}/k8s/<X.Y.Z>-<os>-<arch>/{kube-apiserver,etcd,kubectl}
#       exactly the layout fabric8 kube-api-test (and setup-envtest) expects
#   ${BULWARK_K8S_BIN_DIR:-$HOME/.cache/bulwark/k8s-bins/<X.Y.Z>}/{kube-apiserver,etcd,kubectl,kube-controller-manager}
#       complete set for tools/control-plane.sh (hard links, or copies across file systems),
#       plus the node's kubelet, kube-proxy, kube-scheduler and coredns (tools/node.sh)
#
# Progress goes to stderr; stdout gets only machine-readable KEY=VALUE lines,
# the last one being K8S_VERSION=X.Y.Z.
#
# Env knobs: KUBE_API_TEST_DIR, BULWARK_K8S_BIN_DIR, GOCACHE, GOMODCACHE, GOFLAGS,
#            BULWARK_K8S_FORCE_REBUILD=1 (rebuild even if present).
set -euo pipefail

TOOLS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
K8S_MOD_DIR="$TOOLS_DIR/k8s"
ETCD_MOD_DIR="$TOOLS_DIR/etcd"
COREDNS_MOD_DIR="$TOOLS_DIR/coredns"

log() { printf '[build-k8s-binaries] %s\n' "$*" >&2; }
die() { printf '[build-k8s-binaries] ERROR: %s\n' "$*" >&2; exit 1; }
secs() { date +%s; }

command -v go >/dev/null 2>&1 || {
  [ -x /usr/local/go/bin/go ] && PATH="/usr/local/go/bin:$PATH"
  command -v go >/dev/null 2>&1 || die "'go' not found on PATH (need Go >= 1.26)"
}

# --- versions: single source of truth are the wrapper go.mod files ----------
K8S_TAG=$(sed -n 's/^[[:space:]]*\(require[[:space:]]\{1,\}\)\{0,1\}k8s\.io\/kubernetes[[:space:]]\{1,\}\(v[0-9][0-9.]*\).*/\2/p' "$K8S_MOD_DIR/go.mod" | head -n1)
ETCD_TAG=$(sed -n 's/^[[:space:]]*\(require[[:space:]]\{1,\}\)\{0,1\}go\.etcd\.io\/etcd\/server\/v3[[:space:]]\{1,\}\(v[0-9][0-9.]*\).*/\2/p' "$ETCD_MOD_DIR/go.mod" | head -n1)
[ -n "$K8S_TAG" ] || die "cannot read the k8s.io/kubernetes version from $K8S_MOD_DIR/go.mod"
[ -n "$ETCD_TAG" ] || die "cannot read the go.etcd.io/etcd/server/v3 version from $ETCD_MOD_DIR/go.mod"
COREDNS_VERSION=$(awk '$1 == "require" && $2 == "github.com/coredns/coredns" {print substr($3, 2)}' "$COREDNS_MOD_DIR/go.mod")
[ -n "$COREDNS_VERSION" ] || die "cannot read the github.com/coredns/coredns version from $COREDNS_MOD_DIR/go.mod"
K8S_VERSION=${K8S_TAG#v}            # 1.37.2
ETCD_VERSION=${ETCD_TAG#v}          # 3.6.16
K8S_MAJOR=${K8S_VERSION%%.*}
K8S_MINOR=${K8S_VERSION#*.}; K8S_MINOR=${K8S_MINOR%%.*}

GOOS_=$(go env GOOS); GOARCH_=$(go env GOARCH)
# fabric8 kube-api-test: lower-cased os.name + amd64|arm64|ppc64le|s390x — matches GOOS/GOARCH.
KAT_DIR="${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}/k8s/${K8S_VERSION}-${GOOS_}-${GOARCH_}"
BIN_DIR="${BULWARK_K8S_BIN_DIR:-$HOME/.cache/bulwark/k8s-bins/${K8S_VERSION}}"

# --- Go environment ----------------------------------------------------------
export CGO_ENABLED=0                       # static binaries, as upstream builds them
# Keep the user's cache locations (warm caches make rebuilds take seconds), but
# make sure they exist outside the work tree. -mod=readonly: go.sum is committed.
export GOCACHE="${GOCACHE:-$(go env GOCACHE)}"
export GOMODCACHE="${GOMODCACHE:-$(go env GOMODCACHE)}"
export GOFLAGS="-mod=readonly -buildvcs=false${GOFLAGS:+ $GOFLAGS}"
case "$GOCACHE" in "$TOOLS_DIR"*|off|"") die "GOCACHE ('$GOCACHE') must be a directory outside the work tree";; esac

# --- what is already there? ----------------------------------------------------
# expected "--version" output per binary, to reject stale or broken files
version_ok() { # $1=name $2=path
  local out
  [ -f "$2" ] && [ -x "$2" ] || return 1
  case "$1" in
    kube-apiserver|kube-controller-manager|kubelet|kube-proxy|kube-scheduler)
      out=$("$2" --version 2>/dev/null) || return 1
      [ "$out" = "Kubernetes v$K8S_VERSION" ] ;;
    coredns) out=$("$2" -version 2>/dev/null) || return 1
      printf '%s\n' "$out" | grep -q "^CoreDNS-$COREDNS_VERSION\$" ;;
    kubectl) out=$("$2" version --client 2>/dev/null) || return 1
      printf '%s\n' "$out" | grep -qx "Client Version: v$K8S_VERSION" ;;
    etcd) out=$("$2" --version 2>/dev/null) || return 1
      printf '%s\n' "$out" | grep -qx "etcd Version: $ETCD_VERSION" ;;
  esac
}

# place $2 (existing good file) at $1 (hard link, else copy), atomically
place() { # $1=dest $2=src
  [ "$1" -ef "$2" ] && return 0
  mkdir -p "$(dirname "$1")"
  local tmp="$1.tmp.$$"
  ln -f "$2" "$tmp" 2>/dev/null || cp -f "$2" "$tmp"
  chmod 0755 "$tmp"; mv -f "$tmp" "$1"
}

mkdir -p "$KAT_DIR" "$BIN_DIR" || die "cannot create $KAT_DIR / $BIN_DIR"

# serialise concurrent runs (parallel CI jobs sharing a cache)
if command -v flock >/dev/null 2>&1; then
  exec 9>"$BIN_DIR/.build.lock"
  flock -w 7200 9 || die "timed out waiting for another build holding $BIN_DIR/.build.lock"
fi

# primary location of each binary: kube-api-test dir for the three it needs
declare -A PRIMARY=(
  [kube-apiserver]="$KAT_DIR/kube-apiserver"
  [kubectl]="$KAT_DIR/kubectl"
  [etcd]="$KAT_DIR/etcd"
  [kube-controller-manager]="$BIN_DIR/kube-controller-manager"
  [kubelet]="$BIN_DIR/kubelet" [kube-proxy]="$BIN_DIR/kube-proxy" [kube-scheduler]="$BIN_DIR/kube-scheduler"
  [coredns]="$BIN_DIR/coredns"
)
K8S_MISSING=(); ETCD_MISSING=0; COREDNS_MISSING=0
for b in kube-apiserver kube-controller-manager kubectl etcd kubelet kube-proxy kube-scheduler coredns; do
  good=""
  if [ "${BULWARK_K8S_FORCE_REBUILD:-0}" != 1 ]; then
    for cand in "${PRIMARY[$b]}" "$BIN_DIR/$b"; do
      if version_ok "$b" "$cand"; then good=$cand; break; fi
    done
  fi
  if [ -n "$good" ]; then
    place "${PRIMARY[$b]}" "$good"
    log "ok       $b (${PRIMARY[$b]})"
  elif [ "$b" = etcd ]; then
    ETCD_MISSING=1; log "missing  $b -> will build etcd $ETCD_TAG"
  elif [ "$b" = coredns ]; then
    COREDNS_MISSING=1; log "missing  $b -> will build CoreDNS v$COREDNS_VERSION (tools/coredns)"
  else
    K8S_MISSING+=("$b"); log "missing  $b -> will build from k8s.io/kubernetes $K8S_TAG"
  fi
done

T0=$(secs)
if [ ${#K8S_MISSING[@]} -gt 0 ] || [ "$ETCD_MISSING" = 1 ] || [ "$COREDNS_MISSING" = 1 ]; then
  log "go: $(go version) | GOCACHE=$GOCACHE | GOMODCACHE=$GOMODCACHE | GOFLAGS=$GOFLAGS"
  log "a cold build takes ~5 min on 2 idle cores (10-15 min under load) and needs ~4.5 GB in GOCACHE+GOMODCACHE"
  STAGE=$(mktemp -d "$BIN_DIR/.stage.XXXXXX")
  trap 'rm -rf "$STAGE"' EXIT

  if [ ${#K8S_MISSING[@]} -gt 0 ]; then
    log "downloading modules for k8s.io/kubernetes $K8S_TAG ..."
    (cd "$K8S_MOD_DIR" && go mod download) \
      || die "go mod download failed in $K8S_MOD_DIR (Go module proxy reachable? GOPROXY=$(go env GOPROXY))"
    BUILD_DATE=$(date -u +%Y-%m-%dT%H:%M:%SZ)
    LDF="-s -w"
    for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
      LDF="$LDF -X $p.gitVersion=$K8S_TAG -X $p.gitMajor=$K8S_MAJOR -X $p.gitMinor=$K8S_MINOR"
      LDF="$LDF -X $p.gitTreeState=clean -X $p.buildDate=$BUILD_DATE"
    done
    PKGS=(); for b in "${K8S_MISSING[@]}"; do PKGS+=("k8s.io/kubernetes/cmd/$b"); done
    log "compiling ${K8S_MISSING[*]} (one 'go build', shared packages compiled once) ..."
    t=$(secs)
    (cd "$K8S_MOD_DIR" && go build -trimpath -tags=selinux,notest,grpcnotrace \
        -ldflags "$LDF" -o "$STAGE/" "${PKGS[@]}") \
      || die "go build of ${K8S_MISSING[*]} failed (see the compiler output above)"
    log "compiled ${K8S_MISSING[*]} in $(( $(secs) - t ))s"
    for b in "${K8S_MISSING[@]}"; do
      version_ok "$b" "$STAGE/$b" || die "freshly built $b does not report version v$K8S_VERSION"
      place "${PRIMARY[$b]}" "$STAGE/$b"
    done
  fi

  if [ "$ETCD_MISSING" = 1 ]; then
    log "downloading modules for etcd $ETCD_TAG ..."
    (cd "$ETCD_MOD_DIR" && go mod download) \
      || die "go mod download failed in $ETCD_MOD_DIR (Go module proxy reachable?)"
    log "compiling etcd ..."
    t=$(secs)
    (cd "$ETCD_MOD_DIR" && go build -trimpath -ldflags "-s -w" -o "$STAGE/etcd" go.etcd.io/etcd/server/v3) \
      || die "go build of etcd failed (see the compiler output above)"
    log "compiled etcd in $(( $(secs) - t ))s"
    version_ok etcd "$STAGE/etcd" || die "freshly built etcd does not report version $ETCD_VERSION"
    place "${PRIMARY[etcd]}" "$STAGE/etcd"
  fi

  if [ "$COREDNS_MISSING" = 1 ]; then
    log "compiling coredns (tools/coredns: CoreDNS v$COREDNS_VERSION with the cluster DNS plugins) ..."
    t=$(secs)
    (cd "$COREDNS_MOD_DIR" && go build -trimpath -ldflags "-s -w" -o "$STAGE/coredns" .) \
      || die "go build of coredns failed (see the compiler output above)"
    log "compiled coredns in $(( $(secs) - t ))s"
    version_ok coredns "$STAGE/coredns" || die "freshly built coredns does not report version $COREDNS_VERSION"
    place "${PRIMARY[coredns]}" "$STAGE/coredns"
  fi
fi

# make BIN_DIR complete (kube-api-test dir stays exactly {kube-apiserver,etcd,kubectl})
for b in kube-apiserver kubectl etcd; do place "$BIN_DIR/$b" "$KAT_DIR/$b"; done
for b in kube-apiserver kube-controller-manager kubectl etcd kubelet kube-proxy kube-scheduler coredns; do
  [ -x "$BIN_DIR/$b" ] || die "$BIN_DIR/$b is missing after the build"
done
for b in kube-apiserver kubectl etcd; do
  [ -x "$KAT_DIR/$b" ] || die "$KAT_DIR/$b is missing after the build"
done

log "done in $(( $(secs) - T0 ))s"
log "kube-api-test dir: $KAT_DIR"
log "bulwark bin dir:   $BIN_DIR"
echo "KUBE_API_TEST_BIN_DIR=$KAT_DIR"
echo "BULWARK_K8S_BIN_DIR=$BIN_DIR"
echo "ETCD_VERSION=$ETCD_VERSION"
echo "K8S_VERSION=$K8S_VERSION"
