package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// entry is one file, directory or link of the layer, at its path inside the image.
type entry struct {
	name   string // without leading slash
	source string // file on disk ("" for an implied parent directory)
	info   fs.FileInfo
}

// collect walks every addition and returns the layer's entries, parents included, sorted.
func collect(adds []addition) ([]entry, error) {
	byName := map[string]entry{}
	for _, a := range adds {
		root := strings.TrimPrefix(path.Clean(a.dst), "/")
		err := filepath.WalkDir(a.src, func(p string, _ fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			info, err := os.Lstat(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(a.src, p)
			name := path.Join(root, filepath.ToSlash(rel))
			byName[name] = entry{name: name, source: p, info: info}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("-add %s=%s: %w", a.src, a.dst, err)
		}
	}
	for name := range byName {
		for dir := path.Dir(name); dir != "." && dir != "/"; dir = path.Dir(dir) {
			if _, ok := byName[dir]; !ok {
				byName[dir] = entry{name: dir}
			}
		}
	}
	entries := make([]entry, 0, len(byName))
	for _, e := range byName {
		entries = append(entries, e)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].name < entries[j].name })
	return entries, nil
}

// writeLayer returns the gzip-compressed layer and the digest of its uncompressed tar (diff ID).
func writeLayer(entries []entry, mtime time.Time) (compressed []byte, diffID string, err error) {
	var raw bytes.Buffer
	tw := tar.NewWriter(&raw)
	for _, e := range entries {
		if err := writeEntry(tw, e, mtime); err != nil {
			return nil, "", err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, "", err
	}
	diffID = digestOf(raw.Bytes())
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if _, err := zw.Write(raw.Bytes()); err != nil {
		return nil, "", err
	}
	if err := zw.Close(); err != nil {
		return nil, "", err
	}
	return gz.Bytes(), diffID, nil
}

func writeEntry(tw *tar.Writer, e entry, mtime time.Time) error {
	header := &tar.Header{Name: e.name, ModTime: mtime, Format: tar.FormatPAX, Mode: 0o755}
	switch {
	case e.info == nil || e.info.IsDir():
		header.Typeflag, header.Name = tar.TypeDir, e.name+"/"
	case e.info.Mode()&fs.ModeSymlink != 0:
		target, err := os.Readlink(e.source)
		if err != nil {
			return err
		}
		header.Typeflag, header.Linkname, header.Mode = tar.TypeSymlink, target, 0o777
	case e.info.Mode().IsRegular():
		header.Typeflag, header.Size = tar.TypeReg, e.info.Size()
		if e.info.Mode()&0o111 == 0 {
			header.Mode = 0o644 // only the executable bit survives: the rest is normalised
		}
	default:
		return fmt.Errorf("%s: only files, directories and symbolic links go into an image", e.source)
	}
	if err := tw.WriteHeader(header); err != nil {
		return err
	}
	if header.Typeflag != tar.TypeReg {
		return nil
	}
	file, err := os.Open(e.source)
	if err != nil {
		return err
	}
	defer file.Close()
	_, err = io.Copy(tw, file)
	return err
}
