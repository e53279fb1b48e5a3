# Configuration files of the node's components, sourced by tools/node.sh (which defines NODE, RUN,
# SOCK, BRIDGE, POD_CIDR, GATEWAY, NODE_NAME, NODE_IP, BIN_DIR, IMAGES_DIR).
# Every host-specific setting here is explained in tools/README.md, "The node".
# shellcheck shell=bash

write_configs() {
  local kubelet_port kubelet_healthz proxy_healthz proxy_metrics dns_health dns_ready pause_image
  kubelet_port=$(free_port); kubelet_healthz=$(free_port); proxy_healthz=$(free_port)
  proxy_metrics=$(free_port); dns_health=$(free_port); dns_ready=$(free_port)
  pause_image=$(sed -n 's/^PAUSE_IMAGE=\([^@]*\)@.*/\1/p' "$IMAGES_DIR/images.env")
  printf 'KUBELET_PORT=%s\nCOREDNS_READY_PORT=%s\n' "$kubelet_port" "$dns_ready" > "$NODE/ports.env"

  # containerd 1.6 (config version 2): its own socket and state, so it never meets another one.
  cat > "$NODE/containerd.toml" <<EOF
version = 2
root = "$NODE/containerd/root"
state = "$RUN/containerd"
disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs",
  "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper",
  "io.containerd.tracing.processor.v1.otlp", "io.containerd.internal.v1.tracing"]
[grpc]
  address = "$SOCK"
[ttrpc]
  address = "$RUN/containerd.sock.ttrpc"
[plugins."io.containerd.internal.v1.opt"]
  path = "$NODE/containerd/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$pause_image"
  restrict_oom_score_adj = true
  enable_selinux = false
  disable_apparmor = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$NODE/cni"
EOF

  # One bridge, addresses from host-local; no masquerade: pods talk to each other, Services and
  # the node, and no pod packet is rewritten to leave the host.
  cat > "$NODE/cni/10-bulwark.conflist" <<EOF
{"cniVersion": "0.4.0", "name": "bulwark-pods", "plugins": [
  {"type": "bridge", "bridge": "$BRIDGE", "isGateway": true, "ipMasq": false, "hairpinMode": true,
   "ipam": {"type": "host-local", "dataDir": "$NODE/cni/ipam",
            "ranges": [[{"subnet": "$POD_CIDR", "gateway": "$GATEWAY"}]], "routes": [{"dst": "0.0.0.0/0"}]}}
]}
EOF

  cat > "$NODE/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
containerRuntimeEndpoint: unix://$SOCK
failCgroupV1: false
cgroupDriver: cgroupfs
failSwapOn: false
address: 127.0.0.1
port: $kubelet_port
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: $kubelet_healthz
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: "$DIR/pki/ca.crt"}
authorization: {mode: Webhook}
clusterDomain: cluster.local
clusterDNS: ["$GATEWAY"]
podCIDR: "$POD_CIDR"
registerNode: true
serializeImagePulls: false
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard: {memory.available: "100Mi", nodefs.available: "1%", imagefs.available: "1%", nodefs.inodesFree: "1%"}
enforceNodeAllocatable: []
protectKernelDefaults: false
maxPods: 150
EOF

  cat > "$NODE/kube-proxy.yaml" <<EOF
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: {kubeconfig: "$NODE/kube-proxy.kubeconfig"}
mode: iptables
clusterCIDR: "$POD_CIDR"
bindAddress: 127.0.0.1
healthzBindAddress: "127.0.0.1:$proxy_healthz"
metricsBindAddress: "127.0.0.1:$proxy_metrics"
nodePortAddresses: ["127.0.0.0/8"]
conntrack: {maxPerCore: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s}
EOF

  cat > "$NODE/Corefile" <<EOF
cluster.local:53 in-addr.arpa:53 {
  bind $GATEWAY
  errors
  health 127.0.0.1:$dns_health
  ready 127.0.0.1:$dns_ready
  kubernetes cluster.local in-addr.arpa {
    kubeconfig $NODE/coredns.kubeconfig local
    pods insecure
  }
  cache 30
}
EOF
  # CoreDNS binds the gateway address before the first pod makes CNI create the bridge.
  ip link show "$BRIDGE" >/dev/null 2>&1 || ip link add "$BRIDGE" type bridge
  ip addr show dev "$BRIDGE" | grep -q "inet $GATEWAY/" || ip addr add "$GATEWAY/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up
}
