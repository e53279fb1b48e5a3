#!/usr/bin/env bash
# bulwark gate on 5,000 SBOM components, 2,000 findings and 200 waivers, each run a fresh JVM
# through the launcher, alternated with `bulwark --version` (JVM start-up alone) as the baseline and
# `bulwark validate` of the same spec (the spec loader's share).
#   bulwark-benchmarks/gate.sh [ROUNDS]     (default 3; needs the CLI distribution and this module built)
set -euo pipefail
HERE=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
. "$ROOT/bulwark-cli/src/dist/bin/find-java.sh"
ROUNDS=${1:-3}
BULWARK="$ROOT/bulwark-cli/target/bulwark/bin/bulwark"
[ -x "$BULWARK" ] || { echo "build the CLI first: ./mvnw -B -DskipTests package -pl bulwark-cli -am" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
CP="$HERE/target/classes:$(cat "$HERE/target/classpath.txt")"
DIGEST=$("$BULWARK_JAVA_HOME/bin/java" -cp "$CP" dev.bulwark.benchmarks.gate.GateInputs "$WORK" 5000 2000 200)
echo "inputs: $(du -sh "$WORK" | cut -f1), load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$ROUNDS"); do
  /usr/bin/time -f "version: %e s wall, %U+%S s CPU, %M KiB max RSS" "$BULWARK" --version >/dev/null
  # The spec loader's share: the same spec, validated alone.
  /usr/bin/time -f "validate: %e s wall, %U+%S s CPU, %M KiB max RSS" "$BULWARK" validate "$WORK/spec" >/dev/null
  set +e
  /usr/bin/time -f "gate:    %e s wall, %U+%S s CPU, %M KiB max RSS" "$BULWARK" gate \
    --spec "$WORK/spec" --app cart --env prod --image-digest "$DIGEST" \
    --sbom "$WORK/sbom.json" --vulns "$WORK/grype.json" --format json --out "$WORK/decision.json"
  code=$?
  set -e
  echo "exit $code, decision $(grep -m1 -o '"decision" : "[a-z]*"' "$WORK/decision.json"), load $(cut -d' ' -f1 /proc/loadavg)"
done
