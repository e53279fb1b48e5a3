package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func get(t *testing.T, server *httptest.Server, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(server.URL + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	return resp.StatusCode, string(body)
}

func TestRootGreets(t *testing.T) {
	server := httptest.NewServer(newHandler("hi there"))
	defer server.Close()
	code, body := get(t, server, "/")
	if code != http.StatusOK || body != "hi there\n" {
		t.Fatalf("GET / = %d %q, want 200 \"hi there\\n\"", code, body)
	}
}

func TestHealthz(t *testing.T) {
	server := httptest.NewServer(newHandler("x"))
	defer server.Close()
	if code, body := get(t, server, "/healthz"); code != http.StatusOK || body != "ok\n" {
		t.Fatalf("GET /healthz = %d %q", code, body)
	}
}

func TestUnknownPathIsNotFound(t *testing.T) {
	server := httptest.NewServer(newHandler("x"))
	defer server.Close()
	if code, _ := get(t, server, "/nope"); code != http.StatusNotFound {
		t.Fatalf("GET /nope = %d, want 404", code)
	}
}

func TestMetricsCountRequestsInPrometheusTextFormat(t *testing.T) {
	server := httptest.NewServer(newHandler("x"))
	defer server.Close()
	get(t, server, "/")
	get(t, server, "/")
	get(t, server, "/healthz")
	get(t, server, "/a/b/c")
	code, body := get(t, server, "/metrics")
	if code != http.StatusOK {
		t.Fatalf("GET /metrics = %d", code)
	}
	for _, want := range []string{
		"# TYPE sample_app_requests_total counter\n",
		"sample_app_requests_total{path=\"/\",code=\"200\"} 2\n",
		"sample_app_requests_total{path=\"/healthz\",code=\"200\"} 1\n",
		"sample_app_requests_total{path=\"other\",code=\"404\"} 1\n",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "/a/b/c") {
		t.Errorf("an unknown path became its own series:\n%s", body)
	}
}
