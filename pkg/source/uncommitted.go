package source

import (
	"errors"
	"os"
	"path/filepath"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// maxRecordsWalk bounds how far back RecordsCommit looks for the commit
// that last changed records/.
const maxRecordsWalk = 10000

// RecordsCommit is the commit on from's first-parent line that last changed
// records/: the commit whose records the reader has, even when later
// commits touched only other files. exact is false when the walk stopped
// before finding the change: at a shallow clone's boundary (history before
// it was not fetched) or after maxRecordsWalk commits; the records are then
// at least as old as the commit returned.
func (r *Repo) RecordsCommit(from *object.Commit) (c *object.Commit, exact bool, err error) {
	tree := func(c *object.Commit) (plumbing.Hash, error) {
		t, err := c.Tree()
		if err != nil {
			return plumbing.ZeroHash, err
		}
		e, err := t.FindEntry(r.RecordsPath())
		if errors.Is(err, object.ErrEntryNotFound) || errors.Is(err, object.ErrDirectoryNotFound) {
			return plumbing.ZeroHash, nil
		}
		if err != nil {
			return plumbing.ZeroHash, err
		}
		return e.Hash, nil
	}
	want, err := tree(from)
	if err != nil {
		return nil, false, err
	}
	shallow := r.Shallow()
	c = from
	for range maxRecordsWalk {
		if c.NumParents() == 0 {
			return c, true, nil
		}
		if shallow[c.Hash] {
			return c, false, nil
		}
		p, err := c.Parent(0)
		if err != nil {
			return nil, false, err
		}
		h, err := tree(p)
		if err != nil {
			return nil, false, err
		}
		if h != want {
			return c, true, nil
		}
		c = p
	}
	return c, false, nil
}

// Uncommitted reports whether the records in the working tree at root differ
// from HEAD's, as git status would show for records/: a change staged or
// not, a new record file or one deleted. Files whose stat data match the
// index (and were not written in the index's own tick) are taken as git
// takes them, unchanged, without reading them.
func (r *Repo) Uncommitted(root string) (bool, error) {
	file, err := r.IndexFile("", "")
	if err != nil {
		return false, err
	}
	if _, err := os.Stat(file); errors.Is(err, os.ErrNotExist) {
		// No index: nothing was ever staged, so any record is new.
		l, err := List(root)
		return err == nil && len(l.Paths) > 0, err
	}
	si, err := r.ReadStagedIndex(file)
	if err != nil {
		return false, err
	}
	defer si.Close()
	if si.NChanged() > 0 || len(si.Deleted) > 0 {
		return true, nil
	}
	listing, err := List(root)
	if err != nil {
		return false, err
	}
	staged := make(map[string]staged, len(si.work))
	for _, s := range si.work {
		staged[si.Files[s.i].Path] = s
	}
	if len(listing.Paths) != len(si.Files) {
		return true, nil
	}
	for _, p := range listing.Paths {
		s, ok := staged[p]
		if !ok {
			return true, nil // new, or in conflict
		}
		if !sameAsIndex(filepath.Join(root, filepath.FromSlash(p)), s.entry, si.indexTime) {
			return true, nil
		}
	}
	return false, nil
}

// sameAsIndex reports whether a working-tree file holds what its index
// entry does: by stat data when git would trust them (same size and mtime,
// written before the index), else by the hash of its content.
func sameAsIndex(full string, e *index.Entry, indexTime time.Time) bool {
	fi, err := os.Lstat(full)
	if err != nil {
		return false
	}
	if e.Mode == filemode.Symlink {
		target, err := os.Readlink(full)
		return err == nil && plumbing.ComputeHash(plumbing.BlobObject, []byte(target)) == e.Hash
	}
	if !fi.Mode().IsRegular() {
		return false
	}
	if int64(e.Size) == fi.Size() && e.ModifiedAt.Equal(fi.ModTime()) && e.ModifiedAt.Before(indexTime) {
		return true
	}
	data, err := os.ReadFile(full)
	return err == nil && plumbing.ComputeHash(plumbing.BlobObject, data) == e.Hash
}
