# The node's NetworkPolicy enforcer, sourced by tools/node.sh (which defines NODE, RUN, NODE_NAME,
# GATEWAY, COMPONENTS and the helpers launch, stop_one, wait_for, kctl, client_kubeconfig, log).
# Two enforcers, the one the kernel supports (ADR 0026 "The policy enforcer", ADR 0047):
#   kube-network-policies  nftables sends new connections of policed pods to NFQUEUE 100; needs the
#                          nftables queue expression (nft_queue). Tried first.
#   kube-router            its firewall only: iptables chains and ip sets (the iptables `set` match,
#                          `physdev` for bridged traffic); used where the kernel refuses the first.
# BULWARK_NODE_ENFORCER=kube-network-policies or =kube-router runs only that one (default auto), so
# either can be tested on a kernel that supports both. Both are host processes built by
# tools/build-engines.sh from their Go modules, with their own client certificate.
# $RUN/policy-enforcer says `enforcing` only once one of them enforces, and otherwise why not;
# $RUN/policy-enforcer.process names the running one for `status`.
# shellcheck shell=bash

ENGINES_DIR="${BULWARK_ENGINES_DIR:-$HOME/.cache/bulwark/engines}"
engine_version() { # $1=engine $2=upstream module: the version its wrapper go.mod pins, without v
  awk -v m="$2" '$1 == m && $2 ~ /^v[0-9]/ {print substr($2, 2); exit}' "$TOOLS_DIR/engines/$1/go.mod"
}
KNP_VERSION=$(engine_version kube-network-policies sigs.k8s.io/kube-network-policies)
KNP="$ENGINES_DIR/kube-network-policies-$KNP_VERSION/kube-network-policies"
KNP_QUEUE=100
KUBE_ROUTER_VERSION=$(engine_version kube-router github.com/cloudnativelabs/kube-router/v2)
KUBE_ROUTER="$ENGINES_DIR/kube-router-$KUBE_ROUTER_VERSION/kube-router"
SERVICE_CIDR=10.0.0.0/16         # the API server's --service-cluster-ip-range (tools/control-plane.sh)
ENFORCER_STATE="$RUN/policy-enforcer"
ENFORCER_CHOICE=${BULWARK_NODE_ENFORCER:-auto}
ENFORCER_PROCESS="$RUN/policy-enforcer.process"

# status checks the enforcer only where it enforces (where the kernel refuses both, none runs)
if grep -qx enforcing "$ENFORCER_STATE" 2>/dev/null && [ -s "$ENFORCER_PROCESS" ]; then
  COMPONENTS+=("$(cat "$ENFORCER_PROCESS")")
fi

enforcer_prerequisites() {
  case "$ENFORCER_CHOICE" in
    auto|kube-network-policies|kube-router) ;;
    *) die "BULWARK_NODE_ENFORCER is '$ENFORCER_CHOICE': expected auto, kube-network-policies or kube-router" ;;
  esac
  local b
  for b in "$KNP" "$KUBE_ROUTER"; do
    [ -x "$b" ] || die "missing $b -- run tools/build-engines.sh kube-network-policies kube-router"
  done
}

start_enforcer() {
  if [ "$ENFORCER_CHOICE" != kube-router ] && start_kube_network_policies; then
    enforcing kube-network-policies
  elif [ "$ENFORCER_CHOICE" = kube-network-policies ]; then
    not_enforcing "the kernel refused kube-network-policies' nftables rules (no nft_queue?), see" \
      "$NODE/logs/kube-network-policies.log"
  elif start_kube_router; then
    enforcing kube-router
  fi
}

enforcing() {
  echo "$1" > "$ENFORCER_PROCESS"
  echo "enforcing" > "$ENFORCER_STATE"
  log "NetworkPolicies enforced by $1"
}

not_enforcing() { # $*=why, starting with "the kernel refused" when no command can change it
  echo "not enforcing: $*" > "$ENFORCER_STATE"
  log "WARNING: NetworkPolicies are NOT enforced on this host: not enforcing: $*"
}

stop_enforcer() {
  stop_kube_network_policies
  stop_kube_router
  rm -f "$ENFORCER_PROCESS"
}

# --- kube-network-policies ------------------------------------------------------------------------
# It reads pods, namespaces and NetworkPolicies, and records events.
apply_knp_rbac() {
  host_process_role kube-network-policies <<'EOF'
- {apiGroups: [""], resources: [pods, namespaces], verbs: [list, watch]}
- {apiGroups: [networking.k8s.io], resources: [networkpolicies], verbs: [list, watch]}
- {apiGroups: ["", events.k8s.io], resources: [events], verbs: [create, patch, update]}
EOF
}

# Ready once the queue is bound.
knp_queue_bound() {
  awk -v q="$KNP_QUEUE" '$1 == q {found = 1} END {exit !found}' /proc/net/netfilter/nfnetlink_queue
}

# Succeeds once it enforces; fails, stopped and cleaned up, where the kernel refuses its rules.
start_kube_network_policies() {
  client_kubeconfig kube-network-policies "/CN=bulwark:kube-network-policies"
  apply_knp_rbac
  "$KNP" --cleanup || die "kube-network-policies --cleanup failed: no nftables here?"
  launch kube-network-policies "$KNP" --kubeconfig="$NODE/kube-network-policies.kubeconfig" \
    --hostname-override="$NODE_NAME" --nfqueue-id="$KNP_QUEUE" --v=1
  wait_for kube-network-policies "kube-network-policies bound NFQUEUE $KNP_QUEUE" knp_queue_bound
  # It writes its rules before it binds the queue and goes on when that fails: its log says so.
  # A kernel without the nftables queue expression (nft_queue) refuses the rules.
  if grep -q 'syncing nftables rules" error' "$NODE/logs/kube-network-policies.log"; then
    stop_kube_network_policies
    log "the kernel refused kube-network-policies' nftables rules (no nft_queue?)"
    return 1
  fi
}

