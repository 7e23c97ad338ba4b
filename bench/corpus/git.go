package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage"
)

// dirNode is a directory of the tree being committed; only directories that
// changed since the last commit are encoded again.
type dirNode struct {
	files map[string]plumbing.Hash
	dirs  map[string]*dirNode
	hash  plumbing.Hash
	dirty bool
}

func newDir() *dirNode {
	return &dirNode{files: map[string]plumbing.Hash{}, dirs: map[string]*dirNode{}, dirty: true}
}

func (d *dirNode) set(p string, h plumbing.Hash) {
	d.dirty = true
	name, rest, deeper := strings.Cut(p, "/")
	if !deeper {
		d.files[name] = h
		return
	}
	sub := d.dirs[name]
	if sub == nil {
		sub = newDir()
		d.dirs[name] = sub
	}
	sub.set(rest, h)
}

func (d *dirNode) remove(p string) {
	d.dirty = true
	name, rest, deeper := strings.Cut(p, "/")
	if !deeper {
		delete(d.files, name)
		return
	}
	if sub := d.dirs[name]; sub != nil {
		sub.remove(rest)
		if len(sub.files) == 0 && len(sub.dirs) == 0 {
			delete(d.dirs, name)
		}
	}
}

type history struct {
	s    storage.Storer
	root *dirNode
}

func (h *history) put(t plumbing.ObjectType, data []byte) (plumbing.Hash, error) {
	obj := h.s.NewEncodedObject()
	obj.SetType(t)
	obj.SetSize(int64(len(data)))
	w, err := obj.Writer()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if _, err := w.Write(data); err != nil {
		return plumbing.ZeroHash, err
	}
	if err := w.Close(); err != nil {
		return plumbing.ZeroHash, err
	}
	return h.s.SetEncodedObject(obj)
}

// writeTree encodes d and its changed subdirectories, as git sorts entries
// (a directory sorts as if its name ended in "/").
func (h *history) writeTree(d *dirNode) (plumbing.Hash, error) {
	if !d.dirty {
		return d.hash, nil
	}
	type ent struct {
		key string
		e   object.TreeEntry
	}
	var ents []ent
	for name, hash := range d.files {
		ents = append(ents, ent{name, object.TreeEntry{Name: name, Mode: filemode.Regular, Hash: hash}})
	}
	for name, sub := range d.dirs {
		hash, err := h.writeTree(sub)
		if err != nil {
			return hash, err
		}
		ents = append(ents, ent{name + "/", object.TreeEntry{Name: name, Mode: filemode.Dir, Hash: hash}})
	}
	sort.Slice(ents, func(i, j int) bool { return ents[i].key < ents[j].key })
	t := &object.Tree{}
	for _, e := range ents {
		t.Entries = append(t.Entries, e.e)
	}
	obj := h.s.NewEncodedObject()
	if err := t.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	hash, err := h.s.SetEncodedObject(obj)
	if err != nil {
		return hash, err
	}
	d.hash, d.dirty = hash, false
	return hash, nil
}

