set -eu
api() { curl -fsS -u "admin:$HARBOR_PASSWORD" -H 'Content-Type: application/json' "$@"; }
sed "s/}$/, \"oidc_client_secret\": \"$OIDC_CLIENT_SECRET\"}/" /config/configurations.json > /tmp/conf.json
api -X PUT "$HARBOR_URL/api/v2.0/configurations" -d @/tmp/conf.json
while read -r project tenant; do
  [ -n "$project" ] || continue
  api -X POST "$HARBOR_URL/api/v2.0/projects" -d @"/config/project-$project.json" || true
  id=$(api "$HARBOR_URL/api/v2.0/projects/$project" | sed -n 's/.*"project_id": *\([0-9]*\).*/\1/p')
  sed "s/}$/, \"scope\": {\"level\": \"project\", \"ref\": $id}}/" "/config/retention-$project.json" > /tmp/retention.json
  api -X POST "$HARBOR_URL/api/v2.0/retentions" -d @/tmp/retention.json || true
  if api -X POST "$HARBOR_URL/api/v2.0/robots" -d @"/config/robot-$project.json" > /tmp/robot.json 2>/dev/null; then
    if [ -n "${BAO_ROLE:-}" ]; then
      # Kubernetes auth as this Job's ServiceAccount: a short-lived token, never stored.
      jwt=$(cat /var/run/secrets/kubernetes.io/serviceaccount/token)
      BAO_TOKEN=$(curl -fsS -X POST "$BAO_ADDR/v1/auth/kubernetes/login" -d "{\"role\": \"$BAO_ROLE\", \"jwt\": \"$jwt\"}" \
        | sed -n 's/.*"client_token": *"\([^"]*\)".*/\1/p')
      curl -fsS -H "X-Vault-Token: $BAO_TOKEN" -X POST "$BAO_ADDR/v1/secret/data/tenants/$tenant/registry" \
        -d "{\"data\": $(cat /tmp/robot.json)}" >/dev/null
    fi
    rm -f /tmp/robot.json
  fi
done < /config/projects
