// Package cmd_test holds the rules of the command tree's layout.
package cmd_test

import (
	"go/build"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const cmdPkg = "github.com/igf-records/igf/pkg/cmd/"

// allowed says whether the command package p (a path below pkg/cmd) may
// import the command package q. Commands are thin and independent: what two
// of them share lives outside pkg/cmd (pkg/cmdutil, internal/...). Only the
// tree's own assembly crosses packages: the root takes every noun, a package
// takes the commands below it, and a noun's verbs share pkg/cmd/NOUN/shared.
func allowed(p, q string) bool {
	switch {
	case p == "root":
		return !strings.Contains(q, "/")
	case path.Dir(q) == p:
		return true // a noun and its verbs (and its shared package)
	case path.Base(q) == "shared" && path.Base(p) != "shared":
		return path.Dir(q) == path.Dir(p) // a verb and its noun's shared package
	}
	return false
}

// runE finds a call of a cobra command's RunE, or of its Run with the
// command itself as the first argument: one command running another
// instead of calling the function both share.
var runE = regexp.MustCompile(`([A-Za-z_][A-Za-z0-9_]*)\.(RunE|Run)\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*,`)

func TestCommandsImportNoOtherCommand(t *testing.T) {
	ctx := build.Default
	ctx.CgoEnabled = false
	pkgs := 0
	err := filepath.WalkDir(".", func(dir string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() || dir == "." {
			return err
		}
		bp, err := ctx.ImportDir(dir, 0)
		if _, none := err.(*build.NoGoError); none {
			return nil
		} else if err != nil {
			return err
		}
		pkgs++
		p := filepath.ToSlash(dir)
		for _, imp := range append(append(bp.Imports, bp.TestImports...), bp.XTestImports...) {
			if q, ok := strings.CutPrefix(imp, cmdPkg); ok && q != p && !allowed(p, q) {
				t.Errorf("pkg/cmd/%s imports pkg/cmd/%s: move what they share out of pkg/cmd (pkg/cmdutil or internal/)", p, q)
			}
		}
		for _, name := range bp.GoFiles {
			src, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				return err
			}
			for _, m := range runE.FindAllSubmatch(src, -1) {
				if string(m[2]) == "RunE" || string(m[1]) == string(m[3]) {
					t.Errorf("pkg/cmd/%s/%s: %q runs another command; call the function both share", p, name, m[0])
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pkgs < 30 {
		t.Fatalf("found %d command packages; the walk is not seeing the tree", pkgs)
	}
}

// The rule itself, on the cases it decides.
func TestAllowed(t *testing.T) {
	for _, c := range []struct {
		p, q string
		ok   bool
	}{
		{"root", "action", true},
		{"root", "action/list", false},
		{"action", "action/done", true},
		{"action/done", "action/shared", true},
		{"action/reopen", "action/done", false},
		{"action/done", "validate", false},
		{"init", "hook/shared", false},
		{"decision/list", "meeting/list", false},
		{"report/shared", "report/range", false},
		{"action/shared", "report/shared", false},
	} {
		if got := allowed(c.p, c.q); got != c.ok {
			t.Errorf("allowed(%s, %s) = %v, want %v", c.p, c.q, got, c.ok)
		}
	}
}
