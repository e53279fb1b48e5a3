set -eu
api() { curl -fsS -u "elastic:$ES_PASSWORD" -H 'Content-Type: application/json' "$@" >/dev/null; }
until api "$ES_URL/_cluster/health?wait_for_status=yellow&timeout=30s"; do sleep 10; done
put_all() {
  for file in "$CONFIG_DIR/$1"-*.json; do
    [ -e "$file" ] || continue
    name=$(basename "$file" .json); name=${name#"$1"-}
    api -X PUT "$ES_URL/$2/$name" -d @"$file"
  done
}
put_all role _security/role
put_all mapping _security/role_mapping
put_all ilm _ilm/policy
put_all template _index_template