// history adds the records in date order over the commits; every commit also
// ticks a few open actions of recent records, sometimes adds a follow-up note,
// and renames a report now and then. The working tree and the index end at
// the last commit.
func (g *gen) history() (Stats, error) {
	var st Stats
	repo, err := git.PlainInitWithOptions(g.opt.Out, &git.PlainInitOptions{InitOptions: git.InitOptions{DefaultBranch: plumbing.Main}})
	if err != nil {
		return st, err
	}
	h := &history{s: repo.Storer, root: newDir()}
	blob := func(r *rec) error {
		hash, err := h.put(plumbing.BlobObject, g.render(r))
		if err == nil {
			h.root.set(r.path, hash)
		}
		return err
	}
	regHash, err := h.put(plumbing.BlobObject, g.reg.render(g.opt.StartYear))
	if err != nil {
		return st, err
	}
	h.root.set("records/registry.md", regHash)

	n, c := len(g.recs), g.opt.Commits
	var parent plumbing.Hash
	added := 0
	var renames []*rec
	for k := 0; k < c; k++ {
		var msg []string
		hi := (k + 1) * n / c
		first := added
		for ; added < hi; added++ {
			r := g.recs[added]
			if err := blob(r); err != nil {
				return st, err
			}
			if r.renamed != "" {
				renames = append(renames, r)
			}
		}
		if added > first {
			msg = append(msg, fmt.Sprintf("Add %s", g.recs[first].id))
			if added-first > 1 {
				msg[0] += fmt.Sprintf(" and %d more records", added-first-1)
			}
		}
		at := g.recs[max(added-1, 0)].date.Add(time.Duration(18+k%5) * time.Hour)
		if k == 0 {
			msg = append([]string{"Add the registry"}, msg...)
		}
		// Later commits follow up on recent records: tick actions, add notes.
		if added > 0 && added == first || k%2 == 1 {
			window := max(added/20, 8)
			changed := map[*rec]bool{}
			for t := 0; t < 1+g.rnd.Intn(3); t++ {
				r := g.recs[max(added-1-g.rnd.Intn(window), 0)]
				if open := openItems(r); len(open) > 0 {
					it := open[g.rnd.Intn(len(open))]
					it.done = true
					if g.rnd.Intn(2) == 0 {
						it.doneDate = at.Format("2006-01-02")
					}
					changed[r] = true
					msg = append(msg, "Tick "+it.id)
				}
			}
			if g.rnd.Intn(3) == 0 {
				r := g.recs[max(added-1-g.rnd.Intn(window), 0)]
				r.notes++
				changed[r] = true
				msg = append(msg, "Add a follow-up note to "+r.id)
			}
			for r := range changed {
				if err := blob(r); err != nil {
					return st, err
				}
			}
		}
		// A report is renamed a few commits after it arrived.
		for len(renames) > 0 && (k == c-1 || renames[0].index < added-3) {
			r := renames[0]
			renames = renames[1:]
			h.root.remove(r.path)
			msg = append(msg, fmt.Sprintf("Rename %s to %s", filepath.Base(r.path), filepath.Base(r.renamed)))
			r.path, r.renamed = r.renamed, ""
			st.Renames++
			if err := blob(r); err != nil {
				return st, err
			}
		}
		if len(msg) == 0 {
			msg = []string{"Touch up the registry"}
		}
		tree, err := h.writeTree(h.root)
		if err != nil {
			return st, err
		}
		sig := object.Signature{Name: "IGF Secretariat", Email: "secretariat@example.org", When: at}
		commit := &object.Commit{Author: sig, Committer: sig, TreeHash: tree,
			Message: strings.Join(msg, "\n\n") + "\n"}
		if k > 0 {
			commit.ParentHashes = []plumbing.Hash{parent}
		}
		obj := h.s.NewEncodedObject()
		if err := commit.Encode(obj); err != nil {
			return st, err
		}
		if parent, err = h.s.SetEncodedObject(obj); err != nil {
			return st, err
		}
		st.Commits++
	}
	if err := h.s.SetReference(plumbing.NewHashReference(plumbing.Main, parent)); err != nil {
		return st, err
	}
	if err := g.writeFiles(); err != nil {
		return st, err
	}
	return st, g.writeIndex(h)
}

// writeIndex makes the index match the last commit, with the files' stat
// data, so git and igf see a clean working tree.
func (g *gen) writeIndex(h *history) error {
	idx := &index.Index{Version: 2}
	var walk func(prefix string, d *dirNode) error
	walk = func(prefix string, d *dirNode) error {
		for _, name := range sortedKeys(d.files) {
			p := prefix + name
			fi, err := os.Stat(filepath.Join(g.opt.Out, filepath.FromSlash(p)))
			if err != nil {
				return err
			}
			e := &index.Entry{Name: p, Hash: d.files[name], Mode: filemode.Regular,
				Size: uint32(fi.Size()), ModifiedAt: fi.ModTime(), CreatedAt: fi.ModTime()}
			fillStat(e, fi)
			idx.Entries = append(idx.Entries, e)
		}
		for _, name := range sortedKeys(d.dirs) {
			if err := walk(prefix+name+"/", d.dirs[name]); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk("", h.root); err != nil {
		return err
	}
	sort.Slice(idx.Entries, func(i, j int) bool { return idx.Entries[i].Name < idx.Entries[j].Name })
	return h.s.SetIndex(idx)
}
