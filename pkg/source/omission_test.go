package source

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/igf-records/igf/pkg/cache"
	"github.com/igf-records/igf/pkg/core/record"
)

// A selected load decodes only what its selector takes, but a file whose
// reading met an error is reported whatever it is selected for, from the
// cache as much as from a fresh parse.
func TestSelectedLoadReportsEveryFlawedFile(t *testing.T) {
	top := t.TempDir()
	if err := os.CopyFS(filepath.Join(top, "records"), os.DirFS(filepath.Join("..", "..", "records"))); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(top, ".git"), 0o755); err != nil { // the cache lives in .git/igf
		t.Fatal(err)
	}
	write := func(rel, s string) {
		if err := os.WriteFile(filepath.Join(top, rel), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("records/broken.md", "---\nid: broken\ntype: meeting\nformat: virtual: oops: [\n---\n")
	write("records/partly.md", "---\nid: partly\ntype: meeting\nbody: LP\ndate: \"2024-02-30\"\n---\n- [ ] Draft @LF due:2024-03 {#partly-a1}\n")
	nothing := func(*record.Set) func(cache.Summary) bool { return func(cache.Summary) bool { return false } }
	for run := range 3 { // a cold run, then two that read the cache
		l, err := LoadWorktreeSelected(top, nothing)
		if err != nil {
			t.Fatal(err)
		}
		got := l.Omissions()
		if len(got) != 2 || got[0].Path != "records/broken.md" || !got[0].Whole || got[1].Path != "records/partly.md" || got[1].Whole {
			t.Fatalf("run %d: omissions %+v, want broken.md (whole) and partly.md (in part)", run, got)
		}
		if l.RegistryProblem() != nil {
			t.Fatalf("run %d: the registry was read, but RegistryProblem says %v", run, l.RegistryProblem())
		}
	}
}

func TestRegistryProblem(t *testing.T) {
	l := &Loaded{Set: record.NewSet(nil), Findings: []record.Finding{
		record.At("records/registry.md", record.Pos{Line: 4, Col: 3}, "yaml", "invalid YAML", ""),
	}}
	if o := l.RegistryProblem(); o == nil || o.Path != "records/registry.md" || o.Line != 4 {
		t.Fatalf("an unreadable registry: %+v", o)
	}
	l = &Loaded{Set: record.NewSet(nil)}
	if o := l.RegistryProblem(); o == nil || o.Rule != "no-registry" {
		t.Fatalf("no registry at all: %+v", o)
	}
	l = &Loaded{Set: record.NewSet([]*record.Record{{Path: "records/registry.md", Registry: &record.Registry{}}})}
	if o := l.RegistryProblem(); o != nil {
		t.Fatalf("a registry read: %+v", o)
	}
}
