set -eu
# Logs in as this Job's ServiceAccount: the role the initialisation Job created.
BAO_TOKEN=$(bao write -field=token "auth/$AUTH_MOUNT/login" role="$BOOTSTRAP_ROLE" \
  jwt=@"$SERVICE_ACCOUNT_TOKEN")
export BAO_TOKEN
bao secrets enable -path="$KV_MOUNT" kv-v2 2>/dev/null || true
bao auth enable -path="$AUTH_MOUNT" kubernetes 2>/dev/null || true
# The API server as the kubelet gives it to every Pod: no cluster DNS needed.
bao write "auth/$AUTH_MOUNT/config" kubernetes_host="https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT"
for policy in "$CONFIG_DIR"/policy-*.hcl; do
  name=$(basename "$policy" .hcl); name=${name#policy-}
  bao policy write "$name" "$policy"
done
for role in "$CONFIG_DIR"/role-*; do
  name=${role#"$CONFIG_DIR"/role-}
  namespaces=$(sed -n 1p "$role"); accounts=$(sed -n 2p "$role")
  bao write "auth/$AUTH_MOUNT/role/$name" bound_service_account_names="$accounts" \
    bound_service_account_namespaces="$namespaces" policies="$name" ttl=15m
done
# Secrets the platform generates: created once, never overwritten or printed. A line is
# <path> [<random key> [<key>=<fixed value>...]]; the random key defaults to clientSecret.
while read -r path key fixed; do
  [ -n "$path" ] || continue
  if ! bao kv get -mount="$KV_MOUNT" "$path" >/dev/null 2>&1; then
    # shellcheck disable=SC2086
    bao kv put -mount="$KV_MOUNT" "$path" "${key:-clientSecret}=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" $fixed >/dev/null
  fi
done < "$CONFIG_DIR"/generated-secrets
