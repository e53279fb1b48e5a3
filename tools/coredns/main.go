// Command coredns is CoreDNS with only the plugins the local cluster's DNS uses: the cluster
// zone from the Kubernetes API, a cache, health and readiness endpoints, and logging of
// errors. Upstream's default build links every plugin (cloud DNS providers, etcd, ...), which
// would triple the build for nothing that runs here; the Corefile syntax and plugin behaviour are
// upstream's own.
package main

import (
	"github.com/coredns/coredns/core/dnsserver"
	"github.com/coredns/coredns/coremain"

	_ "github.com/coredns/coredns/plugin/bind"
	_ "github.com/coredns/coredns/plugin/cache"
	_ "github.com/coredns/coredns/plugin/errors"
	_ "github.com/coredns/coredns/plugin/health"
	_ "github.com/coredns/coredns/plugin/kubernetes"
	_ "github.com/coredns/coredns/plugin/log"
	_ "github.com/coredns/coredns/plugin/ready"
)

// directives in upstream's plugin.cfg order, which decides the order a query passes through.
var directives = []string{"bind", "ready", "health", "errors", "log", "cache", "kubernetes"}

func init() {
	dnsserver.Directives = directives
}

func main() {
	coremain.Run()
}
