set -eu
api() { curl -fsS -u "admin:$HARBOR_PASSWORD" -H 'Content-Type: application/json' "$@"; }
sed "s/}$/, \"oidc_client_secret\": \"$OIDC_CLIENT_SECRET\"}/" "$CONFIG_DIR"/configurations.json > "$TMPDIR/conf.json"
api -X PUT "$HARBOR_URL/api/v2.0/configurations" -d @"$TMPDIR/conf.json"
# fill TEMPLATE: the project's payload from its template, into $TMPDIR/TEMPLATE.json. Names are DNS
# labels and the numbers digits, so nothing needs escaping.
fill() {
  sed -e "s/@PROJECT@/$project/g" -e "s/@TENANT@/$tenant/g" -e "s/\"@DAYS@\"/$days/g" \
    -e "s/\"@PROJECT_ID@\"/${id:-0}/g" "$CONFIG_DIR/$1.json" > "$TMPDIR/$1.json"
}
# A line of projects is <project> <API path of the tenant's robot account in OpenBao>
# <retention in days> <tenant>.
while read -r project robot_path days tenant; do
  [ -n "$project" ] || continue
  id=
  fill project
  api -X POST "$HARBOR_URL/api/v2.0/projects" -d @"$TMPDIR/project.json" || true
  id=$(api "$HARBOR_URL/api/v2.0/projects/$project" | sed -n 's/.*"project_id": *\([0-9]*\).*/\1/p')
  fill retention
  api -X POST "$HARBOR_URL/api/v2.0/retentions" -d @"$TMPDIR/retention.json" || true
  fill robot
  if api -X POST "$HARBOR_URL/api/v2.0/robots" -d @"$TMPDIR/robot.json" > "$TMPDIR/robot-secret.json" 2>/dev/null; then
    if [ -n "${BAO_ROLE:-}" ]; then
      # Kubernetes auth as this Job's ServiceAccount: a short-lived token, never stored.
      jwt=$(cat "$SERVICE_ACCOUNT_TOKEN")
      BAO_TOKEN=$(curl -fsS -X POST "$BAO_ADDR/v1/$BAO_LOGIN_PATH" -d "{\"role\": \"$BAO_ROLE\", \"jwt\": \"$jwt\"}" \
        | sed -n 's/.*"client_token": *"\([^"]*\)".*/\1/p')
      curl -fsS -H "X-Vault-Token: $BAO_TOKEN" -X POST "$BAO_ADDR/v1/$robot_path" \
        -d "{\"data\": $(cat "$TMPDIR/robot-secret.json")}" >/dev/null
    fi
  fi
  rm -f "$TMPDIR/robot-secret.json"
done < "$CONFIG_DIR"/projects
