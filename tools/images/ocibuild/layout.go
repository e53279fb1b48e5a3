package main

import (
	"archive/tar"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strings"
	"time"
)

const (
	mediaManifest = "application/vnd.oci.image.manifest.v1+json"
	mediaIndex    = "application/vnd.oci.image.index.v1+json"
	mediaConfig   = "application/vnd.oci.image.config.v1+json"
	mediaLayer    = "application/vnd.oci.image.layer.v1.tar+gzip"
)

type descriptor struct {
	MediaType   string            `json:"mediaType"`
	Digest      string            `json:"digest"`
	Size        int               `json:"size"`
	Annotations map[string]string `json:"annotations,omitempty"`
}

func digestOf(content []byte) string {
	sum := sha256.Sum256(content)
	return "sha256:" + hex.EncodeToString(sum[:])
}

func describe(mediaType string, content []byte) descriptor {
	return descriptor{MediaType: mediaType, Digest: digestOf(content), Size: len(content)}
}

// build writes the archive and returns NAME@DIGEST of its manifest.
func build(spec imageSpec) (string, error) {
	entries, err := collect(spec.adds)
	if err != nil {
		return "", err
	}
	layer, diffID, err := writeLayer(entries, spec.created)
	if err != nil {
		return "", err
	}
	config, err := json.Marshal(imageConfig(spec, diffID))
	if err != nil {
		return "", err
	}
	manifest, _ := json.Marshal(map[string]any{
		"schemaVersion": 2,
		"mediaType":     mediaManifest,
		"config":        describe(mediaConfig, config),
		"layers":        []descriptor{describe(mediaLayer, layer)},
	})
	manifestDescriptor := describe(mediaManifest, manifest)
	tag := spec.name[strings.LastIndex(spec.name, ":")+1:]
	manifestDescriptor.Annotations = map[string]string{
		"io.containerd.image.name":          spec.name,
		"org.opencontainers.image.ref.name": tag,
	}
	index, _ := json.Marshal(map[string]any{
		"schemaVersion": 2,
		"mediaType":     mediaIndex,
		"manifests":     []descriptor{manifestDescriptor},
	})
	files := map[string][]byte{
		"oci-layout": []byte(`{"imageLayoutVersion":"1.0.0"}`),
		"index.json": index,
	}
	for _, blob := range [][]byte{layer, config, manifest} {
		files["blobs/sha256/"+strings.TrimPrefix(digestOf(blob), "sha256:")] = blob
	}
	if err := writeArchive(spec.out, files, spec.created); err != nil {
		return "", err
	}
	return spec.name + "@" + manifestDescriptor.Digest, nil
}

func imageConfig(spec imageSpec, diffID string) map[string]any {
	created := spec.created.Format(time.RFC3339)
	return map[string]any{
		"created":      created,
		"architecture": runtime.GOARCH,
		"os":           "linux",
		"config": map[string]any{
			"Entrypoint": spec.entrypoint,
			"Cmd":        spec.cmd,
			"Env":        spec.env,
			"User":       spec.user,
			"WorkingDir": spec.workdir,
		},
		"rootfs":  map[string]any{"type": "layers", "diff_ids": []string{diffID}},
		"history": []map[string]string{{"created": created, "created_by": "ocibuild"}},
	}
}

// writeArchive writes the layout's files as a tar, in name order, with fixed times; the file
// appears complete or not at all.
func writeArchive(out string, files map[string][]byte, mtime time.Time) error {
	tmp := out + ".tmp"
	file, err := os.Create(tmp)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	tw := tar.NewWriter(file)
	names := make([]string, 0, len(files)+2)
	for name := range files {
		names = append(names, name)
	}
	names = append(names, "blobs/", "blobs/sha256/")
	sort.Strings(names)
	for _, name := range names {
		header := &tar.Header{Name: name, ModTime: mtime, Mode: 0o644, Typeflag: tar.TypeReg,
			Size: int64(len(files[name])), Format: tar.FormatPAX}
		if strings.HasSuffix(name, "/") {
			header.Typeflag, header.Mode, header.Size = tar.TypeDir, 0o755, 0
		}
		if err := tw.WriteHeader(header); err != nil {
			return err
		}
		if _, err := tw.Write(files[name]); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	if err := file.Close(); err != nil {
		return fmt.Errorf("%s: %w", out, err)
	}
	return os.Rename(tmp, out)
}
