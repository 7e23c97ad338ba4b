package history

import (
	"crypto/sha1"
	"fmt"
	"io"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/filesystem/dotgit"
)

// objectReader is what a walk needs of an object store.
type objectReader interface {
	EncodedObject(plumbing.ObjectType, plumbing.Hash) (plumbing.EncodedObject, error)
}

// packs reads objects straight from the repository's pack files, each kept
// open, decoding every object into memory in one go. go-git's own object
// storage hands out lazy objects that reopen the pack file and decode the
// object a second time when read, which dominates a walk over thousands of
// commits. Objects in no pack (loose ones, alternates) come from fallback.
type packs struct {
	index    []idxfile.Index
	packs    []*packfile.Packfile
	fallback objectReader
}

// openPacks opens every pack of the storage; on any trouble it returns nil
// and the caller keeps go-git's storage.
func openPacks(st *filesystem.Storage, fallback objectReader) *packs {
	dg := dotgit.New(st.Filesystem())
	hashes, err := dg.ObjectPacks()
	if err != nil || len(hashes) == 0 {
		return nil
	}
	p := &packs{fallback: fallback}
	cache := newObjectCache(64 << 20)
	for _, h := range hashes {
		f, err := dg.ObjectPackIdx(h)
		if err != nil {
			p.close()
			return nil
		}
		idx := idxfile.NewMemoryIndex()
		err = idxfile.NewDecoder(f).Decode(idx)
		f.Close()
		if err != nil {
			p.close()
			return nil
		}
		pf, err := dg.ObjectPack(h)
		if err != nil {
			p.close()
			return nil
		}
		p.index = append(p.index, idx)
		p.packs = append(p.packs, packfile.NewPackfileWithCache(idx, nil, pf, cache, 0))
	}
	return p
}

func (p *packs) EncodedObject(t plumbing.ObjectType, h plumbing.Hash) (plumbing.EncodedObject, error) {
	for i, idx := range p.index {
		if ok, _ := idx.Contains(h); ok {
			obj, err := p.packs[i].Get(h)
			if err != nil {
				return nil, err
			}
			if t != plumbing.AnyObject && obj.Type() != t {
				return nil, plumbing.ErrObjectNotFound
			}
			return obj, nil
		}
	}
	return p.fallback.EncodedObject(t, h)
}

func (p *packs) close() {
	for _, pf := range p.packs {
		_ = pf.Close()
	}
}

// objectCache keeps decoded objects for delta resolution, keyed by a SHA-1
// computed with the standard library: go-git's own cache asks each object for
// its hash, which recomputes it with a collision-detecting SHA-1 several times
// slower, for every tree a walk reads. One reader's goroutine uses it.
type objectCache struct {
	objects   map[plumbing.Hash]plumbing.EncodedObject
	order     []plumbing.Hash
	size, max int64
}

func newObjectCache(max int64) *objectCache {
	return &objectCache{objects: map[plumbing.Hash]plumbing.EncodedObject{}, max: max}
}

func (c *objectCache) Put(o plumbing.EncodedObject) {
	r, err := o.Reader()
	if err != nil {
		return
	}
	h := sha1.New()
	fmt.Fprintf(h, "%s %d\x00", o.Type(), o.Size())
	_, err = io.Copy(h, r)
	r.Close()
	if err != nil {
		return
	}
	var key plumbing.Hash
	copy(key[:], h.Sum(nil))
	if _, ok := c.objects[key]; ok {
		return
	}
	c.objects[key] = o
	c.order = append(c.order, key)
	c.size += o.Size()
	for c.size > c.max && len(c.order) > 1 {
		old := c.order[0]
		c.order = c.order[1:]
		c.size -= c.objects[old].Size()
		delete(c.objects, old)
	}
}

func (c *objectCache) Get(k plumbing.Hash) (plumbing.EncodedObject, bool) {
	o, ok := c.objects[k]
	return o, ok
}

func (c *objectCache) Clear() {
	c.objects, c.order, c.size = map[plumbing.Hash]plumbing.EncodedObject{}, nil, 0
}
