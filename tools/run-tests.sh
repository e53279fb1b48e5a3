#!/usr/bin/env bash
# Runs Bulwark's whole test suite with a JDK 21+ (the machines default to JDK 17).
# Extra arguments go to Maven, e.g. tools/run-tests.sh -pl bulwark-render.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
. "$ROOT/bulwark-cli/src/dist/bin/find-java.sh"
export JAVA_HOME=$BULWARK_JAVA_HOME
echo "run-tests: using JDK at $JAVA_HOME" >&2
cd "$ROOT"
exec ./mvnw -B -ntp verify "$@"
