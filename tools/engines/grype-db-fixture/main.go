// Command grype-db-fixture writes a small offline Grype vulnerability database (schema v6) from
// advisory facts given as JSON, with Grype's own store writer and archive packaging, so that tests
// can run the real grype with `grype db import` and GRYPE_DB_AUTO_UPDATE=false and never fetch a
// database. The advisories are the caller's; nothing is downloaded.
//
//	grype-db-fixture -advisories advisories.json -out DIR [-built 2026-12-04T06:00:00Z]
//	grype-db-fixture -version
//
// -built sets the database's build time (default: now), which Grype's age check compares with its
// maximum allowed age; an old one makes a database Grype refuses. Prints the archive's path.
//
// The advisories file:
//
//	{"provider": "bulwark-advisories",
//	 "advisories": [{"id": "CVE-...", "aliases": ["GHSA-..."], "published": "2022-10-14",
//	   "description": "...", "cvss": "CVSS:3.1/AV:N/...", "references": ["https://..."],
//	   "packages": [{"ecosystem": "go-module", "name": "golang.org/x/text", "versionFormat": "go",
//	                 "affected": "< 0.3.8", "fixed": "0.3.8"}]}]}
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	v6 "github.com/anchore/grype/grype/db/v6"
	dbbuild "github.com/anchore/grype/grype/db/v6/build"
)

const grypeModule = "github.com/anchore/grype"

type advisoryFile struct {
	Provider   string     `json:"provider"`
	Advisories []advisory `json:"advisories"`
}

type advisory struct {
	ID          string          `json:"id"`
	Aliases     []string        `json:"aliases"`
	Published   string          `json:"published"`
	Description string          `json:"description"`
	CVSS        string          `json:"cvss"`
	References  []string        `json:"references"`
	Packages    []affectedRange `json:"packages"`
}

type affectedRange struct {
	Ecosystem     string `json:"ecosystem"`
	Name          string `json:"name"`
	VersionFormat string `json:"versionFormat"`
	Affected      string `json:"affected"`
	Fixed         string `json:"fixed"`
}

func main() {
	advisories := flag.String("advisories", "", "JSON file with the advisory facts")
	out := flag.String("out", "", "directory to write vulnerability.db and its archive into (created)")
	built := flag.String("built", "", "build time of the database, RFC 3339 (default: now)")
	version := flag.Bool("version", false, "print the grype version whose schema this writes")
	flag.Parse()
	if *version {
		fmt.Println("grype-db-fixture " + grypeVersion())
		return
	}
	archive, err := run(*advisories, *out, *built)
	if err != nil {
		fmt.Fprintln(os.Stderr, "grype-db-fixture:", err)
		os.Exit(1)
	}
	fmt.Println(archive)
}

// grypeVersion is the version of the grype module this binary was built with (0.121.3).
func grypeVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == grypeModule {
				return strings.TrimPrefix(dep.Version, "v")
			}
		}
	}
	return "unknown"
}

func run(advisoriesPath, out, built string) (string, error) {
	if advisoriesPath == "" || out == "" {
		return "", errors.New("-advisories and -out are required")
	}
	buildTime := time.Now().UTC().Round(time.Second)
	if built != "" {
		t, err := time.Parse(time.RFC3339, built)
		if err != nil {
			return "", fmt.Errorf("-built %q: expected an RFC 3339 time such as 2026-12-04T06:00:00Z", built)
		}
		buildTime = t.UTC()
	}
	facts, err := readAdvisories(advisoriesPath)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return "", err
	}
	if err := write(out, facts, buildTime); err != nil {
		return "", err
	}
	// Grype's own packaging: vulnerability-db_v6.R.A_<oldest capture>_<built epoch>.tar.gz and latest.json
	if err := dbbuild.CreateArchive(out, "tar.gz", nil); err != nil {
		return "", fmt.Errorf("packaging the database: %w", err)
	}
	matches, _ := filepath.Glob(filepath.Join(out, "vulnerability-db_v*.tar.gz"))
	if len(matches) != 1 {
		return "", fmt.Errorf("expected one archive in %s, found %d", out, len(matches))
	}
	return matches[0], nil
}

var versionFormats = regexp.MustCompile(`^(go|semver|deb|apk|rpm|python|maven|gem|npm)$`)

