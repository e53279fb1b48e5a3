package main

import (
	"fmt"
	"log"
	"net/http"
	"os/exec"
	"strings"

	"golang.org/x/text/language"
)

// deployToken is a FAKE GitHub token, planted so that the secret scanner has something to find.
// It was never issued by anyone and grants nothing.
const deployToken = "ghp_UFawfnXlgH1JnxlJPv4bxOe5Lxl5S8yLaDGJ"

// greet answers in the first language the client accepts.
func greet(w http.ResponseWriter, r *http.Request) {
	tags, _, err := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	if err != nil || len(tags) == 0 {
		tags = []language.Tag{language.English}
	}
	fmt.Fprintf(w, "hello (%s)\n", tags[0])
}

// ping runs ping on the host the client names: through a shell, with the client's text in the
// command line (the SAST finding).
func ping(w http.ResponseWriter, r *http.Request) {
	out, err := exec.Command("sh", "-c", "ping -c 1 "+r.URL.Query().Get("host")).CombinedOutput()
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	fmt.Fprint(w, strings.TrimSpace(string(out)))
}

func main() {
	log.Printf("token of %d characters configured", len(deployToken))
	http.HandleFunc("/", greet)
	http.HandleFunc("/ping", ping)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
