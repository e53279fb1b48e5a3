// Command ocibuild writes a single-layer OCI image archive (an OCI image layout in a tar file, as
// `ctr images import` and skopeo read it) from files on disk, reproducibly: entries sorted, owned
// by root, every timestamp fixed (SOURCE_DATE_EPOCH, default 1980-01-01), gzip without a name or
// time. The same inputs give the same digest on every machine, so the digest a release publishes
// is the one a local build reproduces.
//
//	ocibuild -name bulwark.local/pause:3.10 -out pause.tar -entrypoint /pause \
//	         -add ./pause=/pause [-add SRC=DST ...] [-env K=V ...] [-user 65535:65535] [-workdir /]
//
// SRC may be a directory: it is copied recursively under DST (symbolic links kept as links).
// Prints NAME@sha256:DIGEST of the image manifest on stdout.
package main

import (
	"fmt"
	"os"
	"strings"
)

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	spec, err := parseArgs(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "ocibuild:", err)
		os.Exit(2)
	}
	reference, err := build(spec)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ocibuild:", err)
		os.Exit(1)
	}
	fmt.Println(reference)
}
