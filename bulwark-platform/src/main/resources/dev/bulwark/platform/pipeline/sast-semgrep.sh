set -eu
# The SAST stage: Semgrep with the platform's rule set only (RULES_DIR, mounted from a ConfigMap),
# never a downloaded rule pack, with metrics and the version check off, so nothing is fetched at scan
# time. Findings go to SARIF and do not fail this step: the gate stage decides.
cd "$SOURCE_DIR"
semgrep scan --config "$RULES_DIR" --metrics=off --disable-version-check --quiet \
  --sarif --output "$REPORT" .
# Semgrep prefixes each rule id with the dotted directory of the rule file (/rules/x.yaml gives
# rules.<id>); the gate, its waivers and its reports name the platform's own ids, so the prefix is
# taken off again, with the Python Semgrep itself runs on.
python3 - "$REPORT" "$RULES_DIR" <<'PY'
import json
import sys

report, rules_dir = sys.argv[1], sys.argv[2]
parts = [p for p in rules_dir.split("/") if p not in ("", ".", "..")]
prefix = ".".join(parts) + "." if parts else ""


def own(rule_id):
    return rule_id[len(prefix):] if prefix and rule_id.startswith(prefix) else rule_id


with open(report, encoding="utf-8") as f:
    log = json.load(f)
for run in log.get("runs", []):
    for rule in run.get("tool", {}).get("driver", {}).get("rules", []):
        rule["id"] = own(rule.get("id", ""))
        if "name" in rule:
            rule["name"] = own(rule["name"])
        short = rule.get("shortDescription")
        if short and prefix:
            short["text"] = short.get("text", "").replace(prefix, "", 1)
    for result in run.get("results", []):
        if "ruleId" in result:
            result["ruleId"] = own(result["ruleId"])
with open(report, "w", encoding="utf-8") as f:
    json.dump(log, f)
PY
