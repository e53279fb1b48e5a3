package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// imageSpec is what one image is made of.
type imageSpec struct {
	name       string // repository:tag
	out        string
	entrypoint []string
	cmd        []string
	env        []string
	user       string
	workdir    string
	adds       []addition
	created    time.Time
}

// addition copies SRC (file or directory) to DST inside the image.
type addition struct{ src, dst string }

func parseArgs(args []string) (imageSpec, error) {
	flags := flag.NewFlagSet("ocibuild", flag.ContinueOnError)
	var spec imageSpec
	var adds, env, entrypoint, cmd listFlag
	flags.StringVar(&spec.name, "name", "", "image name with tag, e.g. bulwark.local/pause:3.10")
	flags.StringVar(&spec.out, "out", "", "OCI archive to write")
	flags.Var(&entrypoint, "entrypoint", "entrypoint argument (repeat for each)")
	flags.Var(&cmd, "cmd", "default argument (repeat for each)")
	flags.Var(&env, "env", "KEY=VALUE (repeat)")
	flags.Var(&adds, "add", "SRC=DST (repeat)")
	flags.StringVar(&spec.user, "user", "", "user[:group] the image runs as")
	flags.StringVar(&spec.workdir, "workdir", "/", "working directory")
	if err := flags.Parse(args); err != nil {
		return spec, err
	}
	if spec.name == "" || !strings.Contains(spec.name, ":") {
		return spec, errors.New("-name REPOSITORY:TAG is required")
	}
	if spec.out == "" {
		return spec, errors.New("-out FILE is required")
	}
	for _, a := range adds {
		src, dst, ok := strings.Cut(a, "=")
		if !ok || src == "" || !strings.HasPrefix(dst, "/") {
			return spec, fmt.Errorf("-add %q: expected SRC=/absolute/destination", a)
		}
		spec.adds = append(spec.adds, addition{src, dst})
	}
	if len(spec.adds) == 0 {
		return spec, errors.New("at least one -add SRC=DST is required")
	}
	for _, e := range env {
		if !strings.Contains(e, "=") {
			return spec, fmt.Errorf("-env %q: expected KEY=VALUE", e)
		}
	}
	spec.entrypoint, spec.cmd, spec.env = entrypoint, cmd, env
	created, err := sourceDateEpoch()
	spec.created = created
	return spec, err
}

// sourceDateEpoch is the one timestamp of the image: SOURCE_DATE_EPOCH, or 1980-01-01.
func sourceDateEpoch() (time.Time, error) {
	value := os.Getenv("SOURCE_DATE_EPOCH")
	if value == "" {
		return time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC), nil
	}
	seconds, err := strconv.ParseInt(value, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q: expected seconds since 1970", value)
	}
	return time.Unix(seconds, 0).UTC(), nil
}
