// Command probe is Bulwark's test workload: an HTTP server that says who answered, and a client
// that reaches another address, so that tests can prove what a pod can and cannot reach.
//
//	probe serve [-listen :8080]        GET / answers "probe <hostname>\n"; GET /healthz answers "ok"
//	probe get URL [-timeout 3s]        prints the body; exit 0 when reached, 1 otherwise
//	probe tcp HOST:PORT [-timeout 3s]  exit 0 when a TCP connection opens, 1 otherwise
//
// get and tcp take -delay DURATION: wait before the first attempt, so that a NetworkPolicy
// enforcer that learns pod addresses from the API server knows the new pod's address by then.
//	probe dns NAME                     prints the addresses NAME resolves to; exit 1 when none
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fail("usage: probe serve|get|tcp|dns ...")
	}
	switch os.Args[1] {
	case "serve":
		serve(os.Args[2:])
	case "get":
		get(os.Args[2:])
	case "tcp":
		dialTCP(os.Args[2:])
	case "dns":
		resolve(os.Args[2:])
	default:
		fail("unknown command " + os.Args[1] + " (expected serve, get, tcp or dns)")
	}
}

func serve(args []string) {
	flags := flag.NewFlagSet("serve", flag.ExitOnError)
	listen := flags.String("listen", ":8080", "address to listen on")
	_ = flags.Parse(args)
	host, _ := os.Hostname()
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok") })
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "probe %s\n", host)
	})
	server := &http.Server{Addr: *listen, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	fmt.Fprintf(os.Stderr, "probe: serving on %s\n", *listen)
	if err := server.ListenAndServe(); err != nil {
		fail(err.Error())
	}
}

func get(args []string) {
	flags := flag.NewFlagSet("get", flag.ExitOnError)
	timeout := flags.Duration("timeout", 3*time.Second, "give up after")
	delay := flags.Duration("delay", 0, "wait this long first")
	target := positional(flags, args, "get URL")
	time.Sleep(*delay)
	client := &http.Client{Timeout: *timeout}
	response, err := client.Get(target)
	if err != nil {
		fail(err.Error())
	}
	defer response.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(response.Body, 1<<16))
	fmt.Print(string(body))
	if response.StatusCode >= 400 {
		fail(response.Status)
	}
}

func dialTCP(args []string) {
	flags := flag.NewFlagSet("tcp", flag.ExitOnError)
	timeout := flags.Duration("timeout", 3*time.Second, "give up after")
	delay := flags.Duration("delay", 0, "wait this long first")
	target := positional(flags, args, "tcp HOST:PORT")
	time.Sleep(*delay)
	connection, err := net.DialTimeout("tcp", target, *timeout)
	if err != nil {
		fail(err.Error())
	}
	connection.Close()
	fmt.Println("connected", target)
}

func resolve(args []string) {
	flags := flag.NewFlagSet("dns", flag.ExitOnError)
	timeout := flags.Duration("timeout", 3*time.Second, "give up after")
	name := positional(flags, args, "dns NAME")
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	addresses, err := net.DefaultResolver.LookupHost(ctx, name)
	if err != nil || len(addresses) == 0 {
		fail(fmt.Sprintf("%s does not resolve: %v", name, err))
	}
	for _, a := range addresses {
		fmt.Println(a)
	}
}

// positional parses flags that may follow the one positional argument.
func positional(flags *flag.FlagSet, args []string, usage string) string {
	if len(args) == 0 {
		fail("usage: probe " + usage)
	}
	_ = flags.Parse(args[1:])
	return args[0]
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, "probe:", message)
	os.Exit(1)
}
