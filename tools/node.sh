#!/usr/bin/env bash
# One real node for the local control plane (tools/control-plane.sh): containerd (Debian's) with
# runc and the CNI bridge, the kubelet, kube-proxy (iptables), kube-scheduler, CoreDNS for
# cluster.local and the NetworkPolicy enforcer (kube-network-policies, or kube-router where the kernel
# lacks nft_queue: tools/node-enforcer.sh) -- every Kubernetes binary built from the same Go modules as the API server
# (tools/build-k8s-binaries.sh), every image built locally (tools/build-images.sh) and imported:
# no registry is ever contacted. One node per host: it owns the bridge, /run/bulwark-node and
# the host's iptables chains KUBE-*; a second start while one runs is refused.
#
#   tools/node.sh start  [--dir DIR]   add the node to the running control plane in DIR, wait for Ready
#   tools/node.sh stop   [--dir DIR]   remove pods, stop everything, undo mounts, links, iptables, sysctl
#   tools/node.sh status [--dir DIR]   processes and the Node's Ready condition; exit 0 only if healthy
#
# DIR is the control plane's directory (default as in tools/control-plane.sh). Host-specific
# settings and why each is needed: tools/README.md, "The node". Needs root.
set -euo pipefail

TOOLS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CMD=${1:-}; [ $# -gt 0 ] && shift
DIR="${BULWARK_CONTROL_PLANE_DIR:-$HOME/.cache/bulwark/control-plane}"
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) [ $# -ge 2 ] || { echo "--dir needs a value" >&2; exit 2; }; DIR=$2; shift 2 ;;
    --dir=*) DIR=${1#--dir=}; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
case "$DIR" in /*) ;; *) DIR="$PWD/$DIR" ;; esac

K8S_VERSION=$(sed -n 's/^[[:space:]]*k8s\.io\/kubernetes[[:space:]]\{1,\}v\([0-9][0-9.]*\).*/\1/p' "$TOOLS_DIR/k8s/go.mod" | head -n1)
BIN_DIR="${BULWARK_K8S_BIN_DIR:-$HOME/.cache/bulwark/k8s-bins/${K8S_VERSION}}"
IMAGES_DIR="${BULWARK_IMAGES_DIR:-$HOME/.cache/bulwark/images}"
TIMEOUT=${BULWARK_NODE_TIMEOUT:-180}
NODE_NAME=${BULWARK_NODE_NAME:-bulwark-node}
NODE="$DIR/node"                 # configuration, certificates, logs, containerd's root
RUN=/run/bulwark-node            # sockets and containerd's state (one node per host)
SOCK="$RUN/containerd.sock"
BRIDGE=bulwark0
POD_CIDR=10.244.0.0/24
GATEWAY=10.244.0.1               # the bridge's address; CoreDNS listens here for the pods
COMPONENTS=(kube-scheduler containerd kubelet kube-proxy coredns)   # start order

log() { printf '[node] %s\n' "$*" >&2; }
die() { printf '[node] ERROR: %s\n' "$*" >&2; exit 1; }
kctl() { "$BIN_DIR/kubectl" --kubeconfig="$DIR/kubeconfig" --request-timeout=10s "$@"; }
ctr_() { ctr --address "$SOCK" --namespace k8s.io "$@"; }

# --- processes (pid files in $NODE; a pid counts only if its command line names $NODE) ---------
pid_of() { cat "$NODE/$1.pid" 2>/dev/null || true; }
running() { # the pid is alive and its command line names this node's directory (not a reused pid)
  local pid cmdline _; pid=$(pid_of "$1")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  # While the launcher execs the component, /proc/PID/cmdline is briefly empty (the old image is
  # gone, the new one's arguments not yet mapped): read it again before calling the pid foreign.
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    cmdline=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null) || return 1
    [ -n "$cmdline" ] && break
    sleep 0.1
  done
  case $cmdline in *"$NODE"*) return 0 ;; *) return 1 ;; esac
}
launch() { # $1=name, rest=command; detached, in its own session, log in $NODE/logs
  local name=$1; shift
  setsid bash -c 'echo $$ > "$0"; exec "$@"' "$NODE/$name.pid" "$@" \
    < /dev/null > "$NODE/logs/$name.log" 2>&1 &
  local _; for _ in $(seq 1 50); do [ -s "$NODE/$name.pid" ] && break; sleep 0.1; done
  log "started $name (pid $(pid_of "$name"), log $NODE/logs/$name.log)"
}
stop_one() {
  local pid; pid=$(pid_of "$1")
  if [ -n "$pid" ] && running "$1"; then
    kill -TERM "$pid" 2>/dev/null || true
    local _; for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
    log "stopped $1 (pid $pid)"
  fi
  rm -f "$NODE/$1.pid"
}
wait_for() { # $1=component $2=what, rest=probe
  local name=$1 what=$2 t0=$SECONDS; shift 2
  until "$@" >/dev/null 2>&1; do
    if ! running "$name" || [ $(( SECONDS - t0 )) -ge "$TIMEOUT" ]; then
      tail -n 30 "$NODE/logs/$name.log" >&2 || true
      cmd_stop || true
      die "$name: $what did not happen within ${TIMEOUT}s (logs in $NODE/logs)"
    fi
    sleep 0.5
  done
  log "$what ($(( SECONDS - t0 ))s)"
}
free_port() { # a free loopback port below the ephemeral range
  local p; while :; do
    p=$(( 20000 + (RANDOM % 12768) ))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

# The node's address: the default route's interface address (pods' traffic never leaves the host).
node_ip() {
  ip -4 -o route get 192.0.2.255 2>/dev/null | sed -n 's/.* src \([0-9.]*\).*/\1/p' | head -n1
}

# --- certificates and kubeconfigs, signed by the control plane's CA ------------------------------
client_kubeconfig() { # $1=name $2=subject
  local pki="$DIR/pki" api_port
  api_port=$(sed -n 's/^API_PORT=//p' "$DIR/ports.env")
  (cd "$NODE/pki" &&
    openssl req -newkey rsa:2048 -nodes -subj "$2" -keyout "$1.key" -out "$1.csr" 2>/dev/null &&
    openssl x509 -req -in "$1.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
      -CAserial "$NODE/pki/ca.srl" -days 3650 -extfile "$pki/client.ext" -out "$1.crt" 2>/dev/null &&
    rm -f "$1.csr") || die "cannot sign the $1 certificate"
  KUBECONFIG="$NODE/$1.kubeconfig" "$BIN_DIR/kubectl" config set-cluster local \
    --server="https://127.0.0.1:$api_port" --certificate-authority="$pki/ca.crt" --embed-certs >/dev/null
  KUBECONFIG="$NODE/$1.kubeconfig" "$BIN_DIR/kubectl" config set-credentials "$1" \
    --client-certificate="$NODE/pki/$1.crt" --client-key="$NODE/pki/$1.key" --embed-certs >/dev/null
  KUBECONFIG="$NODE/$1.kubeconfig" "$BIN_DIR/kubectl" config set-context local --cluster=local --user="$1" >/dev/null
  KUBECONFIG="$NODE/$1.kubeconfig" "$BIN_DIR/kubectl" config use-context local >/dev/null
  chmod 600 "$NODE/$1.kubeconfig" "$NODE/pki/$1.key"
}

# The kubelet authenticates as system:node:<name> in system:nodes: the NodeRestriction admission
# plugin limits it to its own Node and pods; RBAC (the API server runs without the Node
# authorizer) grants the node role to the group. CoreDNS reads Services, EndpointSlices and
# Namespaces only.
apply_rbac() {
  kctl apply -f - >/dev/null <<'EOF'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: "bulwark:nodes"}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:node"}
subjects: [{apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:nodes"}]
EOF
  host_process_role coredns <<'EOF'
- {apiGroups: [""], resources: [services, namespaces, pods], verbs: [list, watch]}
- {apiGroups: [discovery.k8s.io], resources: [endpointslices], verbs: [list, watch]}
EOF
}

# The role of a host process with its own certificate (user bulwark:$1): the rules on stdin.
host_process_role() {
  local rules; rules=$(cat)
  kctl apply -f - >/dev/null <<EOF
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: "bulwark:$1"}
rules:
$rules
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: "bulwark:$1"}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "bulwark:$1"}
subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: "bulwark:$1"}]
EOF
}