# SIGTERM makes it delete its table; --cleanup removes one a killed process left behind, whose
# queue rule would otherwise drop the policed pods' new connections.
stop_kube_network_policies() {
  stop_one kube-network-policies
  if [ -x "$KNP" ]; then "$KNP" --cleanup 2>/dev/null || true; fi
}

# --- kube-router ------------------------------------------------------------------------------------
# Its informers list and watch all of these (the firewall uses pods, namespaces and policies), and
# it reads its own Node for the node's address.
apply_kube_router_rbac() {
  host_process_role kube-router <<'EOF'
- {apiGroups: [""], resources: [pods, namespaces, services, endpoints], verbs: [list, watch]}
- {apiGroups: [""], resources: [nodes], verbs: [get, list, watch]}
- {apiGroups: [discovery.k8s.io], resources: [endpointslices], verbs: [list, watch]}
- {apiGroups: [networking.k8s.io], resources: [networkpolicies], verbs: [list, watch]}
EOF
}

# Pods talk to each other across the bridge: iptables sees those frames only through br_netfilter
# with bridge-nf-call-iptables on (start saves and stop restores that sysctl, see node.sh).
bridged_traffic_filtered() {
  local knob=/proc/sys/net/bridge/bridge-nf-call-iptables
  [ -e "$knob" ] || modprobe br_netfilter 2>/dev/null || true
  [ -e "$knob" ] || return 1
  sysctl -qw net.bridge.bridge-nf-call-iptables=1
}

# Ready once a full sync has put its chains in place: the jumps from INPUT, FORWARD and OUTPUT and
# the chain that marks a pod's traffic a policy admits.
kube_router_synced() {
  grep -q 'sync iptables took' "$NODE/logs/kube-router.log" || return 1
  local chain
  for chain in INPUT FORWARD OUTPUT; do
    iptables -w -S "$chain" | grep -q -- "-j KUBE-ROUTER-$chain\$" || return 1
  done
  iptables -w -S KUBE-NWPLCY-DEFAULT >/dev/null 2>&1
}

# Succeeds once it enforces; otherwise records why not and fails.
start_kube_router() {
  command -v ipset >/dev/null \
    || { not_enforcing "missing 'ipset' -- install the package of .ci/prepare.d/41-ipset.sh"; return 1; }
  bridged_traffic_filtered || {
    not_enforcing "the kernel refused to filter bridged traffic (no br_netfilter:" \
      "/proc/sys/net/bridge/bridge-nf-call-iptables is missing), so pod-to-pod traffic would pass unseen"
    return 1
  }
  client_kubeconfig kube-router "/CN=bulwark:kube-router"
  apply_kube_router_rbac
  remove_kube_router_rules
  # Firewall only: kube-proxy routes Services and the CNI bridge carries pods. No health or metrics
  # listener (they would bind every address). $GATEWAY/32 as an "external IP range" lets pods
  # reach the host's services on the bridge address (CoreDNS, the API relay) whatever their
  # policies, as in a cluster whose DNS is the kube-dns pods the policies name (ADR 0047).
  launch kube-router "$KUBE_ROUTER" --kubeconfig="$NODE/kube-router.kubeconfig" \
    --hostname-override="$NODE_NAME" --run-firewall=true --run-router=false \
    --run-service-proxy=false --run-loadbalancer=false --health-port=0 --metrics-port=0 \
    --service-cluster-ip-range="$SERVICE_CIDR" --service-external-ip-range="$GATEWAY/32" \
    --enable-ipv4=true --enable-ipv6=false --v=1
  wait_for kube-router "kube-router synced its policy chains" kube_router_synced
  if grep -q 'Aborting sync' "$NODE/logs/kube-router.log"; then
    stop_kube_router
    not_enforcing "kube-router could not sync its rules, see $NODE/logs/kube-router.log"
    return 1
  fi
}

# kube-router leaves its rules in place when it stops, and its --cleanup-config also flushes every
# IPVS service of the host, so stop removes exactly what its firewall creates: the jumps from the
# built-in chains, the chains KUBE-ROUTER-*, KUBE-POD-FW-*, KUBE-NWPLCY-* and the ip sets
# KUBE-SRC-*, KUBE-DST-*.
stop_kube_router() {
  stop_one kube-router
  remove_kube_router_rules
}

remove_kube_router_rules() {
  local chain n chains set
  for chain in INPUT FORWARD OUTPUT; do
    for n in $(iptables -w -L "$chain" -n --line-numbers 2>/dev/null \
               | awk -v c="KUBE-ROUTER-$chain" '$2 == c {print $1}' | sort -rn); do
      iptables -w -D "$chain" "$n" 2>/dev/null || true
    done
  done
  chains=$(iptables -w -S 2>/dev/null | awk '$1 == "-N" && $2 ~ /^KUBE-(ROUTER|POD-FW|NWPLCY)-/ {print $2}')
  for chain in $chains; do iptables -w -F "$chain" 2>/dev/null || true; done
  for chain in $chains; do iptables -w -X "$chain" 2>/dev/null || true; done
  command -v ipset >/dev/null || return 0
  for set in $(ipset list -n 2>/dev/null | grep -E '^KUBE-(SRC|DST)-' || true); do
    ipset destroy "$set" 2>/dev/null || true
  done
}
