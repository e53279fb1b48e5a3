#!/usr/bin/env bash
# Runs a benchmark main class (or JMH with "jmh ARGS...") on the built module.
#   bulwark-benchmarks/run.sh scale              # render 100, 1,000 and 5,000 tenants, each in a fresh JVM
#   BULWARK_BENCH_SHAPE=builds bulwark-benchmarks/run.sh scale 100   # applications with builds and 3 environments
#   bulwark-benchmarks/run.sh jmh RenderBenchmark
#   bulwark-benchmarks/run.sh gate               # bulwark gate through the launcher, against bulwark --version
#   bulwark-benchmarks/run.sh peers [OBJECTS [ROUNDS]]  # bulwark audit against gator and the Kyverno CLI
#   bulwark-benchmarks/run.sh scorecard [TENANTS [ROUNDS]]  # the operator's scorecard of a populated cluster
set -euo pipefail
HERE=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
. "$ROOT/bulwark-cli/src/dist/bin/find-java.sh"
export JAVA_HOME=$BULWARK_JAVA_HOME
if [ ! -f "$HERE/target/classpath.txt" ]; then
  (cd "$ROOT" && ./mvnw -B -q -DskipTests install -pl bulwark-benchmarks -am)
fi
CP="$HERE/target/classes:$(cat "$HERE/target/classpath.txt")"
JAVA="$JAVA_HOME/bin/java"
case "${1:-}" in
  scale)
    shift
    for tenants in ${*:-100 1000 5000}; do
      "$JAVA" -Xmx"${BULWARK_BENCH_HEAP:-1g}" -XX:+UseParallelGC -cp "$CP" dev.bulwark.benchmarks.render.RenderScale "$tenants" "${BULWARK_BENCH_SHAPE:-plain}"
    done ;;
  gate)
    shift
    exec "$HERE/gate.sh" "$@" ;;
  peers)
    shift
    exec "$HERE/peers/run.sh" "$@" ;;
  console)
    shift
    exec "$JAVA" -cp "$CP" dev.bulwark.benchmarks.console.ConsoleLoad "$@" ;;
  scorecard)
    shift
    exec "$JAVA" -cp "$CP" dev.bulwark.benchmarks.scorecard.ScorecardScale "$@" ;;
  jmh)
    shift
    exec "$JAVA" -cp "$CP" org.openjdk.jmh.Main "$@" ;;
  *)
    echo "usage: $0 scale [TENANTS...] | gate [ROUNDS] | peers [OBJECTS [ROUNDS]] | console [USERS] [REQUESTS] [APPS] | scorecard [TENANTS] [ROUNDS] | jmh [JMH ARGS...]" >&2; exit 2 ;;
esac
