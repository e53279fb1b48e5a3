#!/usr/bin/env bash
# Fuzzes one target for a while with Jazzer (coverage-guided), e.g. tools/fuzz.sh spec 30m.
# Targets: spec (the spec loader), admission (the webhook's AdmissionReview handler), cel (Bulwark's
# CEL evaluator against cel-java), gate-sarif, gate-sbom, gate-grype, gate-vulns, gate-vex, gate-zap,
# gate-signature (the gate's readers). DURATION as Jazzer reads it: 90s, 30m, 2h. Further arguments
# go to Maven (e.g. -o to stay offline).
# The corpus grows in <module>/.cifuzz-corpus/ (ignored by git). A crash stops the run and leaves its
# input under <module>/src/test/resources/.../<FuzzTest>Inputs/<method>/: fix the code, keep that
# input as a regression seed, and `mvn verify` replays it from then on (ADR 0037).
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
usage() {
  echo "usage: tools/fuzz.sh TARGET DURATION [MAVEN-ARGS...]   (TARGET: spec admission cel gate-sarif gate-sbom gate-grype gate-vulns gate-vex gate-zap gate-signature)" >&2
  exit 2
}
[ $# -ge 2 ] || usage
target=$1
duration=$2
shift 2
case "$target" in
  spec) module=bulwark-spec test=dev.bulwark.spec.fuzz.SpecLoaderFuzzTest ;;
  admission) module=bulwark-policy test=dev.bulwark.policy.fuzz.AdmissionHandlerFuzzTest ;;
  cel) module=bulwark-policy test=dev.bulwark.policy.engine.CelDifferentialFuzzTest ;;
  gate-*) module=bulwark-gate test="dev.bulwark.gate.fuzz.GateReadersFuzzTest#${target#gate-}" ;;
  *) usage ;;
esac
. "$ROOT/bulwark-cli/src/dist/bin/find-java.sh"
export JAVA_HOME=$BULWARK_JAVA_HOME
cd "$ROOT"
# JAZZER_FUZZ=1 turns the replay of the seeds into fuzzing; JAZZER_MAX_DURATION overrides the
# short @FuzzTest(maxDuration) the normal test run would use.
JAZZER_FUZZ=1 JAZZER_MAX_DURATION="$duration" ./mvnw -B -ntp test -pl "$module" -am \
  -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.check.skip=true "$@"
