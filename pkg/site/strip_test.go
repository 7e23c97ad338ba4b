package site

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// attrRE is what stripAttrs does by hand.
var attrRE = regexp.MustCompile(`[ \t]*\{#[A-Za-z0-9][A-Za-z0-9.\-]*\}`)

var stripSeeds = []string{
	"", "plain text", "- [ ] LF to draft {#lp-2024-01-18-a1} due:2024-02",
	"a \t {#x}", "{#}", "{#-a}", "{#a-}", "{#a.b-c}", "{#{#a}", "{#a", "a{#a}b{#b}",
	"  {#a}  {#b}", "{# a}", "{#a }", "x {#a}{#b} y", "é {#a}", "{#a}\n {#b}\t",
}

func TestStripAttrsIsTheExpression(t *testing.T) {
	texts := append([]string(nil), stripSeeds...)
	err := filepath.WalkDir("../../records", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		texts = append(texts, string(b))
		return err
	})
	if err != nil || len(texts) < len(stripSeeds)+7 {
		t.Fatalf("read %d bundled records (%v), want every one", len(texts)-len(stripSeeds), err)
	}
	for _, s := range texts {
		if got, want := stripAttrs(s), attrRE.ReplaceAllString(s, ""); got != want {
			t.Errorf("stripAttrs(%q)\n got %q\nwant %q", s, got, want)
		}
	}
}

func FuzzStripAttrs(f *testing.F) {
	for _, s := range stripSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := stripAttrs(s), attrRE.ReplaceAllString(s, ""); got != want {
			t.Errorf("stripAttrs(%q) = %q, want %q", s, got, want)
		}
	})
}