# --- the API server for pods (the operator in the cluster) --------------------------------------
# The API server listens on 127.0.0.1 only. When it advertises the bridge's gateway (the
# `kubernetes` Service's endpoint; tools/control-plane.sh with BULWARK_CP_ADVERTISE_ADDRESS=$GATEWAY),
# kube-proxy sends pods' 10.0.0.1:443 there, and this relay (socat, bound to the bridge address
# only, like CoreDNS) forwards each connection to 127.0.0.1. TLS passes through untouched: pods
# check the API server's own certificate, valid for 10.0.0.1. Otherwise pods cannot reach it.
start_api_relay() {
  local api_port endpoint
  api_port=$(sed -n 's/^API_PORT=//p' "$DIR/ports.env")
  endpoint=$(kctl get endpointslices -n default -l kubernetes.io/service-name=kubernetes \
    -o jsonpath='{.items[0].endpoints[0].addresses[0]}')
  if [ "$endpoint" != "$GATEWAY" ]; then
    log "the API server advertises ${endpoint:-nothing}, not $GATEWAY: pods cannot reach it" \
      "(start the control plane with BULWARK_CP_ADVERTISE_ADDRESS=$GATEWAY for that)"
    return 0
  fi
  command -v socat >/dev/null || die "missing 'socat' -- install the packages of .ci/prepare.d/40-node.sh"
  # -L names $NODE in the command line, which is how `running` knows the process is ours
  launch api-relay socat -L "$NODE/api-relay.lock" \
    "TCP-LISTEN:$api_port,bind=$GATEWAY,fork,reuseaddr" "TCP:127.0.0.1:$api_port"
  wait_for api-relay "API server relayed on $GATEWAY:$api_port for pods" \
    bash -c "exec 3<>/dev/tcp/$GATEWAY/$api_port"
}

