package history

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/go-git/go-git/v5/storage/filesystem"
)

// A clone made with git clone --shared has no pack of its own: the walk reads
// the packs it borrows (objects/info/alternates) as its own, and the history
// is the original's.
func TestWalkReadsBorrowedPacks(t *testing.T) {
	dir, day := realHistory(t)
	gitAt(t, dir, day(32), "Anja Gengo", "gc", "-q")
	clone := filepath.Join(t.TempDir(), "clone")
	gitAt(t, dir, day(32), "Anja Gengo", "clone", "-q", "--shared", dir, clone)

	repo := open(t, clone)
	pf := readPacks(repo.Git.Storer.(*filesystem.Storage))
	if pf == nil || len(pf.index) == 0 {
		t.Fatal("the clone's walk reads no pack: the borrowed ones were left to go-git's object storage")
	}
	got, err := Build(repo, mustHead(t, repo).Hash)
	if err != nil {
		t.Fatal(err)
	}
	orig := open(t, dir)
	want, err := Build(orig, mustHead(t, orig).Hash)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Commits) == 0 || !reflect.DeepEqual(got.Commits, want.Commits) {
		t.Fatalf("the clone's history differs from the original's: %d commits against %d", len(got.Commits), len(want.Commits))
	}
}
