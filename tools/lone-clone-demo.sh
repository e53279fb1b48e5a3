#!/usr/bin/env bash
# The README's main command from a clone with nothing beside it.
#
# Clones this checkout's HEAD into an empty temporary folder (no ../shared beside it), then:
#  1. with no mirror, no cache and no network, `./bulwark demo --check` must stop before
#     starting anything, with one line naming what is missing and the two ways to provide it;
#  2. with a chart mirror served from 127.0.0.1 (BULWARK_CHARTS=http://127.0.0.1:PORT), made
#     from the upstream charts the way `bulwark mirror export` lays one out (docs/adr/0013),
#     `./bulwark demo --check` must pass.
# The mirror is built from a folder of upstream charts (default ../shared/charts; set
# BULWARK_UPSTREAM_CHARTS) with real helm.
#
#   tools/lone-clone-demo.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
CHARTS=${BULWARK_UPSTREAM_CHARTS:-$ROOT/../shared/charts}
. "$ROOT/bulwark-cli/src/dist/bin/find-java.sh"
export JAVA_HOME=$BULWARK_JAVA_HOME

[ -f "$CHARTS/CHARTS.tsv" ] || { echo "lone-clone-demo: no upstream charts at $CHARTS (set BULWARK_UPSTREAM_CHARTS)" >&2; exit 1; }
HELM=$("$ROOT/tools/install-helm.sh")
WORK=$(mktemp -d)
SERVER=
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "lone-clone-demo: cloning $ROOT into $WORK/bulwark" >&2
git clone -q "$ROOT" "$WORK/bulwark"
cd "$WORK/bulwark"
# an empty chart cache, so that only the mirror (or nothing) can provide the charts
export XDG_CACHE_HOME=$WORK/cache
mkdir -p "$XDG_CACHE_HOME"
unset BULWARK_CHARTS BULWARK_SHARED_DIR

echo "lone-clone-demo: building the CLI in the clone" >&2
./bulwark --version >/dev/null

echo "lone-clone-demo: 1. no mirror, no network: one line, nothing started" >&2
offline=(env)
if unshare -n true 2>/dev/null; then
  offline=(unshare -n)
fi
set +e
"${offline[@]}" ./bulwark demo --check >"$WORK/offline.out" 2>"$WORK/offline.err"
code=$?
set -e
# the launcher's own progress (building binaries and helm) is not the command's output
grep -v -e '^\[build-k8s-binaries\]' -e '^install-helm:' "$WORK/offline.err" >"$WORK/offline.line" || true
cat "$WORK/offline.line" >&2
if [ "$code" -ne 3 ] || [ "$(wc -l <"$WORK/offline.line")" -ne 1 ] \
    || ! grep -q '^bulwark demo: cannot obtain the charts of .*--charts' "$WORK/offline.line" \
    || grep -q 'starting a local control plane' "$WORK/offline.out"; then
  echo "lone-clone-demo: FAILED: expected exit 3 and one line naming the missing charts and --charts, before anything starts (exit $code)" >&2
  cat "$WORK/offline.out" >&2
  exit 1
fi

echo "lone-clone-demo: 2. a chart mirror on 127.0.0.1" >&2
"$JAVA_HOME/bin/java" "$ROOT/bulwark-testkit/src/main/java/dev/bulwark/testkit/charts/MirrorBuilder.java" \
  "$CHARTS" "$HELM" "$WORK/mirror" >/dev/null
"$JAVA_HOME/bin/jwebserver" -b 127.0.0.1 -p 0 -d "$WORK/mirror" >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 50); do
  grep -q '^URL ' "$WORK/server.log" && break
  sleep 0.2
done
URL=$(sed -n 's/^URL \(http[^ ]*\)\/$/\1/p' "$WORK/server.log")
[ -n "$URL" ] || { echo "lone-clone-demo: the mirror server did not start" >&2; cat "$WORK/server.log" >&2; exit 1; }
BULWARK_CHARTS=$URL ./bulwark demo --check
echo "lone-clone-demo: passed" >&2
