#!/usr/bin/env bash
# The peers harness: `bulwark audit` against the policy engines it exports to, on one corpus, in
# one run, the tools interleaved for several rounds.
#
#   bulwark-benchmarks/peers/run.sh [OBJECTS [ROUNDS]]     (defaults: 20000 objects, 3 rounds)
#
# What it does:
#   1. builds the CLI distribution and this module when they are missing (Maven, offline when it can);
#   2. builds the peers from their Go modules into the engines cache outside the work tree
#      (tools/build-engines.sh: gator, Gatekeeper's CLI, and the Kyverno CLI; nothing of them is
#      committed);
#   3. writes the corpus (PeerCorpus: OBJECTS Deployments, Services and ConfigMaps in 100 files,
#      with their Namespace; some Deployments break rules);
#   4. exports Bulwark's own policies for each peer (`bulwark policies export --target gatekeeper`
#      and `--target kyverno`, in audit mode so that a denial is reported, not fatal), so every
#      tool evaluates the same rules with the same parameters;
#   5. after a warm-up run of each tool, runs Bulwark and every peer ROUNDS times, interleaved (the order rotates each round), each
#      run measured by /usr/bin/time: wall, CPU (user + sys) and peak RSS; the load average is
#      printed before every round;
#   6. counts each tool's verdicts per policy (objects that fail it) and prints every policy where
#      a peer's count differs from Bulwark's;
#   7. prints a table: median wall and CPU, the largest peak RSS, and each as a ratio to Bulwark's.
#
# Needs: a JDK 21+, Go 1.26+ (for the peers), jq, /usr/bin/time. The Go module proxy must be
# reachable the first time (the peers' modules). Work files go to $BULWARK_PEERS_WORK (default: a
# temporary directory, removed at the end unless BULWARK_PEERS_KEEP=1).
set -euo pipefail
HERE=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OBJECTS=${1:-20000}
ROUNDS=${2:-3}
PARAMS=(--param platformRegistry=registry.acme.example.com --param domain=acme.example.com)

die() { echo "peers: $*" >&2; exit 1; }
for tool in jq /usr/bin/time; do
  command -v "$tool" >/dev/null || die "needs $tool (apt-get install jq time)"
done
. "$ROOT/bulwark-cli/src/dist/bin/find-java.sh"
export JAVA_HOME=$BULWARK_JAVA_HOME

BULWARK="$ROOT/bulwark-cli/target/bulwark/bin/bulwark"
CLASSPATH_FILE="$ROOT/bulwark-benchmarks/target/classpath.txt"
if [ ! -x "$BULWARK" ] || [ ! -f "$CLASSPATH_FILE" ]; then
  echo "peers: building the CLI and the benchmarks module..." >&2
  (cd "$ROOT" && ./mvnw -B -ntp -q -DskipTests package -pl bulwark-cli,bulwark-benchmarks -am >&2) \
    || die "the build failed"
fi
ENGINES=$("$ROOT/tools/build-engines.sh" gator kyverno) || die "cannot build the peers (tools/build-engines.sh)"
GATOR=$(sed -n 's/^GATOR=//p' <<<"$ENGINES")
KYVERNO=$(sed -n 's/^KYVERNO=//p' <<<"$ENGINES")

WORK=${BULWARK_PEERS_WORK:-$(mktemp -d)}
mkdir -p "$WORK"
[ "${BULWARK_PEERS_KEEP:-0}" = 1 ] || [ -n "${BULWARK_PEERS_WORK:-}" ] || trap 'rm -rf "$WORK"' EXIT
CORPUS="$WORK/corpus"
rm -rf "$CORPUS" "$WORK/out" && mkdir -p "$WORK/out"
"$JAVA_HOME/bin/java" -cp "$ROOT/bulwark-benchmarks/target/classes:$(cat "$CLASSPATH_FILE")" \
  dev.bulwark.benchmarks.policy.PeerCorpus "$CORPUS" "$OBJECTS"
"$BULWARK" policies export --target gatekeeper --enforcement audit "${PARAMS[@]}" >"$WORK/gatekeeper.yaml"
"$BULWARK" policies export --target kyverno --enforcement audit "${PARAMS[@]}" >"$WORK/kyverno.yaml"
# the Kyverno CLI takes the namespace (its labels, for namespaceSelector, and the object, for CEL's
# namespaceObject) from a values file, not from the resources
jq -n --arg ns team-a-prod '{"bulwark.dev/tenant": "team-a", "bulwark.dev/environment": "prod",
    "kubernetes.io/metadata.name": $ns, "pod-security.kubernetes.io/enforce": "restricted",
    "pod-security.kubernetes.io/enforce-version": "latest"} as $labels
  | {apiVersion: "cli.kyverno.io/v1alpha1", kind: "Values",
     namespaceSelector: [{name: $ns, labels: $labels}],
     namespaces: [{apiVersion: "v1", kind: "Namespace", metadata: {name: $ns, labels: $labels}}]}' \
  >"$WORK/kyverno-values.json"