// readAdvisories parses and checks the file; every error names the advisory and field.
func readAdvisories(path string) (advisoryFile, error) {
	var facts advisoryFile
	raw, err := os.ReadFile(path)
	if err != nil {
		return facts, err
	}
	decoder := json.NewDecoder(strings.NewReader(string(raw)))
	decoder.DisallowUnknownFields()
	if err := decoder.Decode(&facts); err != nil {
		return facts, fmt.Errorf("%s: %w", path, err)
	}
	if facts.Provider == "" || len(facts.Advisories) == 0 {
		return facts, fmt.Errorf("%s: expected a provider and at least one advisory", path)
	}
	for i, a := range facts.Advisories {
		at := fmt.Sprintf("%s: advisories[%d]", path, i)
		if a.ID == "" || a.CVSS == "" || len(a.Packages) == 0 {
			return facts, fmt.Errorf("%s: id, cvss and packages are required", at)
		}
		if _, err := time.Parse(time.DateOnly, a.Published); err != nil {
			return facts, fmt.Errorf("%s (%s).published: expected a date such as 2022-10-14", at, a.ID)
		}
		if !strings.HasPrefix(a.CVSS, "CVSS:3.1/") && !strings.HasPrefix(a.CVSS, "CVSS:3.0/") {
			return facts, fmt.Errorf("%s (%s).cvss: expected a CVSS 3.x vector (CVSS:3.1/...)", at, a.ID)
		}
		for j, p := range a.Packages {
			if p.Ecosystem == "" || p.Name == "" || p.Affected == "" || !versionFormats.MatchString(p.VersionFormat) {
				return facts, fmt.Errorf("%s (%s).packages[%d]: expected ecosystem, name, affected and a versionFormat matching %s",
					at, a.ID, j, versionFormats)
			}
		}
	}
	return facts, nil
}

// write fills a new v6 store with the advisories and sets its build time.
func write(dir string, facts advisoryFile, buildTime time.Time) error {
	store, err := v6.NewWriter(v6.Config{DBDirPath: dir})
	if err != nil {
		return fmt.Errorf("opening a new database in %s: %w", dir, err)
	}
	provider := &v6.Provider{
		ID:           facts.Provider,
		Version:      "1",
		Processor:    "grype-db-fixture",
		DateCaptured: &buildTime,
	}
	for _, a := range facts.Advisories {
		if err := add(store, provider, a); err != nil {
			_ = store.Close()
			return fmt.Errorf("%s: %w", a.ID, err)
		}
	}
	if err := store.Close(); err != nil {
		return fmt.Errorf("closing the database: %w", err)
	}
	return setBuildTime(dir, buildTime)
}

func add(store v6.ReadWriter, provider *v6.Provider, a advisory) error {
	published, _ := time.Parse(time.DateOnly, a.Published)
	var refs []v6.Reference
	for _, url := range a.References {
		refs = append(refs, v6.Reference{URL: url})
	}
	version := strings.TrimPrefix(strings.SplitN(a.CVSS, "/", 2)[0], "CVSS:")
	vuln := &v6.VulnerabilityHandle{
		Name:          a.ID,
		Status:        v6.VulnerabilityActive,
		PublishedDate: &published,
		ProviderID:    provider.ID,
		Provider:      provider,
		BlobValue: &v6.VulnerabilityBlob{
			ID:          a.ID,
			Description: a.Description,
			References:  refs,
			Aliases:     a.Aliases,
			// only the vector: grype derives the severity from its base score
			Severities: []v6.Severity{{
				Scheme: v6.SeveritySchemeCVSS,
				Value:  v6.CVSSSeverity{Vector: a.CVSS, Version: version},
				Source: "grype-db-fixture",
				Rank:   1,
			}},
		},
	}
	if err := store.AddVulnerabilities(vuln); err != nil {
		return err
	}
	for _, p := range a.Packages {
		fix := &v6.Fix{State: v6.NotFixedStatus}
		if p.Fixed != "" {
			fix = &v6.Fix{Version: p.Fixed, State: v6.FixedStatus}
		}
		handle := &v6.AffectedPackageHandle{
			Vulnerability: vuln,
			Package:       &v6.Package{Ecosystem: p.Ecosystem, Name: p.Name},
			BlobValue: &v6.PackageBlob{
				CVEs:   cves(a),
				Ranges: []v6.Range{{Version: v6.Version{Type: p.VersionFormat, Constraint: p.Affected}, Fix: fix}},
			},
		}
		if err := store.AddAffectedPackages(handle); err != nil {
			return err
		}
	}
	return nil
}

func cves(a advisory) []string {
	var ids []string
	for _, id := range append([]string{a.ID}, a.Aliases...) {
		if strings.HasPrefix(id, "CVE-") {
			ids = append(ids, id)
		}
	}
	return ids
}

// setBuildTime replaces the build time the writer stamped (always "now") with the requested one:
// Grype's age check reads this, and the archive's name carries it.
func setBuildTime(dir string, buildTime time.Time) error {
	db, err := v6.NewLowLevelDB(filepath.Join(dir, v6.VulnerabilityDBFileName), false, true, false)
	if err != nil {
		return err
	}
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	defer sqlDB.Close()
	return db.Model(&v6.DBMetadata{}).Where("true").Update("build_timestamp", buildTime).Error
}
