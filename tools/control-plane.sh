#!/usr/bin/env bash
# A real, local Kubernetes control plane (etcd + kube-apiserver +
# kube-controller-manager) on free loopback ports, for tests and the demo.
# No container runtime, no kubelet, no scheduler: API objects only, but with
# real RBAC, admission, garbage collection and namespace deletion.
#
#   tools/control-plane.sh start  [--dir DIR]   start (fresh etcd data), wait for /readyz
#   tools/control-plane.sh stop   [--dir DIR]   stop (idempotent)
#   tools/control-plane.sh restart [--dir DIR]  SIGKILL etcd and kube-apiserver, start them again
#                                               on the same data and ports (a crash, for fault tests)
#   tools/control-plane.sh status [--dir DIR]   pids, RSS, readiness; exit 0 only if healthy
#   tools/control-plane.sh env    [--dir DIR]   print export lines: eval "$(tools/control-plane.sh env)"
#   tools/control-plane.sh smoke  [--dir DIR]   GC + namespace-deletion check against a running plane
#
# DIR defaults to ${BULWARK_CONTROL_PLANE_DIR:-$HOME/.cache/bulwark/control-plane}.
# Binaries come from ${BULWARK_K8S_BIN_DIR:-$HOME/.cache/bulwark/k8s-bins/<X.Y.Z>}
# (built by tools/build-k8s-binaries.sh). Needs bash, openssl, coreutils.
# Optional env: BULWARK_CP_TIMEOUT (seconds per readiness wait, default 180),
#               BULWARK_CP_ADVERTISE_ADDRESS (override kube-apiserver --advertise-address),
#               BULWARK_CP_AUTHENTICATION_CONFIG (an AuthenticationConfiguration file for
#               kube-apiserver --authentication-config, e.g. to accept an OIDC provider's tokens),
#               BULWARK_CP_PROFILING=true (serve kube-apiserver's /debug/pprof to its admin, for
#               the benchmarks' profiles; off by default, as a production API server should be).
set -euo pipefail

TOOLS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ME="tools/control-plane.sh"
MARKER=".bulwark-control-plane"
COMPONENTS=(etcd kube-apiserver kube-controller-manager)   # start order

log() { printf '[control-plane] %s\n' "$*" >&2; }
die() { printf '[control-plane] ERROR: %s\n' "$*" >&2; exit 1; }

# --- arguments -------------------------------------------------------------------
CMD=${1:-}; [ $# -gt 0 ] && shift
DIR="${BULWARK_CONTROL_PLANE_DIR:-$HOME/.cache/bulwark/control-plane}"
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) [ $# -ge 2 ] || die "--dir needs a value"; DIR=$2; shift 2 ;;
    --dir=*) DIR=${1#--dir=}; shift ;;
    -h|--help) CMD=help; shift ;;
    *) die "unknown argument: $1" ;;
  esac
done
case "$DIR" in /*) ;; *) DIR="$PWD/$DIR" ;; esac
DIR=${DIR%/}
[ -n "$DIR" ] && [ "$DIR" != "$HOME" ] || die "refusing to use '$DIR' as control-plane dir"

K8S_VERSION=$(sed -n 's/^[[:space:]]*\(require[[:space:]]\{1,\}\)\{0,1\}k8s\.io\/kubernetes[[:space:]]\{1,\}v\([0-9][0-9.]*\).*/\2/p' "$TOOLS_DIR/k8s/go.mod" | head -n1)
BIN_DIR="${BULWARK_K8S_BIN_DIR:-$HOME/.cache/bulwark/k8s-bins/${K8S_VERSION}}"
TIMEOUT=${BULWARK_CP_TIMEOUT:-180}
KUBECONFIG_FILE="$DIR/kubeconfig"
PKI="$DIR/pki"
LOGS="$DIR/logs"

