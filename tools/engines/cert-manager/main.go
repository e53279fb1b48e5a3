// Command cert-manager-controller runs cert-manager's own controllers (the Go packages of
// github.com/cert-manager/cert-manager at the catalogue's version) as one process against an API
// server given by a kubeconfig, for Bulwark's engine tests.
//
// Why a main of our own: upstream's controller binary lives in cmd/controller, a separate Go
// module (module path .../controller-binary, with a replace to ../../) that is not published on
// the Go module proxy; only github.com/cert-manager/cert-manager itself is. This program does what
// that binary's start-up does for the controllers it names — build the controller context,
// construct each registered controller, start the shared informers, run them — and leaves out
// what a test control plane has no use for: leader election (one replica), the metrics and
// health servers, and the ACME HTTP-01/DNS-01 solvers (no nodes, no DNS provider).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"k8s.io/klog/v2"

	controllerpkg "github.com/cert-manager/cert-manager/pkg/controller"
	logf "github.com/cert-manager/cert-manager/pkg/logs"
	"github.com/cert-manager/cert-manager/pkg/util"

	// Controllers register their constructors in init(); these are the ones run here.
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificaterequests/approver"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificaterequests/ca"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificaterequests/selfsigned"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificates/issuing"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificates/keymanager"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificates/readiness"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificates/requestmanager"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificates/revisionmanager"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificates/trigger"
	_ "github.com/cert-manager/cert-manager/pkg/controller/clusterissuers"
	_ "github.com/cert-manager/cert-manager/pkg/controller/issuers"
	// Issuer types the (Cluster)Issuer controllers set up and check.
	_ "github.com/cert-manager/cert-manager/pkg/issuer/acme"
	_ "github.com/cert-manager/cert-manager/pkg/issuer/ca"
	_ "github.com/cert-manager/cert-manager/pkg/issuer/selfsigned"
)

func main() {
	kubeconfig := flag.String("kubeconfig", "", "kubeconfig of the API server (required)")
	clusterResourceNamespace := flag.String("cluster-resource-namespace", "cert-manager",
		"namespace holding the Secrets that ClusterIssuers refer to")
	namespace := flag.String("namespace", "", "namespace to watch (empty: all)")
	controllers := flag.String("controllers", "*", "comma-separated controllers to run; * for all built in")
	workers := flag.Int("workers", 2, "workers per controller")
	minBackoff := flag.Duration("certificate-request-minimum-backoff-duration", time.Hour,
		"first delay before re-issuing after a failed CertificateRequest (upstream's default)")
	version := flag.Bool("version", false, "print the version and exit")
	flag.Parse()

	if *version {
		fmt.Printf("cert-manager-controller %s\n", util.AppVersion)
		return
	}
	if *kubeconfig == "" {
		fmt.Fprintln(os.Stderr, "--kubeconfig is required")
		os.Exit(2)
	}
	logf.InitLogs()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx = logf.NewContext(ctx, klog.Background(), "cert-manager-controller")

	names, err := selected(*controllers)
	if err == nil {
		err = run(ctx, names, *workers, controllerpkg.ContextOptions{
			Kubeconfig:         *kubeconfig,
			Namespace:          *namespace,
			KubernetesAPIQPS:   20,
			KubernetesAPIBurst: 50,
			IssuerOptions:      controllerpkg.IssuerOptions{ClusterResourceNamespace: *clusterResourceNamespace},
			CertificateOptions: controllerpkg.CertificateOptions{
				CertificateRequestMinimumBackoffDuration: *minBackoff,
				CertificateRequestMaximumBackoffDuration: 32 * time.Hour,
			},
		})
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "cert-manager-controller:", err)
		os.Exit(1)
	}
}

// selected resolves the --controllers list against the registered constructors.
func selected(list string) ([]string, error) {
	var known []string
	for name := range controllerpkg.Known() {
		known = append(known, name)
	}
	sort.Strings(known)
	if list == "*" {
		return known, nil
	}
	var names []string
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		if _, ok := controllerpkg.Known()[name]; !ok {
			return nil, fmt.Errorf("unknown controller %q (built in: %s)", name, strings.Join(known, ", "))
		}
		names = append(names, name)
	}
	return names, nil
}

// run constructs every named controller before starting the informers (constructors register
// the informers they need), then runs them until ctx ends.
func run(ctx context.Context, names []string, workers int, opts controllerpkg.ContextOptions) error {
	factory, err := controllerpkg.NewContextFactory(ctx, opts)
	if err != nil {
		return err
	}
	var running []controllerpkg.Interface
	for _, name := range names {
		c, err := controllerpkg.Known()[name](factory)
		if err != nil {
			return fmt.Errorf("constructing controller %s: %w", name, err)
		}
		running = append(running, c)
	}
	shared, err := factory.Build()
	if err != nil {
		return err
	}
	shared.KubeSharedInformerFactory.Start(ctx.Done())
	shared.SharedInformerFactory.Start(ctx.Done())
	shared.HTTP01ResourceMetadataInformersFactory.Start(ctx.Done())

	logf.FromContext(ctx).Info("starting controllers", "version", util.AppVersion, "controllers", names)
	var wg sync.WaitGroup
	errs := make(chan error, len(running))
	for i, c := range running {
		wg.Go(func() {
			if err := c.Run(workers, ctx); err != nil {
				errs <- fmt.Errorf("controller %s: %w", names[i], err)
			}
		})
	}
	wg.Wait()
	close(errs)
	return <-errs
}
