#!/usr/bin/env bash
# Runs Bulwark's whole test suite with a JDK 21+ (the machines default to JDK 17), after
# installing or building what the tests need (.ci/prepare.d: the control plane binaries, helm,
# the real engines, shellcheck; each step does nothing when its tool is already there).
# Extra arguments go to Maven, e.g. tools/run-tests.sh -pl bulwark-render.
# BULWARK_PREPARE=0 skips the preparation (tests whose tool is missing then skip with a message,
# or fail when CI=true).
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
. "$ROOT/bulwark-cli/src/dist/bin/find-java.sh"
export JAVA_HOME=$BULWARK_JAVA_HOME
echo "run-tests: using JDK at $JAVA_HOME" >&2
cd "$ROOT"
if [ "${BULWARK_PREPARE:-1}" != 0 ]; then
  for hook in .ci/prepare.d/*.sh; do
    [ -e "$hook" ] || continue
    echo "run-tests: preparing with $hook (a no-op when its tool is present; a cold build takes minutes)" >&2
    bash "$hook" >&2
  done
fi
# Each module's SkipSummary writes target/skipped.txt; old ones would name tests this run did not skip.
find . -path '*/target/skipped.txt' -not -path './node_modules/*' -delete 2>/dev/null || true
status=0
./mvnw -B -ntp verify "$@" || status=$?
tools/skipped-summary.sh
exit "$status"