# shellcheck source=tools/node-config.sh
. "$TOOLS_DIR/node-config.sh"

# --- the policy enforcer: kube-network-policies or kube-router, the one the kernel supports ------
# shellcheck source=tools/node-enforcer.sh
. "$TOOLS_DIR/node-enforcer.sh"

# --- commands --------------------------------------------------------------------------------------
check_prerequisites() {
  [ "$(id -u)" = 0 ] || die "the node needs root (containerd, mounts, iptables)"
  local b
  for b in kubelet kube-proxy kube-scheduler coredns kubectl; do
    [ -x "$BIN_DIR/$b" ] || die "missing $BIN_DIR/$b -- run tools/build-k8s-binaries.sh first"
  done
  for b in containerd containerd-shim-runc-v2 runc ctr iptables openssl ip mount umount mountpoint; do
    command -v "$b" >/dev/null || die "missing '$b' -- install the packages of .ci/prepare.d/40-node.sh"
  done
  enforcer_prerequisites
  [ -x /usr/lib/cni/bridge ] || die "missing /usr/lib/cni/bridge -- install containernetworking-plugins"
  [ -s "$IMAGES_DIR/images.env" ] || die "no $IMAGES_DIR/images.env -- run tools/build-images.sh first"
  [ -s "$DIR/ports.env" ] && kctl get --raw=/readyz >/dev/null 2>&1 \
    || die "no running control plane in $DIR -- run tools/control-plane.sh start first"
}

cmd_start() {
  check_prerequisites
  if [ -e "$RUN/owner" ] && [ "$(cat "$RUN/owner")" != "$NODE" ] && [ -d "$(cat "$RUN/owner")" ]; then
    die "a node of another control plane ($(cat "$RUN/owner")) runs on this host: stop it first"
  fi
  if running kubelet; then log "already running"; return 0; fi
  cmd_stop >/dev/null 2>&1 || true
  local t0=$SECONDS
  mkdir -p "$NODE/logs" "$NODE/pki" "$NODE/cni" "$RUN"; chmod 700 "$NODE" "$RUN"
  echo "$NODE" > "$RUN/owner"
  NODE_IP=$(node_ip); [ -n "$NODE_IP" ] || die "no IPv4 address with a route: the node needs one"
  save_sysctls
  sysctl -qw net.ipv4.ip_forward=1   # pods reach Services through the host's routing

  client_kubeconfig kubelet "/O=system:nodes/CN=system:node:$NODE_NAME"
  client_kubeconfig kube-proxy "/CN=system:kube-proxy"
  client_kubeconfig kube-scheduler "/CN=system:kube-scheduler"
  client_kubeconfig coredns "/CN=bulwark:coredns"
  apply_rbac
  write_configs

  launch kube-scheduler "$BIN_DIR/kube-scheduler" --kubeconfig="$NODE/kube-scheduler.kubeconfig" \
    --authentication-kubeconfig="$NODE/kube-scheduler.kubeconfig" \
    --authorization-kubeconfig="$NODE/kube-scheduler.kubeconfig" \
    --bind-address=127.0.0.1 --secure-port="$(free_port)" --leader-elect=false --profiling=false
  shared_netns_dir
  launch containerd containerd --config "$NODE/containerd.toml"
  wait_for containerd "containerd serving on $SOCK" ctr_ version
  import_images
  launch kubelet "$BIN_DIR/kubelet" --config="$NODE/kubelet.yaml" \
    --kubeconfig="$NODE/kubelet.kubeconfig" --hostname-override="$NODE_NAME" \
    --node-ip="$NODE_IP" --root-dir="$NODE/kubelet" --cert-dir="$NODE/kubelet/pki" \
    --oom-score-adj=0 --v=1
  wait_for kubelet "Node $NODE_NAME Ready" node_ready
  launch kube-proxy "$BIN_DIR/kube-proxy" --config="$NODE/kube-proxy.yaml" \
    --hostname-override="$NODE_NAME" --v=1
  wait_for kube-proxy "kube-proxy programmed iptables" iptables -t nat -nL KUBE-SERVICES
  launch coredns "$BIN_DIR/coredns" -conf "$NODE/Corefile"
  wait_for coredns "CoreDNS ready on $GATEWAY:53" \
    bash -c "exec 3<>/dev/tcp/127.0.0.1/$(sed -n 's/^COREDNS_READY_PORT=//p' "$NODE/ports.env")"
  start_api_relay
  start_enforcer
  log "node $NODE_NAME ready in $(( SECONDS - t0 ))s (pods on $POD_CIDR, DNS $GATEWAY)"
}

