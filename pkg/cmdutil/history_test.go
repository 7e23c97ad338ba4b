package cmdutil

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/igf-records/igf/pkg/core/dates"
)

// datedRepo makes a records repository whose registry names one more body in
// each commit: LP on 2 January 2024, MAG on 5 April, Sect on 10 July.
func datedRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "records"), 0o755); err != nil {
		t.Fatal(err)
	}
	bodies := ""
	for _, step := range []struct {
		body string
		when time.Time
	}{
		{"LP", time.Date(2024, 1, 2, 10, 0, 0, 0, time.UTC)},
		{"MAG", time.Date(2024, 4, 5, 10, 0, 0, 0, time.UTC)},
		{"Sect", time.Date(2024, 7, 10, 10, 0, 0, 0, time.UTC)},
	} {
		bodies += "  - id: " + step.body + "\n"
		reg := "---\nid: registry\ntype: registry\npeople: []\nbodies:\n" + bodies + "---\n"
		if err := os.WriteFile(filepath.Join(dir, "records", "registry.md"), []byte(reg), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := wt.Add("records/registry.md"); err != nil {
			t.Fatal(err)
		}
		sig := &object.Signature{Name: "Test", Email: "t@example.org", When: step.when}
		if _, err := wt.Commit("Add "+step.body, &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func bodiesAt(t *testing.T, f *Factory) string {
	t.Helper()
	l, err := f.Load()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, b := range l.Set.Registry.Bodies {
		ids = append(ids, b.ID)
	}
	return strings.Join(ids, ",")
}

func period(t *testing.T, s string) dates.Date {
	d, err := dates.ParsePeriod(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestAsOfReadsTheLastCommitOfThePeriod(t *testing.T) {
	dir := datedRepo(t)
	for p, want := range map[string]string{"2024-Q1": "LP", "2024-04-05": "LP,MAG", "2024-06": "LP,MAG", "2024": "LP,MAG,Sect"} {
		f := &Factory{IO: &IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}, Dir: dir, Loader: LoadWorktree, Now: time.Now}
		f.AsOf(period(t, p))
		if got := bodiesAt(t, f); got != want {
			t.Errorf("as of %s: bodies %s, want %s", p, got, want)
		}
	}
	f := &Factory{Dir: dir, Loader: LoadWorktree, Now: time.Now}
	f.AsOf(period(t, "2023"))
	if _, err := f.Load(); err == nil || !strings.Contains(err.Error(), "no commit before") {
		t.Errorf("as of 2023: got %v, want an error naming the first commit", err)
	}
	f = &Factory{Dir: dir, Loader: LoadWorktree, Now: time.Now}
	f.AtRevision("HEAD~1")
	if got := bodiesAt(t, f); got != "LP,MAG" {
		t.Errorf("at HEAD~1: %s", got)
	}
	f.AtRevision("no-such-branch")
	if _, err := f.Load(); err == nil || !strings.Contains(err.Error(), "unknown revision") {
		t.Errorf("unknown revision: %v", err)
	}
}