usage() { sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

# --- process helpers -------------------------------------------------------------
pid_of() { [ -s "$DIR/$1.pid" ] && cat "$DIR/$1.pid" 2>/dev/null || true; }
# alive AND really our process (guards against pid reuse): exe name matches and
# its command line mentions DIR
is_ours() { # $1=component $2=pid
  local pid=$2
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  [ -r "/proc/$pid/cmdline" ] || return 0
  local cmdline; cmdline=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null) || return 1
  case "$cmdline" in *"$1"*"$DIR"*) return 0 ;; *) return 1 ;; esac
}
running() { is_ours "$1" "$(pid_of "$1")"; }
rss_mib() { awk '/^VmRSS:/{printf "%d", $2/1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }

port_socket() { # $1=port [$2=state, hex as in /proc/net/tcp]: a TCP socket (v4/v6) with this local port
  local hex; hex=$(printf '%04X' "$1")
  cat /proc/net/tcp /proc/net/tcp6 2>/dev/null |
    awk -v h=":$hex" -v s="${2:-}" 'NR>0 && index($2, h) == length($2)-4 && (s == "" || $4 == s) {f=1} END{exit !f}'
}
port_in_use() { port_socket "$1"; }          # any state
port_listening() { port_socket "$1" 0A; }    # 0A: LISTEN
USED_PORTS=" "
free_port() { # random free port below the ephemeral range (20000-32767)
  local p i
  for i in $(seq 1 200); do
    p=$(( 20000 + (RANDOM % 12768) ))
    case "$USED_PORTS" in *" $p "*) continue ;; esac
    port_in_use "$p" && continue
    USED_PORTS="$USED_PORTS$p "; echo "$p"; return 0
  done
  die "could not find a free TCP port"
}

# launch "$@" detached (own session; survives the calling shell), logs to $LOGS/<name>.log
launch() { # $1=component, rest=command
  local name=$1; shift
  : > "$LOGS/$name.log"
  printf '%s\0' "$@" > "$DIR/$name.argv"   # what restart launches again
  setsid bash -c 'echo $$ > "$0"; exec "$@"' "$DIR/$name.pid" "$@" \
    < /dev/null >> "$LOGS/$name.log" 2>&1 &
  local i; for i in $(seq 1 50); do [ -s "$DIR/$name.pid" ] && break; sleep 0.1; done
  log "started $name (pid $(pid_of "$name"), log $LOGS/$name.log)"
}

stop_one() { # $1=component; TERM, wait up to 20 s, then KILL
  local name=$1 pid; pid=$(pid_of "$name")
  if [ -z "$pid" ]; then return 0; fi
  if is_ours "$name" "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    local i; for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      log "$name (pid $pid) ignored SIGTERM for 20s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true; sleep 0.5
    fi
    log "stopped $name (pid $pid)"
  fi
  rm -f "$DIR/$name.pid"
}

