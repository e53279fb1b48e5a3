// Wrapper module that pins Argo CD's github.com/argoproj/argo-cd/v3 Go module. Argo CD's go.mod
// replaces the k8s.io staging modules, and replaces apply only in the main module, so
// tools/build-engines.sh builds ./cmd (one binary: the application controller or the repo server
// by the name it is called as) INSIDE a copy of the downloaded module, as it does for External
// Secrets. v3.2.11 is the newest release that builds from the Go module proxy: from v3.3.0 on,
// Argo CD's go.mod replaces gitops-engine with ./gitops-engine, a nested module that the module's
// zip leaves out, and v3.2.12's own code does not compile (see tools/README.md, Argo CD).
// Nothing in Bulwark imports this module.
module local.bulwark/tools/engines/argocd

go 1.26.0

require github.com/argoproj/argo-cd/v3 v3.2.11