resources=()
for f in "$CORPUS"/*.yaml; do resources+=("--resource=$f"); done
gator_files=("--filename=$WORK/gatekeeper.yaml")
for f in "$CORPUS"/*.yaml; do gator_files+=("--filename=$f"); done

# run_tool NAME ROUND: runs one tool once under /usr/bin/time; its output goes to out/NAME-ROUND.*
run_tool() {
  local name=$1 round=$2 out="$WORK/out/$1-$2"
  local cmd
  case "$name" in
    bulwark) cmd=("$BULWARK" audit -o json --fail-on critical "${PARAMS[@]}" "$CORPUS") ;;
    gator)   cmd=("$GATOR" test --output=json "${gator_files[@]}") ;;
    kyverno) cmd=("$KYVERNO" apply "$WORK/kyverno.yaml" "${resources[@]}" \
                  --values-file="$WORK/kyverno-values.json" --policy-report --output-format=json --remove-color) ;;
  esac
  set +e
  /usr/bin/time -f "%e %U %S %M" -o "$out.time" "${cmd[@]}" >"$out.stdout" 2>"$out.stderr"
  local code=$?
  set -e
  echo "$code" >"$out.exit"
  local wall user sys rss
  read -r wall user sys rss < <(tail -n 1 "$out.time")
  printf '  %-8s exit %s, %s s wall, %s+%s CPU-s, %s KiB peak RSS\n' "$name" "$code" "$wall" "$user" "$sys" "$rss"
}

# verdicts NAME ROUND: "POLICY COUNT" lines, the number of objects that fail each policy
verdicts() {
  local out="$WORK/out/$1-$2.stdout"
  case "$1" in
    bulwark) jq -r '.results[].findings[] | select(.error | not) | .policy' "$out" ;;
    gator)   jq -r '.[] | .constraint.metadata.name | sub("^bulwark-"; "")' "$out" ;;
    kyverno) grep '^{' "$out" | jq -r '.results[] | select(.result == "fail") | .policy as $p
                                       | .resources[] | $p | sub("^bulwark-"; "")' ;;
  esac | sort | uniq -c | awk '{ print $2, $1 }'
}

# prints each tool's verdict count per policy, marking every policy where a peer's count differs
# from Bulwark's; returns 1 when any differs
compare_verdicts() {
  local tool
  echo
  echo "verdicts (objects failing each policy, round 1):"
  for tool in "${TOOLS[@]}"; do
    if [ "$(cat "$WORK/out/$tool-1.exit")" != 0 ] && [ "$tool" != kyverno ]; then
      # kyverno apply exits 1 whenever a policy fails; bulwark and gator here exit 0 on findings
      echo "  $tool exited $(cat "$WORK/out/$tool-1.exit"); the end of its stderr:"
      tail -n 5 "$WORK/out/$tool-1.stderr" | sed 's/^/    /'
    fi
    verdicts "$tool" 1 | sed "s/^/$tool /"
  done >"$WORK/out/verdicts"
  awk -v tools="${TOOLS[*]}" '
    /^  / { print; next }
    { count[$2, $1] = $3; policies[$2] = 1 }
    END {
      n = split(tools, t, " "); differs = 0
      line = sprintf("  %-36s", "policy"); for (i = 1; i <= n; i++) line = line sprintf(" %8s", t[i]); print line
      for (p in policies) {
        line = sprintf("  %-36s", p); mark = ""
        for (i = 1; i <= n; i++) {
          c = count[p, t[i]] + 0; line = line sprintf(" %8d", c)
          if (c != count[p, t[1]] + 0) mark = "  <- differs"
        }
        if (mark != "") differs = 1
        print line mark | "sort"
      }
      close("sort"); exit differs
    }' "$WORK/out/verdicts"
}

# median of the numbers on standard input
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

table() {
  local tool bw bc
  echo
  echo "per tool, over $ROUNDS rounds: median wall, median CPU (user + sys), largest peak RSS; ratio = tool / Bulwark"
  printf '  %-8s %9s %9s %10s %11s %10s\n' tool wall-s CPU-s "RSS-MiB" "wall ratio" "CPU ratio"
  for tool in "${TOOLS[@]}"; do
    local wall cpu rss
    wall=$(tail -q -n 1 "$WORK"/out/"$tool"-*.time | awk '{ print $1 }' | median)
    cpu=$(tail -q -n 1 "$WORK"/out/"$tool"-*.time | awk '{ print $2 + $3 }' | median)
    rss=$(tail -q -n 1 "$WORK"/out/"$tool"-*.time | awk '$4 > m { m = $4 } END { printf "%.0f", m / 1024 }')
    [ "$tool" = bulwark ] && { bw=$wall; bc=$cpu; }
    printf '  %-8s %9.2f %9.2f %10s %10.1fx %9.1fx\n' "$tool" "$wall" "$cpu" "$rss" \
      "$(awk -v a="$wall" -v b="$bw" 'BEGIN { print a / b }')" "$(awk -v a="$cpu" -v b="$bc" 'BEGIN { print a / b }')"
  done
}

# Bulwark first; BULWARK_PEERS chooses the peers (default: both; the Kyverno CLI needs about
# 70 CPU-ms per object, so large corpora take it many minutes)
read -r -a PEERS <<<"${BULWARK_PEERS:-gator kyverno}"
TOOLS=(bulwark "${PEERS[@]}")
echo "corpus: $OBJECTS objects + 1 Namespace, $(du -sh "$CORPUS" | cut -f1); $(nproc) cores; $ROUNDS rounds"
echo "peers: ${PEERS[*]} (gator: $GATOR, kyverno: $KYVERNO)"
# a warm-up of each tool, not measured: the page cache, and Bulwark's class-data archive for audit,
# which the launcher writes at the end of the command's first run (ADR 0045)
"$BULWARK" audit "$CORPUS/namespace.yaml" >/dev/null
"$GATOR" --version >/dev/null
"$KYVERNO" version >/dev/null
for round in $(seq "$ROUNDS"); do
  echo "round $round, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  for i in "${!TOOLS[@]}"; do
    run_tool "${TOOLS[$(( (i + round - 1) % ${#TOOLS[@]} ))]}" "$round"
  done
done
echo "after the last round, load average $(cut -d' ' -f1-3 /proc/loadavg)"
agree=0
compare_verdicts || agree=1
table
if [ "$agree" = 1 ]; then
  echo
  echo "peers: the verdicts differ for the policies marked above (see the notes in BENCHMARKS.md)." >&2
  exit 3
fi