stop_all() { local i; for (( i=${#COMPONENTS[@]}-1; i>=0; i-- )); do stop_one "${COMPONENTS[$i]}"; done; }

fail_start() { # $1=component whose wait failed
  log "---- last lines of $LOGS/$1.log ----"
  tail -n 40 "$LOGS/$1.log" >&2 || true
  log "------------------------------------"
  stop_all
  die "$1 did not become ready within ${TIMEOUT}s (full logs in $LOGS)"
}

kctl() { "$BIN_DIR/kubectl" --kubeconfig="$KUBECONFIG_FILE" --request-timeout=5s "$@"; }

wait_for() { # $1=component $2=description, rest=probe command
  local name=$1 what=$2; shift 2
  local t0=$SECONDS
  until "$@" >/dev/null 2>&1; do
    running "$name" || { log "$name exited"; fail_start "$name"; }
    [ $(( SECONDS - t0 )) -lt "$TIMEOUT" ] || fail_start "$name"
    sleep 0.5
  done
  log "$what ($(( SECONDS - t0 ))s)"
}

# --- certificates --------------------------------------------------------------------
gen_pki() {
  command -v openssl >/dev/null 2>&1 || die "openssl not found"
  mkdir -p "$PKI"; chmod 700 "$PKI"
  (
    cd "$PKI"
    exec 2>openssl.log   # openssl is chatty
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=bulwark-local-ca" \
      -keyout ca.key -out ca.crt
    printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local\n' > server.ext
    printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n' > client.ext
    sign() { # $1=name $2=subject $3=extfile
      openssl req -newkey rsa:2048 -nodes -subj "$2" -keyout "$1.key" -out "$1.csr"
      openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 \
        -extfile "$3" -out "$1.crt"
      rm -f "$1.csr"
    }
    sign apiserver "/CN=kube-apiserver" server.ext
    sign admin "/O=system:masters/CN=bulwark-admin" client.ext
    sign kube-controller-manager "/CN=system:kube-controller-manager" client.ext
    # front-proxy CA + client: requestheader authn for aggregated APIs (as kubeadm sets up);
    # without it every delegating component logs "missing content for CA bundle" errors
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=bulwark-front-proxy-ca" \
      -keyout front-proxy-ca.key -out front-proxy-ca.crt
    openssl req -newkey rsa:2048 -nodes -subj "/CN=front-proxy-client" \
      -keyout front-proxy-client.key -out front-proxy-client.csr
    openssl x509 -req -in front-proxy-client.csr -CA front-proxy-ca.crt -CAkey front-proxy-ca.key \
      -CAcreateserial -days 3650 -extfile client.ext -out front-proxy-client.crt
    rm -f front-proxy-client.csr
    # service-account token signing key pair
    openssl genrsa -out sa.key 2048
    openssl rsa -in sa.key -pubout -out sa.pub
  ) || die "certificate generation failed (see $PKI/openssl.log)"
  chmod 600 "$PKI"/*.key
}

write_kubeconfig() { # $1=file $2=user-cert-basename
  local b64="base64 -w0"
  cat > "$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: bulwark-local
  cluster:
    server: https://127.0.0.1:${API_PORT}
    certificate-authority-data: $($b64 < "$PKI/ca.crt")
users:
- name: $2
  user:
    client-certificate-data: $($b64 < "$PKI/$2.crt")
    client-key-data: $($b64 < "$PKI/$2.key")
contexts:
- name: bulwark-local
  context:
    cluster: bulwark-local
    user: $2
current-context: bulwark-local
EOF
  chmod 600 "$1"
}

# kube-apiserver needs a non-loopback advertise address: it publishes it in the
# default/kubernetes EndpointSlice, and 1.37 refuses to start with a loopback one
# ("cannot use public IP 127.0.0.1 with endpoint reconciler ... may not be in the
# loopback range"). With --bind-address=127.0.0.1 it picks the default-route
# interface's IP itself, but fails ("Unable to find suitable network address") when
# there is no default route, so then we pass one explicitly. The address need not
# be reachable (nothing here dials it; we run no pods).
advertise_flags() {
  if [ -n "${BULWARK_CP_ADVERTISE_ADDRESS:-}" ]; then
    echo "--advertise-address=$BULWARK_CP_ADVERTISE_ADDRESS"; return
  fi
  if awk 'NR>1 && $2=="00000000" && $8=="00000000" {f=1} END{exit !f}' /proc/net/route 2>/dev/null; then
    return   # IPv4 default route present: apiserver's own choice works
  fi
  local ip
  ip=$(hostname -I 2>/dev/null | tr ' ' '\n' | grep -E '^[0-9]+(\.[0-9]+){3}$' | grep -v '^127\.' | head -n1 || true)
  # no non-loopback interface at all (e.g. an isolated netns): a TEST-NET-1 address
  echo "--advertise-address=${ip:-192.0.2.1}"
}

# --- commands --------------------------------------------------------------------------
check_bins() {
  local b missing=""
  for b in etcd kube-apiserver kube-controller-manager kubectl; do
    [ -x "$BIN_DIR/$b" ] || missing="$missing $b"
  done
  [ -z "$missing" ] || die "missing in $BIN_DIR:$missing -- run tools/build-k8s-binaries.sh first (~5-15 min cold)"
}

cmd_start() {
  check_bins
  if [ -d "$DIR" ]; then
    local c all=1 any=0
    for c in "${COMPONENTS[@]}"; do if running "$c"; then any=1; else all=0; fi; done
    if [ $all = 1 ] && [ -s "$KUBECONFIG_FILE" ] && kctl get --raw=/readyz >/dev/null 2>&1; then
      log "already running in $DIR"; print_usage; return 0
    fi
    if [ $any = 1 ]; then log "partially running: stopping leftovers first"; stop_all; fi
    if [ -n "$(ls -A "$DIR" 2>/dev/null)" ] && [ ! -e "$DIR/$MARKER" ]; then
      die "$DIR is not empty and was not created by $ME; refusing to wipe it (use --dir)"
    fi
    rm -rf "$DIR"
  fi
  mkdir -p "$DIR" "$LOGS"; chmod 700 "$DIR"
  echo "created by $ME; wiped on every start" > "$DIR/$MARKER"
  local t0=$SECONDS

  log "generating certificates in $PKI"
  gen_pki

  ETCD_PORT=$(free_port); ETCD_PEER_PORT=$(free_port); API_PORT=$(free_port); KCM_PORT=$(free_port)
  printf 'ETCD_PORT=%s\nETCD_PEER_PORT=%s\nAPI_PORT=%s\nKCM_PORT=%s\n' \
    "$ETCD_PORT" "$ETCD_PEER_PORT" "$API_PORT" "$KCM_PORT" > "$DIR/ports.env"
  write_kubeconfig "$KUBECONFIG_FILE" admin
  write_kubeconfig "$DIR/kube-controller-manager.kubeconfig" kube-controller-manager

  # etcd: single member, loopback only, data in DIR (fresh every start), no fsync
  launch etcd "$BIN_DIR/etcd" --name=bulwark --data-dir="$DIR/etcd-data" \
    --listen-client-urls="http://127.0.0.1:$ETCD_PORT" --advertise-client-urls="http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster="bulwark=http://127.0.0.1:$ETCD_PEER_PORT" --initial-cluster-state=new \
    --unsafe-no-fsync=true --quota-backend-bytes=2147483648 --log-level=warn
  wait_for etcd "etcd healthy on 127.0.0.1:$ETCD_PORT" etcd_healthy

  local adv; adv=$(advertise_flags)
  if [ -n "${BULWARK_CP_AUTHENTICATION_CONFIG:-}" ]; then
    [ -r "$BULWARK_CP_AUTHENTICATION_CONFIG" ] || die "BULWARK_CP_AUTHENTICATION_CONFIG: cannot read $BULWARK_CP_AUTHENTICATION_CONFIG"
    adv="$adv --authentication-config=$BULWARK_CP_AUTHENTICATION_CONFIG"
  fi
  # shellcheck disable=SC2086
  launch kube-apiserver "$BIN_DIR/kube-apiserver" \
    --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
    --bind-address=127.0.0.1 --secure-port="$API_PORT" $adv \
    --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key" \
    --client-ca-file="$PKI/ca.crt" \
    --authorization-mode=RBAC \
    --service-cluster-ip-range=10.0.0.0/16 \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="$PKI/sa.pub" \
    --service-account-signing-key-file="$PKI/sa.key" \
    --allow-privileged=true \
    --requestheader-client-ca-file="$PKI/front-proxy-ca.crt" \
    --requestheader-allowed-names=front-proxy-client \
    --requestheader-username-headers=X-Remote-User \
    --requestheader-group-headers=X-Remote-Group \
    --requestheader-extra-headers-prefix=X-Remote-Extra- \
    --proxy-client-cert-file="$PKI/front-proxy-client.crt" \
    --proxy-client-key-file="$PKI/front-proxy-client.key" \
    --profiling="${BULWARK_CP_PROFILING:-false}"
  wait_for kube-apiserver "kube-apiserver /readyz ok on https://127.0.0.1:$API_PORT" \
    kctl get --raw=/readyz

  launch kube-controller-manager "$BIN_DIR/kube-controller-manager" \
    --kubeconfig="$DIR/kube-controller-manager.kubeconfig" \
    --authentication-kubeconfig="$DIR/kube-controller-manager.kubeconfig" \
    --authorization-kubeconfig="$DIR/kube-controller-manager.kubeconfig" \
    --authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics \
    --leader-elect=false \
    --bind-address=127.0.0.1 --secure-port="$KCM_PORT" \
    --cert-dir="$DIR/kcm-certs" \
    --use-service-account-credentials=true \
    --service-account-private-key-file="$PKI/sa.key" \
    --root-ca-file="$PKI/ca.crt" \
    --cluster-signing-cert-file="$PKI/ca.crt" --cluster-signing-key-file="$PKI/ca.key" \
    --requestheader-client-ca-file="$PKI/front-proxy-ca.crt" \
    --flex-volume-plugin-dir="$DIR/flexvolume" \
    --profiling=false
  # KCM is up once its controllers act: the serviceaccount controller creates default/default
  wait_for kube-controller-manager "kube-controller-manager running (default ServiceAccount created)" \
    kctl -n default get serviceaccount default

  log "control plane ready in $(( SECONDS - t0 ))s"
  print_usage
}

print_usage() {
  cat <<EOF

Kubernetes v$K8S_VERSION control plane running (etcd, kube-apiserver, kube-controller-manager)
  dir:        $DIR   (logs in $LOGS)
  apiserver:  https://127.0.0.1:$(sed -n 's/^API_PORT=//p' "$DIR/ports.env" 2>/dev/null)
  use it:     export KUBECONFIG=$KUBECONFIG_FILE
              export PATH="$BIN_DIR:\$PATH"     # for the matching kubectl
              kubectl get ns
  or:         eval "\$($ME env${DIR_ARG})"
  stop it:    $ME stop${DIR_ARG}
EOF
}

# etcd serves /health on the client URL; probe with bash /dev/tcp + HTTP/1.0 (no curl needed)
etcd_healthy() {
  local r
  r=$(timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$0" && printf "GET /health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" >&3 && cat <&3' "$ETCD_PORT") || return 1
  [[ $r == *'"health":"true"'* ]]
}

# A crash of the control plane's store and API: both killed without warning, then started
# again from the command lines start recorded, so clients see connections drop and the same
# cluster (same data, ports and certificates) come back.
cmd_restart() {
  local c argv
  for c in etcd kube-apiserver; do
    running "$c" && [ -s "$DIR/$c.argv" ] || die "$c is not running from $DIR; start it first"
  done
  # shellcheck disable=SC1091
  . "$DIR/ports.env"
  for c in kube-apiserver etcd; do
    kill -KILL "$(pid_of "$c")" 2>/dev/null || true
    log "killed $c"
  done
  local port t0
  for c in etcd kube-apiserver; do
    while running "$c"; do sleep 0.1; done
    # A killed process's command line is gone before its sockets are closed (the kernel releases
    # its memory first): wait until it no longer listens, or the new one cannot bind (seen on a
    # loaded machine: etcd "bind: address already in use" on its peer port).
    t0=$SECONDS
    for port in $(case "$c" in etcd) echo "$ETCD_PORT $ETCD_PEER_PORT" ;; *) echo "$API_PORT" ;; esac); do
      while port_listening "$port"; do
        [ $(( SECONDS - t0 )) -lt 30 ] || die "$c's port $port is still listened on 30s after the kill"
        sleep 0.1
      done
    done
    mapfile -d '' argv < "$DIR/$c.argv"
    cp "$LOGS/$c.log" "$LOGS/$c.log.before-restart"
    rm -f "$DIR/$c.pid"
    launch "$c" "${argv[@]}"
    case "$c" in
      etcd) wait_for etcd "etcd healthy again on 127.0.0.1:$ETCD_PORT" etcd_healthy ;;
      kube-apiserver) wait_for kube-apiserver "kube-apiserver /readyz ok again" kctl get --raw=/readyz ;;
    esac
  done
}

cmd_stop() {
  if [ ! -d "$DIR" ]; then log "not running (no $DIR)"; return 0; fi
  if ! ls "$DIR"/*.pid >/dev/null 2>&1; then log "not running ($DIR)"; return 0; fi
  stop_all
  log "stopped (state kept in $DIR until the next start)"
}

cmd_status() {
  local c pid rc=0
  [ -d "$DIR" ] || { echo "not running (no $DIR)"; return 3; }
  for c in "${COMPONENTS[@]}"; do
    pid=$(pid_of "$c")
    if running "$c"; then
      printf '%-24s running  pid %-8s RSS %s MiB\n' "$c" "$pid" "$(rss_mib "$pid")"
    else
      printf '%-24s stopped\n' "$c"; rc=3
    fi
  done
  if [ -s "$KUBECONFIG_FILE" ] && kctl get --raw=/readyz >/dev/null 2>&1; then
    echo "apiserver /readyz: ok   KUBECONFIG=$KUBECONFIG_FILE"
  else
    echo "apiserver /readyz: not ready"; rc=3
  fi
  return $rc
}

cmd_env() {
  [ -s "$KUBECONFIG_FILE" ] || die "no kubeconfig in $DIR (start it first: $ME start${DIR_ARG})"
  echo "export KUBECONFIG='$KUBECONFIG_FILE'"
  echo "export BULWARK_K8S_BIN_DIR='$BIN_DIR'"
  echo "export PATH='$BIN_DIR':\"\$PATH\""
}

# GC + namespace-deletion check (needs kube-controller-manager)
cmd_smoke() {
  running kube-apiserver || die "not running; start it first"
  local ns="bulwark-smoke-$$" uid t0
  kctl create namespace "$ns" >/dev/null
  kctl -n "$ns" create configmap owner --from-literal=k=v >/dev/null
  # negative-control hint: without kube-controller-manager neither step below ever finishes
  uid=$(kctl -n "$ns" get configmap owner -o jsonpath='{.metadata.uid}')
  kctl -n "$ns" apply -f - >/dev/null <<EOF
apiVersion: v1
kind: ConfigMap
metadata:
  name: dependent
  ownerReferences:
  - {apiVersion: v1, kind: ConfigMap, name: owner, uid: "$uid"}
data: {k: "v"}
EOF
  kctl -n "$ns" delete configmap owner --wait=true >/dev/null
  t0=$SECONDS
  until ! kctl -n "$ns" get configmap dependent >/dev/null 2>&1; do
    [ $(( SECONDS - t0 )) -lt 60 ] || die "smoke: garbage collector did not delete the dependent ConfigMap in 60s"
    sleep 0.5
  done
  echo "smoke: garbage collector deleted the dependent ConfigMap ($(( SECONDS - t0 ))s)"
  t0=$SECONDS
  kctl delete namespace "$ns" --wait=false >/dev/null
  until ! kctl get namespace "$ns" >/dev/null 2>&1; do
    [ $(( SECONDS - t0 )) -lt 90 ] || die "smoke: namespace $ns still present after 90s"
    sleep 0.5
  done
  echo "smoke: namespace deleted ($(( SECONDS - t0 ))s)"
}

DIR_ARG=""
[ "$DIR" = "${BULWARK_CONTROL_PLANE_DIR:-$HOME/.cache/bulwark/control-plane}" ] || DIR_ARG=" --dir $DIR"

case "$CMD" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) cmd_restart ;;
  status) cmd_status ;;
  env) cmd_env ;;
  smoke) cmd_smoke ;;
  help|"") usage; [ -n "$CMD" ] ;;
  *) usage; die "unknown command: $CMD" ;;
esac
