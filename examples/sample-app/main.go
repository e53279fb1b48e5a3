// Command sample-app is the small service acme's checkout application builds in Bulwark's
// examples and tests: a greeting at /, a health check at /healthz and its request counts in the
// Prometheus text format at /metrics. Standard library only, so that it builds into a static
// binary for a FROM scratch image.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
	"sort"
	"sync"
	"time"
)

// counter counts requests by path and status code.
type counter struct {
	mu     sync.Mutex
	counts map[string]uint64
}

func newCounter() *counter {
	return &counter{counts: map[string]uint64{}}
}

func (c *counter) add(path string, code int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.counts[fmt.Sprintf("path=%q,code=\"%d\"", path, code)]++
}

// write writes the counts in the Prometheus text exposition format, sorted so that scrapes and
// tests see a stable order.
func (c *counter) write(w http.ResponseWriter) {
	c.mu.Lock()
	defer c.mu.Unlock()
	keys := make([]string, 0, len(c.counts))
	for k := range c.counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintln(w, "# HELP sample_app_requests_total Requests served, by path and status code.")
	fmt.Fprintln(w, "# TYPE sample_app_requests_total counter")
	for _, k := range keys {
		fmt.Fprintf(w, "sample_app_requests_total{%s} %d\n", k, c.counts[k])
	}
}

// recorder remembers the status code a handler wrote.
type recorder struct {
	http.ResponseWriter
	code int
}

func (r *recorder) WriteHeader(code int) {
	r.code = code
	r.ResponseWriter.WriteHeader(code)
}

// newHandler returns the service's routes; greeting is what / answers.
func newHandler(greeting string) http.Handler {
	requests := newCounter()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, greeting)
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		requests.write(w)
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &recorder{ResponseWriter: w, code: http.StatusOK}
		mux.ServeHTTP(rec, r)
		// Unknown paths are counted under one label, so that scanners cannot grow the series.
		path := r.URL.Path
		if rec.code == http.StatusNotFound {
			path = "other"
		}
		requests.add(path, rec.code)
	})
}

func main() {
	addr := ":8080"
	if port := os.Getenv("PORT"); port != "" {
		addr = ":" + port
	}
	greeting := os.Getenv("GREETING")
	if greeting == "" {
		greeting = "Hello from the sample app"
	}
	server := &http.Server{
		Addr:              addr,
		Handler:           newHandler(greeting),
		ReadHeaderTimeout: 5 * time.Second,
	}
	log.Printf("listening on %s", addr)
	log.Fatal(server.ListenAndServe())
}
