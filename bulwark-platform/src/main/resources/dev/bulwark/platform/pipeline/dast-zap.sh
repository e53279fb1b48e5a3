set -u
# ZAP's baseline scan: it spiders the target for a minute and reports what its passive rules see.
# It never decides (-I: warnings do not fail it); the gate step does, from its traditional JSON
# report. Its working directory, /zap/wrk, is this pod's reports volume.
cd /zap/wrk || exit 3
zap-baseline.py -t "$TARGET" -J "$REPORT" -I
status=$?
# 0 to 2: the scan ran and wrote its report; 3 and above: the scan itself failed, so there is no
# report and the gate (which would say "bad input") is not reached
if [ "$status" -ge 3 ]; then
  echo "ZAP's baseline scan of $TARGET failed (exit $status): no report" >&2
  exit "$status"
fi
if [ ! -s "$REPORT" ]; then
  echo "ZAP's baseline scan of $TARGET wrote no report" >&2
  exit 3
fi
