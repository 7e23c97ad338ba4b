package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

func init() {
	scriptCmds["nomarker"] = noMarker
}

// restrictedMarker is the shape of the markers testdata/redact hides in
// every place a record can be restricted.
var restrictedMarker = regexp.MustCompile(`(?i)qzxm\d\d`)

// nomarker PATH... fails if any byte of any file under the paths (or of the
// last command's stdout and stderr, named as "stdout" and "stderr") holds a
// restricted marker, and prints how many files and bytes it read, so a
// script can check that it read something. "! nomarker" fails unless some
// file holds one, so a script shows that its check can fail.
func noMarker(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) == 0 {
		ts.Fatalf("usage: nomarker PATH...")
	}
	files, size, found := 0, 0, 0
	check := func(name string, data []byte) {
		files++
		size += len(data)
		if m := restrictedMarker.FindIndex(data); m != nil {
			found++
			if !neg {
				from, to := max(0, m[0]-80), min(len(data), m[1]+40)
				ts.Fatalf("%s holds the restricted marker %s: …%s…", name, data[m[0]:m[1]], strings.ReplaceAll(string(data[from:to]), "\n", "⏎"))
			}
		}
	}
	for _, a := range args {
		if a == "stdout" || a == "stderr" {
			check(a, []byte(ts.ReadFile(a)))
			continue
		}
		root := ts.MkAbs(a)
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			check(filepath.Join(a, rel), data)
			return nil
		})
		if err != nil {
			ts.Fatalf("nomarker: %v", err)
		}
	}
	if files == 0 || size == 0 {
		ts.Fatalf("nomarker: nothing to read in %v", args)
	}
	if neg && found == 0 {
		ts.Fatalf("nomarker: %d files, %d bytes, and no marker, though one was expected", files, size)
	}
	ts.Logf("nomarker: %d files, %d bytes, %d with a marker", files, size, found)
}
