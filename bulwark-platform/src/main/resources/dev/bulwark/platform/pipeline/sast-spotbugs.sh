set -eu
# The JVM analyser of the SAST stage: SpotBugs with the FindSecBugs plugin over the bytecode the
# test stage compiled into the checkout (Maven's target/classes, Gradle's build/classes/*/main; the
# tests' classes are not the application's). Only the SECURITY category is reported, at medium
# confidence or above, so a style or performance bug never blocks a release and the low-confidence
# guesses stay out. Exit code 0 on findings: the gate stage decides.

# One list, one SpotBugs run, whatever the number of modules (and spaces in their paths).
list="${TMPDIR:-/tmp}/spotbugs-classes.txt"
find "$SOURCE_DIR" -name .git -prune -o -type d \( -path '*/target/classes' \
  -o -path '*/build/classes/java/main' -o -path '*/build/classes/kotlin/main' \) -print >"$list"

if [ ! -s "$list" ]; then
  # Not a JVM application, or one without a test stage that compiles it: a run without results,
  # so the gate reads the same reports for every application and a JVM one is never mistaken
  # for a clean one (the step's log and the run's properties say nothing was analysed).
  echo "no compiled JVM classes (target/classes, build/classes/*/main) in the checkout: nothing for SpotBugs"
  cat >"$REPORT" <<'SARIF'
{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"SpotBugs"}},"results":[],"properties":{"analysed":"no compiled JVM classes in the checkout"}}]}
SARIF
  exit 0
fi
echo "SpotBugs with FindSecBugs on:"
cat "$list"

filter="${TMPDIR:-/tmp}/spotbugs-security.xml"
echo '<FindBugsFilter><Match><Bug category="SECURITY"/></Match></FindBugsFilter>' >"$filter"
raw="${TMPDIR:-/tmp}/spotbugs.sarif"
spotbugs -textui -quiet -effort:max -medium -pluginList "$FINDSECBUGS" -include "$filter" \
  -sarif="$raw" -analyzeFromFile "$list"

# SpotBugs derives a result's level from its bug rank, which puts every FindSecBugs pattern, a
# command injection as much as a weak hash, at "warning" (or "note"); the gate would read that as
# medium and the default failOn (high) would let every one through. Only security bugs are left,
# so each goes up one level: warning -> error (high), note -> warning (medium).
sed -E -e 's/"level": *"warning"/"level":"error"/g' -e 's/"level": *"note"/"level":"warning"/g' \
  "$raw" >"$REPORT"
rm -f "$raw"
