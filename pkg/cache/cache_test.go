package cache_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/igf-records/igf/pkg/cache"
	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/source"
)

// repo copies the bundled records into a fresh directory with a .git
// directory, so the cache lives in .git/igf/records as it does for users.
func repo(t *testing.T) string {
	t.Helper()
	top := t.TempDir()
	if err := os.Mkdir(filepath.Join(top, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	err := filepath.WalkDir("../../records", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("../..", p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(top, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(top, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return top
}

func load(t *testing.T, top string) *source.Loaded {
	t.Helper()
	l, err := source.LoadWorktree(top)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// fresh is what a load without any cache gives.
func fresh(t *testing.T, top string) *source.Loaded {
	t.Helper()
	t.Setenv("IGF_CACHE", "off")
	defer os.Unsetenv("IGF_CACHE")
	return load(t, top)
}

// same fails unless two loads hold the same records and findings.
func same(t *testing.T, what string, got, want *source.Loaded) {
	t.Helper()
	if len(got.Set.Records) != len(want.Set.Records) {
		t.Fatalf("%s: %d records, want %d", what, len(got.Set.Records), len(want.Set.Records))
	}
	for i := range want.Set.Records {
		if !reflect.DeepEqual(got.Set.Records[i], want.Set.Records[i]) {
			t.Fatalf("%s: %s differs from a fresh parse", what, want.Set.Records[i].Path)
		}
	}
	if !reflect.DeepEqual(got.Findings, want.Findings) {
		t.Fatalf("%s: findings %v, want %v", what, got.Findings, want.Findings)
	}
}

func shards(t *testing.T, top string) []string {
	m, _ := filepath.Glob(filepath.Join(top, ".git", "igf", "records", "*.cache"))
	return m
}

const lpPath = "records/meetings/2023/2023-12-18-lp-virtual.md"

// Every change to the files shows in the next load: edits, an edit that
// keeps the size and sets the mtime back, renames, deletions, new files.
// Run once with the real racy window (files just written are verified by
// content) and once with none (every entry trusted by its stat data alone).
func TestNeverStale(t *testing.T) {
	for _, window := range []time.Duration{cache.RacyWindow, 0} {
		t.Run(window.String(), func(t *testing.T) {
			defer cache.SetRacyWindow(window)()
			top := repo(t)
			same(t, "first load", load(t, top), fresh(t, top))
			if len(shards(t, top)) == 0 {
				t.Fatal("no cache written under .git/igf/records")
			}
			same(t, "cached load", load(t, top), fresh(t, top))

			lp := filepath.Join(top, lpPath)
			data, _ := os.ReadFile(lp)
			st, _ := os.Stat(lp)

			// Same size, mtime set back: only ctime and content tell.
			ticked := strings.Replace(string(data), "- [ ] ", "- [x] ", 1)
			if ticked == string(data) || len(ticked) != len(data) {
				t.Fatal("fixture: no open action to tick")
			}
			write(t, lp, ticked)
			if err := os.Chtimes(lp, st.ModTime(), st.ModTime()); err != nil {
				t.Fatal(err)
			}
			got := load(t, top)
			same(t, "after a same-size edit with the mtime set back", got, fresh(t, top))
			if open(got, lpPath) != open(fresh(t, top), lpPath) {
				t.Fatal("the ticked action still shows open")
			}

			// A longer edit.
			write(t, lp, ticked+"\n- [ ] A new action @LF due:2024-03 {#lp-2023-12-18-a99}\n")
			got = load(t, top)
			same(t, "after an edit", got, fresh(t, top))
			if got.Set.Item("lp-2023-12-18-a99") == nil {
				t.Fatal("the new action is missing")
			}

			// Rename.
			moved := filepath.Join(top, "records/meetings/2023/lp-virtual-renamed.md")
			if err := os.Rename(lp, moved); err != nil {
				t.Fatal(err)
			}
			got = load(t, top)
			same(t, "after a rename", got, fresh(t, top))
			if r := got.Set.Record("lp-2023-12-18"); r == nil || r.Path != "records/meetings/2023/lp-virtual-renamed.md" {
				t.Fatalf("after a rename the record is at %v", r)
			}

			// Delete.
			if err := os.Remove(moved); err != nil {
				t.Fatal(err)
			}
			got = load(t, top)
			same(t, "after a delete", got, fresh(t, top))
			if got.Set.Record("lp-2023-12-18") != nil {
				t.Fatal("a deleted record is still served")
			}

			// A broken file, then fixed: findings come and go.
			bad := filepath.Join(top, "records/meetings/2023/broken.md")
			write(t, bad, "---\nid: [unclosed\n---\n")
			got = load(t, top)
			same(t, "with a broken file", got, fresh(t, top))
			if len(got.Findings) == 0 {
				t.Fatal("the broken file's finding is missing")
			}
			same(t, "with a broken file, cached", load(t, top), fresh(t, top))
			if err := os.Remove(bad); err != nil {
				t.Fatal(err)
			}
			same(t, "after removing the broken file", load(t, top), fresh(t, top))
		})
	}
}

func write(t *testing.T, p, s string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func open(l *source.Loaded, path string) int {
	n := 0
	for _, r := range l.Set.Records {
		if r.Path == path {
			for _, it := range r.Items {
				if it.Trackable() && it.Open() {
					n++
				}
			}
		}
	}
	return n
}

// A damaged or foreign shard is ignored and rewritten, never trusted. (Every
// file under .git/igf is flipped bit by bit by cmd/igf's TestCacheDamage;
// these are the cases that still decode.)
func TestDamagedShards(t *testing.T) {
	top := repo(t)
	want := fresh(t, top)
	load(t, top)
	files := shards(t, top)
	if len(files) == 0 {
		t.Fatal("no shards")
	}
	for i, f := range files {
		data, _ := os.ReadFile(f)
		switch i % 3 {
		case 0:
			data = data[:len(data)/2]
		case 1:
			for j := 60; j < len(data)/3; j += 7 {
				data[j] ^= 0x55
			}
		default:
			data = []byte("not a cache")
		}
		write(t, f, string(data))
	}
	same(t, "with damaged shards", load(t, top), want)
	same(t, "after rewriting them", load(t, top), want)

	// A change that still decodes: one letter of the record's own path (its
	// second appearance, in the blob; the first is the index key). Only the
	// checksum tells.
	flipped := 0
	for _, f := range shards(t, top) {
		data, _ := os.ReadFile(f)
		if first := strings.Index(string(data), lpPath); first > 0 {
			if i := strings.Index(string(data[first+1:]), lpPath); i > 0 {
				data[first+1+i+len("records/m")] = 'X'
				write(t, f, string(data))
				flipped++
			}
		}
	}
	if flipped != 1 {
		t.Fatalf("fixture: damaged %d paths, want 1", flipped)
	}
	same(t, "with a path damaged", load(t, top), want)

	// A bit flipped anywhere, the record texts at a shard's end included.
	load(t, top)
	for _, f := range shards(t, top) {
		orig, _ := os.ReadFile(f)
		for i := 0; i < 24; i++ {
			pos := len(orig) * (2*i + 1) / 48
			data := []byte(string(orig))
			data[pos] ^= 1 << (i % 8)
			write(t, f, string(data))
			same(t, fmt.Sprintf("%s with bit %d of byte %d flipped", filepath.Base(f), i%8, pos), load(t, top), want)
			write(t, f, string(orig))
		}
	}
}

// The racy rule itself: an entry whose file was touched just before its run
// began is checked by content; an older one is trusted by its stat data.
func TestRacyEntries(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	path := "records/a.md"
	old := []byte("---\nid: a\ntype: decision\ntitle: Old\n---\n")
	changed := []byte("---\nid: a\ntype: decision\ntitle: New\n---\n")
	rec, finds := parse.File(path, old)
	settled := cache.Stat{Size: int64(len(old)), Mtime: start.Add(-time.Hour).UnixNano(), Ctime: start.Add(-time.Hour).UnixNano(), Ino: 7, Dev: 1}
	racy := settled
	racy.Ctime = start.Add(-time.Second).UnixNano()
	future := settled
	future.Mtime = start.Add(time.Hour).UnixNano()

	c := cache.Open(dir, start)
	w := c.Worker()
	for _, st := range []cache.Stat{racy, future} {
		w.Put(path, st, old, rec, finds)
		if _, _, ok := w.Get(path, st, func() []byte { return changed }); ok {
			t.Fatalf("stat %+v: a racy entry was served without checking its content", st)
		}
		got, _, ok := w.Get(path, st, func() []byte { return old })
		if !ok || got.Title != "Old" {
			t.Fatalf("stat %+v: a racy entry whose content matches was not served", st)
		}
	}
	w.Put(path, settled, old, rec, finds)
	got, _, ok := w.Get(path, settled, func() []byte { t.Fatal("a settled entry's file was read"); return nil })
	if !ok || got.Title != "Old" {
		t.Fatal("a settled entry was not served")
	}
	other := settled
	other.Ino = 8
	if _, _, ok := w.Get(path, other, func() []byte { return old }); ok {
		t.Fatal("an entry was served for a file with another inode")
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	// A second run (another process) reads what the first saved.
	w2 := cache.Open(dir, time.Now()).Worker()
	if got, _, ok := w2.Get(path, settled, func() []byte { return nil }); !ok || got.Title != "Old" {
		t.Fatal("the saved entry was not found by the next run")
	}
}

// IGF_CACHE=off turns the cache off entirely.
func TestOff(t *testing.T) {
	top := repo(t)
	t.Setenv("IGF_CACHE", "off")
	load(t, top)
	if len(shards(t, top)) != 0 {
		t.Fatal("IGF_CACHE=off still wrote a cache")
	}
}

// A linked worktree's .git file leads to its own git directory.
func TestDirFollowsGitFile(t *testing.T) {
	top := t.TempDir()
	gitdir := filepath.Join(t.TempDir(), "worktrees", "w1")
	write(t, filepath.Join(top, ".git"), "gitdir: "+gitdir+"\n")
	if got, want := cache.Dir(top), filepath.Join(gitdir, "igf", "records"); got != want {
		t.Fatalf("Dir = %s, want %s", got, want)
	}
}
