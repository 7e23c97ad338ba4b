package history

import (
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Origin is the commit on a merged branch that made a change which a merge
// then brought to the main line: who closed the action, and when they did,
// rather than who merged.
type Origin struct {
	Commit      string    `json:"commit"`
	Time        time.Time `json:"time"` // author time
	Author      string    `json:"author"`
	AuthorEmail string    `json:"author_email"`
}

// maxSideWalk bounds how far back a merged branch is searched.
const maxSideWalk = 1000

// attribute finds, for each change a merge brought, the commit on the merged
// branch (its first-parent line back to the main line) that made it: the
// oldest of the branch's newest commits that all show the merged state. Moves
// are left alone (a merge's own renames are its own), and so is a change
// whose branch is longer than maxSideWalk or whose item cannot be found
// there. paths lists every file an ID has been in; onLine reports whether a
// commit is on the main line.
func (w *walker) attribute(merge *object.Commit, changes []Change, paths func(id string) []string, onLine func(plumbing.Hash) bool) {
	if merge.NumParents() < 2 {
		return
	}
	rd := w.readers[0]
	var side []*object.Commit
	reachedLine := false
	for h := merge.ParentHashes[1]; len(side) < maxSideWalk; {
		if onLine(h) {
			reachedLine = true
			break
		}
		c, err := rd.commit(h)
		if err != nil {
			return
		}
		side = append(side, c)
		if c.NumParents() == 0 {
			reachedLine = true
			break
		}
		h = c.ParentHashes[0]
	}
	if !reachedLine || len(side) == 0 {
		return
	}
	for i := range changes {
		ch := &changes[i]
		if ch.Change == Moved {
			continue
		}
		var origin *object.Commit
		for _, c := range side {
			st, found := w.itemAt(rd, c, ch.ID, paths(ch.ID))
			if ch.Change == Removed && found || ch.Change != Removed && (!found || st != ch.To) {
				break
			}
			origin = c
		}
		if origin != nil {
			ch.MadeIn = &Origin{Commit: origin.Hash.String(), Time: origin.Author.When,
				Author: origin.Author.Name, AuthorEmail: origin.Author.Email}
		}
	}
}

// itemAt is the status of an ID in a commit, looked for in the given files
// ("records/..." paths, as the history names them).
func (w *walker) itemAt(rd *reader, c *object.Commit, id string, paths []string) (string, bool) {
	for _, p := range paths {
		// In the commit's tree the records sit where the repository keeps
		// them, gov/records/... when records/ is not at its top.
		blob, ok := rd.blobAt(c.TreeHash, w.treePath(p))
		if !ok {
			continue
		}
		items, done := w.parsed[blob]
		if !done {
			data, err := rd.blob(blob)
			if err != nil {
				continue
			}
			items = ItemsOf(p, data)
			w.parsed[blob] = items
		}
		for _, it := range items {
			if strings.EqualFold(it.ID, id) {
				return it.Status, true
			}
		}
	}
	return "", false
}

// treePath is where a "records/..." path sits in the repository's trees.
func (w *walker) treePath(p string) string {
	if w.repo.Prefix == "" {
		return p
	}
	return w.repo.Prefix + "/" + p
}

// blobAt is the blob at a slash path in a tree.
func (rd *reader) blobAt(tree plumbing.Hash, p string) (plumbing.Hash, bool) {
	parts := strings.Split(p, "/")
	h := tree
	for i, name := range parts {
		data, err := rd.tree(h)
		if err != nil {
			return plumbing.ZeroHash, false
		}
		found := false
		for len(data) > 0 {
			var e entry
			if e, data, err = next(data); err != nil {
				return plumbing.ZeroHash, false
			}
			if string(e.name) == name && e.dir() == (i < len(parts)-1) {
				h, found = e.hash, true
				break
			}
		}
		if !found {
			return plumbing.ZeroHash, false
		}
	}
	return h, true
}

// commit reads and decodes a whole commit.
func (rd *reader) commit(h plumbing.Hash) (*object.Commit, error) {
	data, err := rd.store.read(plumbing.CommitObject, h)
	if err != nil {
		return nil, err
	}
	obj := &plumbing.MemoryObject{}
	obj.SetType(plumbing.CommitObject)
	obj.Write(data)
	c := &object.Commit{}
	if err := c.Decode(obj); err != nil {
		return nil, err
	}
	return c, nil
}
