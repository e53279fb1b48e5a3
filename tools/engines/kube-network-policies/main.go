// Command kube-network-policies runs the NetworkPolicy enforcer of sigs.k8s.io/kube-network-policies
// (nftables sends each new connection of a pod that a policy selects to an NFQUEUE; the controller
// accepts or drops it) as a host process of the local node, started by tools/node.sh.
//
// Upstream's own command only runs in a pod: it reads the in-cluster service account, which a host
// process does not have, and the pods here cannot reach the API server. This wrapper starts the
// same controller from a kubeconfig, enables only the NetworkPolicy API (no AdminNetworkPolicy),
// stops on SIGTERM as well as SIGINT (removing its nftables table), and has --cleanup to remove a
// table a killed process left behind.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"

	"github.com/google/nftables"
	"golang.org/x/sys/unix"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/klog/v2"
	"sigs.k8s.io/kube-network-policies/pkg/networkpolicy"
)

// version is the upstream module's version; tools/build-engines.sh sets it with -X.
var version = "unknown"

func main() {
	kubeconfig := flag.String("kubeconfig", "", "kubeconfig of the enforcer's identity (required)")
	nodeName := flag.String("hostname-override", "", "the Node whose pods are enforced (required)")
	queueID := flag.Int("nfqueue-id", 100, "the NFQUEUE number new connections are sent to")
	table := flag.String("nftables-table", "kube-network-policies", "name of the inet table it owns")
	dnsWorkaround := flag.Bool("netfilter-bug-1766-fix", false,
		"also queue DNS in PREROUTING (conntrack race of kernels before 6.12)")
	cleanup := flag.Bool("cleanup", false, "remove the nftables table and exit")
	showVersion := flag.Bool("version", false, "print the version and exit")
	klog.InitFlags(flag.CommandLine)
	flag.Parse()

	switch {
	case *showVersion:
		fmt.Printf("kube-network-policies v%s\n", version)
	case *cleanup:
		exitOn(removeTable(*table))
	default:
		exitOn(run(*kubeconfig, networkpolicy.Config{
			QueueID:             *queueID,
			NodeName:            *nodeName,
			NetfilterBug1766Fix: *dnsWorkaround,
			NFTableName:         *table,
			// NRI needs containerd 1.7+; without it the controller learns pod IPs from the API server.
			NRIdisabled: true,
		}))
	}
}

func run(kubeconfig string, config networkpolicy.Config) error {
	if kubeconfig == "" || config.NodeName == "" {
		return fmt.Errorf("--kubeconfig and --hostname-override are required")
	}
	restConfig, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		return fmt.Errorf("reading %s: %w", kubeconfig, err)
	}
	client, err := kubernetes.NewForConfig(restConfig)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, unix.SIGTERM)
	defer stop()

	factory := informers.NewSharedInformerFactory(client, 0)
	controller, err := networkpolicy.NewController(client,
		factory.Networking().V1().NetworkPolicies(), factory.Core().V1().Namespaces(),
		factory.Core().V1().Pods(), nil, nil, nil, nil, config)
	if err != nil {
		return fmt.Errorf("starting the network policy controller: %w", err)
	}
	factory.Start(ctx.Done())
	// Run returns when ctx ends, after deleting its nftables table; an error before that is fatal.
	return controller.Run(ctx)
}

func removeTable(name string) error {
	conn, err := nftables.New()
	if err != nil {
		return err
	}
	tables, err := conn.ListTablesOfFamily(nftables.TableFamilyINet)
	if err != nil {
		return err
	}
	for _, t := range tables {
		if t.Name == name {
			conn.DelTable(t)
			return conn.Flush()
		}
	}
	return nil
}

func exitOn(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "kube-network-policies:", err)
		os.Exit(1)
	}
}
