package history

import (
	"bytes"
	"fmt"
	"io"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/filesystem/dotgit"

	"github.com/igf-records/igf/pkg/source"
)

// objectReader gives an object's content. The bytes may be shared with a
// cache: callers only read them.
type objectReader interface {
	read(t plumbing.ObjectType, h plumbing.Hash) ([]byte, error)
}

// storeObjects reads through a go-git object storage.
type storeObjects struct {
	store interface {
		EncodedObject(plumbing.ObjectType, plumbing.Hash) (plumbing.EncodedObject, error)
	}
}

func (s storeObjects) read(t plumbing.ObjectType, h plumbing.Hash) ([]byte, error) {
	obj, err := s.store.EncodedObject(t, h)
	if err != nil {
		return nil, err
	}
	r, err := obj.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	data := make([]byte, obj.Size())
	if _, err := io.ReadFull(r, data); err != nil {
		return nil, err
	}
	return data, nil
}

// packFiles are a repository's packs, read once and shared by the readers of
// a walk: the indexes are safe for concurrent use, and each reader scans the
// bytes with its own scanner.
type packFiles struct {
	index []idxfile.Index
	data  [][]byte
}

// maxPackInMemory bounds the pack bytes a walk holds in memory; larger packs
// make it fall back to go-git's storage.
const maxPackInMemory = 512 << 20

// readPacks reads every pack of the storage and its index; on any trouble,
// or packs too large to hold, it returns nil and go-git's storage is used.
func readPacks(st *filesystem.Storage) *packFiles {
	pf := &packFiles{}
	total := int64(0)
	for _, dg := range withAlternates(st) {
		if !readPacksOf(dg, pf, &total) {
			return nil
		}
	}
	if len(pf.index) == 0 {
		return nil
	}
	return pf
}

// withAlternates is the repository's own object directory and those it
// borrows from (objects/info/alternates): a clone made with --shared has
// every pack there, and reading each object through go-git instead made a
// walk of 250 commits take 11 s.
func withAlternates(st *filesystem.Storage) []*dotgit.DotGit {
	dg := dotgit.New(st.Filesystem())
	alts, err := dotgit.NewWithOptions(st.Filesystem(), dotgit.Options{AlternatesFS: source.AlternatesFS()}).Alternates()
	if err != nil {
		return []*dotgit.DotGit{dg}
	}
	return append([]*dotgit.DotGit{dg}, alts...)
}

// readPacksOf adds dg's packs to pf; false on any trouble.
func readPacksOf(dg *dotgit.DotGit, pf *packFiles, total *int64) bool {
	hashes, err := dg.ObjectPacks()
	if err != nil {
		return false
	}
	for _, h := range hashes {
		f, err := dg.ObjectPackIdx(h)
		if err != nil {
			return false
		}
		idx := idxfile.NewMemoryIndex()
		err = idxfile.NewDecoder(f).Decode(idx)
		f.Close()
		if err != nil {
			return false
		}
		pack, err := dg.ObjectPack(h)
		if err != nil {
			return false
		}
		size, err := pack.Seek(0, io.SeekEnd)
		if err != nil || *total+size > maxPackInMemory {
			pack.Close()
			return false
		}
		data := make([]byte, size)
		_, err = pack.ReadAt(data, 0)
		pack.Close()
		if err != nil && err != io.EOF {
			return false
		}
		*total += size
		pf.index = append(pf.index, idx)
		pf.data = append(pf.data, data)
	}
	return true
}

// packs reads objects straight from the packs' bytes with go-git's pack
// scanner and delta patcher, keeping decoded objects by pack offset for the
// delta chains that follow. go-git's object storage instead hands out lazy
// objects that reopen the pack file and decode again when read, and hashes
// every object it caches; over the tens of thousands of trees a walk reads,
// that is most of the time. Objects in no pack come from fallback.
type packs struct {
	files    *packFiles
	scanners []*packfile.Scanner
	cache    []map[int64]cached
	order    [][]int64
	size     int64
	fallback objectReader
}

type cached struct {
	t    plumbing.ObjectType
	data []byte
}

// maxCache bounds the decoded objects one reader keeps.
const maxCache = 32 << 20

func (pf *packFiles) open(fallback objectReader) *packs {
	p := &packs{files: pf, fallback: fallback}
	for _, data := range pf.data {
		p.scanners = append(p.scanners, packfile.NewScanner(bytes.NewReader(data)))
		p.cache = append(p.cache, map[int64]cached{})
		p.order = append(p.order, nil)
	}
	return p
}

func (p *packs) read(t plumbing.ObjectType, h plumbing.Hash) ([]byte, error) {
	for i, idx := range p.files.index {
		off, err := idx.FindOffset(h)
		if err != nil {
			continue
		}
		ot, data, err := p.object(i, off, 0)
		if err != nil {
			return nil, fmt.Errorf("object %s: %v", h.String()[:7], err)
		}
		if ot != t {
			return nil, fmt.Errorf("object %s is a %s, not a %s", h.String()[:7], ot, t)
		}
		return data, nil
	}
	return p.fallback.read(t, h)
}

// object decodes the object at off in pack i, resolving deltas.
func (p *packs) object(i int, off int64, depth int) (plumbing.ObjectType, []byte, error) {
	if c, ok := p.cache[i][off]; ok {
		return c.t, c.data, nil
	}
	if depth > 10000 {
		return 0, nil, fmt.Errorf("delta chain too deep")
	}
	s := p.scanners[i]
	hdr, err := s.SeekObjectHeader(off)
	if err != nil {
		return 0, nil, err
	}
	var buf bytes.Buffer
	buf.Grow(int(hdr.Length))
	if _, _, err := s.NextObject(&buf); err != nil {
		return 0, nil, err
	}
	t, data := hdr.Type, buf.Bytes()
	switch hdr.Type {
	case plumbing.CommitObject, plumbing.TreeObject, plumbing.BlobObject, plumbing.TagObject:
	case plumbing.OFSDeltaObject, plumbing.REFDeltaObject:
		baseOff := hdr.OffsetReference
		if hdr.Type == plumbing.REFDeltaObject {
			if baseOff, err = p.files.index[i].FindOffset(hdr.Reference); err != nil {
				return 0, nil, fmt.Errorf("delta base %s not in the pack", hdr.Reference.String()[:7])
			}
		}
		var base []byte
		if t, base, err = p.object(i, baseOff, depth+1); err != nil {
			return 0, nil, err
		}
		if data, err = packfile.PatchDelta(base, data); err != nil {
			return 0, nil, err
		}
	default:
		return 0, nil, fmt.Errorf("unknown object type %v at offset %d", hdr.Type, off)
	}
	p.put(i, off, cached{t, data})
	return t, data, nil
}

func (p *packs) put(i int, off int64, c cached) {
	p.cache[i][off] = c
	p.order[i] = append(p.order[i], off)
	p.size += int64(len(c.data))
	for p.size > maxCache {
		evicted := false
		for j := range p.order {
			if len(p.order[j]) > 1 {
				old := p.order[j][0]
				p.order[j] = p.order[j][1:]
				p.size -= int64(len(p.cache[j][old].data))
				delete(p.cache[j], old)
				evicted = true
				break
			}
		}
		if !evicted {
			return
		}
	}
}
