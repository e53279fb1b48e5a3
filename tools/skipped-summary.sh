#!/usr/bin/env bash
# Prints every test the last build skipped, with its reason: the union of the modules'
# target/skipped.txt (written by the testkit's SkipSummary listener). A skip is not a pass; this
# keeps it visible at the end of a long log. Exits 0 either way.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$ROOT"
total=0
report=""
while IFS= read -r file; do
  module=${file%/target/skipped.txt}
  module=${module#./}
  while IFS=$'\t' read -r test reason; do
    [ -n "$test" ] || continue
    total=$((total + 1))
    report+="  ${module}: ${test}: ${reason}"$'\n'
  done <"$file"
done < <(find . -path '*/target/skipped.txt' -not -path './node_modules/*' | sort)
echo
if [ "$total" -eq 0 ]; then
  echo "skipped tests: none"
else
  echo "skipped tests: $total (each says what is missing; CI=true turns these into failures, except those blocked on this host)"
  printf '%s' "$report"
fi