# Pods' network namespaces are bind mounts on files in /run/netns. `ip netns add` (anyone's: the
# node tests use it for an outside network) makes that directory a recursive bind mount of itself
# when it is not a mount point yet. Done while pods run, that leaves each pod's mount beneath the
# new one as well as a copy on top: containerd unmounts the copy, the file stays a mount point
# underneath, and its removal fails for ever ("unlinkat /var/run/netns/cni-...: device or resource
# busy"), so the pod never goes. Making the directory a shared mount point before any pod exists
# leaves `ip netns add` nothing to bind.
shared_netns_dir() {
  mkdir -p /run/netns
  if ! mountpoint -q /run/netns; then
    local m
    # namespaces a killed node left: unmounted first, or the bind below would hide them the same way
    for m in /run/netns/cni-*; do
      [ -e "$m" ] || continue
      umount "$m" 2>/dev/null || true
      rm -f "$m" 2>/dev/null || true
    done
    mount --bind /run/netns /run/netns || die "cannot make /run/netns a mount point"
  fi
  mount --make-shared /run/netns || die "cannot make /run/netns a shared mount"
}

node_ready() {
  [ "$(kctl get node "$NODE_NAME" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}')" = True ]
}

# Every locally built image goes into containerd's k8s.io namespace, where the CRI looks, under
# its tag and under its digest reference (repository@sha256:...): a pod that names the image by
# digest -- as the chart does -- finds it there; without that name containerd would try a pull.
import_images() {
  local archive reference
  for archive in $(sed -n 's/^[A-Z_]*_ARCHIVE=//p' "$IMAGES_DIR/images.env"); do
    ctr_ images import "$archive" >/dev/null || die "ctr import of $archive failed"
  done
  for reference in $(sed -n 's/^[A-Z_]*_IMAGE=//p' "$IMAGES_DIR/images.env"); do
    ctr_ images tag --force "${reference%@*}" "${reference%:*@*}@${reference#*@}" >/dev/null \
      || die "cannot name ${reference%@*} by its digest"
  done
  log "imported $(ctr_ images ls -q | grep -c '^bulwark.local/') local images"
}

cmd_stop() {
  [ -d "$NODE" ] || { log "no node in $DIR"; return 0; }
  if running kubelet && kctl get node "$NODE_NAME" >/dev/null 2>&1; then
    # the kubelet tears pods down through the CRI, so CNI releases their addresses and netns
    kctl delete pods --all-namespaces --all --wait=true --timeout=60s >/dev/null 2>&1 || true
  fi
  stop_one api-relay
  stop_enforcer
  stop_one coredns; stop_one kube-proxy; stop_one kubelet
  if running containerd; then remove_containers; fi
  stop_one containerd; stop_one kube-scheduler
  kctl delete node "$NODE_NAME" --wait=false >/dev/null 2>&1 || true
  undo_host_changes
  rm -f "$RUN/owner"
  log "stopped; host changes undone"
}

