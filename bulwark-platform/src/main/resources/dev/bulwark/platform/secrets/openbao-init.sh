set -eu
while :; do
  code=0; bao status -format=json > "$TMPDIR/status.json" 2>/dev/null || code=$?
  [ "$code" -eq 1 ] || break
  sleep 5
done
if grep -q '"initialized": *true' "$TMPDIR/status.json"; then
  echo 'OpenBao is initialised; nothing to do'
  exit 0
fi
# The root token stays in this shell; the recovery keys are neither kept nor printed.
BAO_TOKEN=$(bao operator init -recovery-shares=1 -recovery-threshold=1 -format=json \
  | sed -n 's/.*"root_token": *"\([^"]*\)".*/\1/p')
# sh has no pipefail: a failed init shows as an empty token.
[ -n "$BAO_TOKEN" ] || { echo 'bao operator init gave no root token' >&2; exit 1; }
export BAO_TOKEN
until bao status >/dev/null 2>&1; do sleep 2; done
bao secrets enable -path="$KV_MOUNT" kv-v2
bao auth enable -path="$AUTH_MOUNT" kubernetes
# The API server as the kubelet gives it to every Pod: no cluster DNS needed.
bao write "auth/$AUTH_MOUNT/config" kubernetes_host="https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT"
bao policy write "$BOOTSTRAP_ROLE" "$CONFIG_DIR"/bootstrap-policy.hcl
bao write "auth/$AUTH_MOUNT/role/$BOOTSTRAP_ROLE" bound_service_account_names="$CONFIG_ACCOUNT" \
  bound_service_account_namespaces="$CONFIG_NAMESPACE" policies="$BOOTSTRAP_ROLE" ttl=15m
bao token revoke -self
echo 'OpenBao initialised; the root token is revoked'
