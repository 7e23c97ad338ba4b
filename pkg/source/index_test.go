package source

import (
	"crypto/sha1"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// stagedRepo commits the bundled records with go-git, then stages a change,
// a new file and a deletion.
func stagedRepo(t *testing.T) (string, *Repo) {
	t.Helper()
	top := t.TempDir()
	if err := os.CopyFS(filepath.Join(top, "records"), os.DirFS(filepath.Join("..", "..", "records"))); err != nil {
		t.Fatal(err)
	}
	g, err := git.PlainInit(top, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := g.Worktree()
	if err := wt.AddGlob("records"); err != nil {
		t.Fatal(err)
	}
	sig := &object.Signature{Name: "Test Secretary", Email: "secretary@example.org", When: time.Date(2024, 1, 2, 10, 0, 0, 0, time.UTC)}
	if _, err := wt.Commit("Import", &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
		t.Fatal(err)
	}
	write := func(rel, s string) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(top, rel)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(top, rel), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("records/meetings/2024/new.md", "---\nid: new\n---\n")
	write("records/timelines/iww-2024.md", "---\nid: iww-2024\n---\nchanged\n")
	write("records/README.md", "not a record\n")
	for _, p := range []string{"records/meetings/2024/new.md", "records/timelines/iww-2024.md", "records/README.md"} {
		if _, err := wt.Add(p); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := wt.Remove("records/meetings/2021/2021-11-25-wg-strategy-30.md"); err != nil {
		t.Fatal(err)
	}
	// The working tree differs from the index: the index must win.
	write("records/meetings/2024/new.md", "---\nid: worktree-only\n---\n")
	repo, err := OpenRepo(top)
	if err != nil {
		t.Fatal(err)
	}
	return top, repo
}

func TestLoadIndexReadsStagedContent(t *testing.T) {
	top, repo := stagedRepo(t)
	file, err := repo.IndexFile("", top)
	if err != nil || file != filepath.Join(top, ".git", "index") {
		t.Fatalf("IndexFile = %q, %v", file, err)
	}
	st, err := repo.LoadIndex(file, "")
	if err != nil {
		t.Fatal(err)
	}
	var changed []string
	for i, f := range st.Files {
		if f.Err != nil {
			t.Errorf("%s: %v", f.Path, f.Err)
		}
		if st.Changed[i] {
			changed = append(changed, f.Path)
		}
		if f.Path == "records/meetings/2024/new.md" && string(f.Data) != "---\nid: new\n---\n" {
			t.Errorf("new.md read from the working tree, not the index: %q", f.Data)
		}
	}
	if got := strings.Join(changed, " "); got != "records/meetings/2024/new.md records/timelines/iww-2024.md" {
		t.Errorf("changed: %s", got)
	}
	if len(st.Files) != 7 || st.NChanged() != 2 {
		t.Errorf("%d files, %d changed", len(st.Files), st.NChanged())
	}
	if got := strings.Join(st.Deleted, " "); got != "records/meetings/2021/2021-11-25-wg-strategy-30.md" {
		t.Errorf("deleted: %s", got)
	}
	// GIT_INDEX_FILE is relative to the current directory.
	if f, _ := repo.IndexFile(".git/tmp-index", "/work/x"); f != "/work/x/.git/tmp-index" {
		t.Errorf("relative GIT_INDEX_FILE: %s", f)
	}
}

// rewrite changes an index file's bytes and fixes its trailing checksum, as
// git would have written them.
func rewrite(t *testing.T, file string, change func([]byte) []byte) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	body := change(append([]byte{}, data[:len(data)-sha1.Size]...))
	sum := sha1.Sum(body)
	out := filepath.Join(t.TempDir(), "index")
	if err := os.WriteFile(out, append(body, sum[:]...), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// Index formats go-git cannot read are refused with a message, never
// misread: a split index ("link"), a sparse index ("sdir"), a newer version.
func TestReadIndexRefusesWhatItCannotRead(t *testing.T) {
	top, repo := stagedRepo(t)
	file := filepath.Join(top, ".git", "index")
	if _, err := repo.LoadIndex(file, ""); err != nil {
		t.Fatal(err)
	}
	extension := func(sig string) func([]byte) []byte {
		return func(b []byte) []byte {
			ext := append([]byte(sig), 0, 0, 0, 20)
			return append(append(b, ext...), make([]byte, 20)...)
		}
	}
	for name, c := range map[string]struct {
		change func([]byte) []byte
		want   string
	}{
		"split":  {extension("link"), "split or sparse index"},
		"sparse": {extension("sdir"), "split or sparse index"},
		"v5": {func(b []byte) []byte {
			binary.BigEndian.PutUint32(b[4:8], 5)
			return b
		}, "index format igf cannot read"},
		"damaged": {func(b []byte) []byte { return b[:len(b)-7] }, "cannot read the git index"},
	} {
		_, err := repo.LoadIndex(rewrite(t, file, c.change), "")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error saying %q", name, err, c.want)
		}
	}
	if _, err := repo.LoadIndex(filepath.Join(top, "nosuch"), ""); err == nil || !strings.Contains(err.Error(), "nothing is staged") {
		t.Errorf("missing index: %v", err)
	}
}

// Unchanged files whose working-tree copy git would call clean come parsed
// from the cache; an unstaged edit sends igf back to the blob.
func TestLoadIndexTakesCleanFilesFromTheWorkingTree(t *testing.T) {
	t.Setenv("IGF_CACHE", "")
	top, repo := stagedRepo(t)
	edited := "records/meetings/2022/2022-03-30-egm.md"
	data, err := os.ReadFile(filepath.Join(top, edited))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(top, edited), append(data, "\nAn unstaged edit.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(top, ".git", "index")
	for run := 0; run < 2; run++ { // the second run is served by the cache
		st, err := repo.LoadIndex(file, top)
		if err != nil {
			t.Fatal(err)
		}
		var parsed []string
		for i, f := range st.Files {
			switch {
			case st.Parsed[i] != nil:
				parsed = append(parsed, f.Path)
				if f.Data != nil || st.Changed[i] || st.Parsed[i].Path != f.Path {
					t.Errorf("%s: parsed and read, or changed", f.Path)
				}
			case f.Path == edited:
				if string(f.Data) != string(data) {
					t.Errorf("%s: the unstaged edit was read, not the staged blob", edited)
				}
			case !st.Changed[i] && f.Path != "records/README.md":
				t.Errorf("%s: clean but read from the blob", f.Path)
			}
		}
		if len(parsed) < 3 {
			t.Fatalf("run %d: only %v taken from the working tree", run, parsed)
		}
		for _, p := range parsed {
			if p == edited || p == "records/meetings/2024/new.md" || p == "records/timelines/iww-2024.md" {
				t.Errorf("run %d: %s taken from the working tree", run, p)
			}
		}
	}
}

// A staged symlink is followed only to another staged record.
func TestLoadIndexSymlinks(t *testing.T) {
	top, repo := stagedRepo(t)
	g := repo.Git
	wt, _ := g.Worktree()
	for name, target := range map[string]string{"out.md": "/etc/passwd", "up.md": "../../../outside.md", "in.md": "../registry.md"} {
		if err := os.Symlink(target, filepath.Join(top, "records", "meetings", name)); err != nil {
			t.Skip(err)
		}
		if _, err := wt.Add("records/meetings/" + name); err != nil {
			t.Fatal(err)
		}
	}
	st, err := repo.LoadIndex(filepath.Join(top, ".git", "index"), "")
	if err != nil {
		t.Fatal(err)
	}
	registry, _ := os.ReadFile(filepath.Join(top, "records", "registry.md"))
	seen := 0
	for _, f := range st.Files {
		switch f.Path {
		case "records/meetings/out.md", "records/meetings/up.md":
			seen++
			if f.Err == nil || f.Err.Rule != "symlink-outside" || f.Data != nil {
				t.Errorf("%s: %v, %d bytes", f.Path, f.Err, len(f.Data))
			}
		case "records/meetings/in.md":
			seen++
			if f.Err != nil || string(f.Data) != string(registry) {
				t.Errorf("%s: %v", f.Path, f.Err)
			}
		}
	}
	if seen != 3 {
		t.Fatalf("saw %d of the 3 links", seen)
	}
}

// After a commit every staged directory must hash as HEAD's tree does, or
// --staged reads every tree of HEAD. Names are chosen where git's tree order
// and a plain sort could disagree.
func TestTreeHashesMatchHEAD(t *testing.T) {
	top := t.TempDir()
	if err := os.CopyFS(filepath.Join(top, "records"), os.DirFS(filepath.Join("..", "..", "records"))); err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"records/a-b/x.md", "records/a/y.md", "records/a.md", "records/a/b/c/deep.md", "records/run.sh"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(top, rel)), 0o755); err != nil {
			t.Fatal(err)
		}
		mode := os.FileMode(0o644)
		if strings.HasSuffix(rel, ".sh") {
			mode = 0o755
		}
		if err := os.WriteFile(filepath.Join(top, rel), []byte(rel+"\n"), mode); err != nil {
			t.Fatal(err)
		}
	}
	g, err := git.PlainInit(top, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := g.Worktree()
	if err := wt.AddGlob("records"); err != nil {
		t.Fatal(err)
	}
	sig := &object.Signature{Name: "Test Secretary", Email: "secretary@example.org", When: time.Date(2024, 1, 2, 10, 0, 0, 0, time.UTC)}
	commit, err := wt.Commit("Import", &git.CommitOptions{Author: sig, Committer: sig})
	if err != nil {
		t.Fatal(err)
	}
	idx, err := ReadIndex(filepath.Join(top, ".git", "index"))
	if err != nil {
		t.Fatal(err)
	}
	computed := map[string]plumbing.Hash{}
	treeHashes(idx.Entries, "records/", computed)
	c, _ := g.CommitObject(commit)
	root, _ := c.Tree()
	var check func(tr *object.Tree, dir string)
	n := 0
	check = func(tr *object.Tree, dir string) {
		n++
		if computed[dir] != tr.Hash {
			t.Errorf("%s: computed tree %s, HEAD has %s", dir, computed[dir], tr.Hash)
		}
		for _, e := range tr.Entries {
			if e.Mode == filemode.Dir {
				sub, err := g.TreeObject(e.Hash)
				if err != nil {
					t.Fatal(err)
				}
				check(sub, dir+e.Name+"/")
			}
		}
	}
	rec, err := root.Tree("records")
	if err != nil {
		t.Fatal(err)
	}
	check(rec, "records/")
	if n != len(computed) || n < 8 {
		t.Errorf("HEAD has %d directories, computed %d", n, len(computed))
	}
	repo, err := OpenRepo(top)
	if err != nil {
		t.Fatal(err)
	}
	si, err := repo.ReadStagedIndex(filepath.Join(top, ".git", "index"))
	if err != nil {
		t.Fatal(err)
	}
	if si.NChanged() != 0 || len(si.Deleted) != 0 || len(si.Head) != 0 {
		t.Errorf("an index equal to HEAD: %d changed, %d deleted, %d HEAD files read", si.NChanged(), len(si.Deleted), len(si.Head))
	}
}