# Containers the kubelet did not remove (it was killed, or pods outlived the API server).
remove_containers() {
  local id
  for id in $(ctr_ tasks ls -q 2>/dev/null); do ctr_ tasks kill -s SIGKILL "$id" >/dev/null 2>&1 || true; done
  sleep 1
  for id in $(ctr_ tasks ls -q 2>/dev/null); do ctr_ tasks delete -f "$id" >/dev/null 2>&1 || true; done
  for id in $(ctr_ containers ls -q 2>/dev/null); do ctr_ containers delete "$id" >/dev/null 2>&1 || true; done
}

undo_host_changes() {
  local pid m
  # runc shims started for this containerd (their command line names its socket)
  for pid in $(pgrep -f "containerd-shim-runc-v2 .*-address $SOCK" || true); do kill -KILL "$pid" 2>/dev/null || true; done
  "$BIN_DIR/kube-proxy" --cleanup >/dev/null 2>&1 || true   # removes its KUBE-* chains
  # mounts under the node's directories, deepest first (rootfs overlays, shm, secrets)
  for m in $(awk -v a="$NODE/" -v b="$RUN/" 'index($5, a) == 1 || index($5, b) == 1 {print $5}' /proc/self/mountinfo | sort -r); do
    umount -l "$m" 2>/dev/null || true
  done
  for m in $(ip netns list 2>/dev/null | awk '/^cni-/ {print $1}'); do ip netns delete "$m" 2>/dev/null || true; done
  ip link delete "$BRIDGE" 2>/dev/null || true
  remove_cgroups
  remove_kubelet_chains
  restore_sysctls
  rm -rf "$NODE/containerd" "$NODE/kubelet" "${RUN:?}" 2>/dev/null || true
}

# Kernel settings the node changes: ip_forward (here), route_localnet (kube-proxy) and those the
# kubelet sets when it starts (overcommit, panic on oops); stop puts back what was there before.
# kube-router needs bridge-nf-call-iptables (tools/node-enforcer.sh), which exists only with br_netfilter.
NODE_SYSCTLS=(net.ipv4.ip_forward net.ipv4.conf.all.route_localnet vm.overcommit_memory
  vm.panic_on_oom kernel.panic kernel.panic_on_oops kernel.keys.root_maxkeys kernel.keys.root_maxbytes
  net.bridge.bridge-nf-call-iptables)
save_sysctls() {
  local s v
  for s in "${NODE_SYSCTLS[@]}"; do
    if v=$(sysctl -n "$s" 2>/dev/null); then echo "$s=$v"; fi
  done > "$NODE/sysctl.orig"
}
restore_sysctls() {
  [ -s "$NODE/sysctl.orig" ] || return 0
  local line
  while IFS= read -r line; do sysctl -qw "$line" || log "could not restore $line"; done < "$NODE/sysctl.orig"
  rm -f "$NODE/sysctl.orig"
}

# The kubelet's own chains (kube-proxy --cleanup leaves them), in IPv4 and IPv6.
remove_kubelet_chains() {
  local t table chain
  for t in iptables ip6tables; do
    command -v "$t" >/dev/null || continue
    "$t" -t filter -D INPUT -j KUBE-FIREWALL 2>/dev/null || true
    "$t" -t filter -D OUTPUT -j KUBE-FIREWALL 2>/dev/null || true
    for table in filter nat mangle; do
      for chain in KUBE-FIREWALL KUBE-KUBELET-CANARY KUBE-IPTABLES-HINT; do
        "$t" -t "$table" -F "$chain" 2>/dev/null && "$t" -t "$table" -X "$chain" 2>/dev/null || true
      done
    done
  done
}

# The kubelet's cgroup tree (cgroupfs driver, cgroup v1): kubepods under every controller.
remove_cgroups() {
  local c
  for c in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/*/kubepods.slice; do
    [ -d "$c" ] && find "$c" -depth -type d -exec rmdir {} \; 2>/dev/null || true
  done
}

cmd_status() {
  local c rc=0
  for c in "${COMPONENTS[@]}"; do
    if running "$c"; then printf '%-16s running  pid %s\n' "$c" "$(pid_of "$c")"
    else printf '%-16s stopped\n' "$c"; rc=3; fi
  done
  if node_ready 2>/dev/null; then echo "node $NODE_NAME: Ready"; else echo "node $NODE_NAME: not Ready"; rc=3; fi
  return $rc
}

case "$CMD" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; [ "$CMD" = help ] ;;
esac
