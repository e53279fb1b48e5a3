set -eu
api() { curl -fsS -u "admin:$HARBOR_PASSWORD" -H 'Content-Type: application/json' "$@"; }
sed "s/}$/, \"oidc_client_secret\": \"$OIDC_CLIENT_SECRET\"}/" "$CONFIG_DIR"/configurations.json > "$TMPDIR/conf.json"
api -X PUT "$HARBOR_URL/api/v2.0/configurations" -d @"$TMPDIR/conf.json"
# A line of projects is <project> <API path of the tenant's robot account in OpenBao>.
while read -r project robot_path; do
  [ -n "$project" ] || continue
  api -X POST "$HARBOR_URL/api/v2.0/projects" -d @"$CONFIG_DIR/project-$project.json" || true
  id=$(api "$HARBOR_URL/api/v2.0/projects/$project" | sed -n 's/.*"project_id": *\([0-9]*\).*/\1/p')
  sed "s/}$/, \"scope\": {\"level\": \"project\", \"ref\": $id}}/" "$CONFIG_DIR/retention-$project.json" > "$TMPDIR/retention.json"
  api -X POST "$HARBOR_URL/api/v2.0/retentions" -d @"$TMPDIR/retention.json" || true
  if api -X POST "$HARBOR_URL/api/v2.0/robots" -d @"$CONFIG_DIR/robot-$project.json" > "$TMPDIR/robot.json" 2>/dev/null; then
    if [ -n "${BAO_ROLE:-}" ]; then
      # Kubernetes auth as this Job's ServiceAccount: a short-lived token, never stored.
      jwt=$(cat "$SERVICE_ACCOUNT_TOKEN")
      BAO_TOKEN=$(curl -fsS -X POST "$BAO_ADDR/v1/$BAO_LOGIN_PATH" -d "{\"role\": \"$BAO_ROLE\", \"jwt\": \"$jwt\"}" \
        | sed -n 's/.*"client_token": *"\([^"]*\)".*/\1/p')
      curl -fsS -H "X-Vault-Token: $BAO_TOKEN" -X POST "$BAO_ADDR/v1/$robot_path" \
        -d "{\"data\": $(cat "$TMPDIR/robot.json")}" >/dev/null
    fi
    rm -f "$TMPDIR/robot.json"
  fi
done < "$CONFIG_DIR"/projects
