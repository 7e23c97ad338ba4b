package history

import (
	"fmt"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/igf-records/igf/pkg/source"
)

// Cache keeps a walked history between runs: internal/store's tables. The
// rows are bytes this package encodes; the cache only keeps them.
type Cache interface {
	// ReadHistory calls each with every commit of the line kept for scope,
	// oldest first; found is false, and each never called, when it keeps
	// none for scope. data is only valid during the call.
	ReadHistory(scope string, each func(seq int, commit [20]byte, data []byte)) (found bool, err error)
	// ReadHistoryState is the state kept at the line's head: the records
	// tree, and each record file by path. It is read only when a walk goes
	// on from there; data is only valid during the call.
	ReadHistoryState(scope string, each func(path string, data []byte)) (tree [20]byte, err error)
	// WriteHistory keeps the line for scope: the rows from seq from on are
	// replaced by commits, with their data; the state's tree by tree, and
	// its files as files says (a nil value deletes one), all of them when
	// all is set.
	WriteHistory(scope string, from int, commits [][20]byte, data [][]byte, tree [20]byte, files map[string][]byte, all bool) error
}

// cacheVersion changes whenever the rows' shape or meaning does; it is part
// of the scope, so rows of another version are never read.
const cacheVersion = 7

// cache is what a walk leaves in the store for the next one.
type cache struct {
	Chain   []plumbing.Hash // the first-parent line, oldest first; the last is the head
	Commits []Commit
	// Unreadable are the file versions of the line that could not be read.
	Unreadable []Unreadable
	// State is the records tree at the head, to walk on from; read through
	// readState only when a walk needs it. base is each file as the store
	// holds it, so that only the files a walk changed are written.
	State     *state
	readState func() (*state, error)
	base      map[string]keptFile
	// kept is how many rows of Chain the store holds as they are.
	kept int
}

// state reads the cached state when first needed; nil when it cannot be
// read (the line is then walked anew).
func (c *cache) state() *state {
	if c.State == nil && c.readState != nil {
		if st, err := c.readState(); err == nil {
			c.State = st
			c.base = keptFiles(st)
		}
		c.readState = nil
	}
	return c.State
}

// Load is the history up to target (HEAD when target is nil), kept in store
// (nil: walked afresh, kept nowhere). It walks only the commits that are
// newer than the kept head, appending their rows, and rebuilds everything
// when the kept head is no longer on HEAD's first-parent line (history was
// rewritten). A target that is not on that line is walked on its own.
func Load(repo *source.Repo, target plumbing.Hash, store Cache) (*History, error) {
	// The head's hash is all a warm run needs: no object is read.
	ref, err := repo.Git.Head()
	if err != nil {
		return nil, fmt.Errorf("the repository has no commits yet: %v", err)
	}
	head := ref.Hash()
	shallow := repo.Shallow()
	// The rows describe the records' place and, in a shallow clone, where
	// the history stops: a deepened clone is walked afresh.
	scope := fmt.Sprintf("%d\x00%s\x00%s", cacheVersion, repo.Prefix, shallowKey(shallow))
	c, err := readCache(store, scope)
	if err != nil {
		return nil, err
	}
	if c == nil || len(c.Chain) == 0 || c.Chain[len(c.Chain)-1] != head {
		if c, err = walkOn(repo, c, head); err != nil {
			return nil, err
		}
		if store != nil {
			// Rows that cannot be written cost only time next run (a
			// damaged store is found, and rebuilt, when read).
			_ = writeCache(store, scope, c)
		}
	}
	var graft plumbing.Hash
	if len(c.Chain) > 0 && shallow[c.Chain[0]] {
		graft = c.Chain[0]
	}
	if target.IsZero() || target == head {
		return &History{Head: head, Commits: c.Commits, Shallow: graft, Unreadable: c.Unreadable}, nil
	}
	for seq, h := range c.Chain {
		if h == target {
			var kept []Commit
			for _, cm := range c.Commits {
				if cm.Seq <= seq {
					kept = append(kept, cm)
				}
			}
			var bad []Unreadable
			for _, u := range c.Unreadable {
				if u.Seq <= seq {
					bad = append(bad, u)
				}
			}
			return &History{Head: target, Commits: kept, Shallow: graft, Unreadable: bad}, nil
		}
	}
	fresh, err := walkOn(repo, nil, target)
	if err != nil {
		return nil, err
	}
	graft = plumbing.ZeroHash
	if len(fresh.Chain) > 0 && shallow[fresh.Chain[0]] {
		graft = fresh.Chain[0]
	}
	return &History{Head: target, Commits: fresh.Commits, Shallow: graft, Unreadable: fresh.Unreadable}, nil
}

// Build walks the whole first-parent history of head, with no cache.
func Build(repo *source.Repo, head plumbing.Hash) (*History, error) {
	c, err := walkOn(repo, nil, head)
	if err != nil {
		return nil, err
	}
	h := &History{Head: head, Commits: c.Commits, Unreadable: c.Unreadable}
	if len(c.Chain) > 0 && repo.Shallow()[c.Chain[0]] {
		h.Shallow = c.Chain[0]
	}
	return h, nil
}

// walkOn extends a cache (nil: none) to head.
func walkOn(repo *source.Repo, c *cache, head plumbing.Hash) (*cache, error) {
	w := newWalker(repo)
	defer w.close()
	stop := plumbing.ZeroHash
	if c != nil && len(c.Chain) > 0 {
		stop = c.Chain[len(c.Chain)-1]
	}
	line, found, err := w.firstParents(head, stop)
	if err != nil {
		return nil, err
	}
	if !found || (c != nil && c.state() == nil) {
		// The cached head is not an ancestor (history was rewritten), or
		// the cache is damaged: start over. The line then runs to the root.
		if found {
			if line, _, err = w.firstParents(head, plumbing.ZeroHash); err != nil {
				return nil, err
			}
		}
		c = nil
	}
	if c == nil {
		c = &cache{State: newState()}
	} else {
		c.State.reindex()
		for _, f := range c.State.Files {
			// A version that held nothing may be one that could not be
			// read: it is parsed again, so that is known if it comes back.
			if len(f.Items) > 0 {
				w.parsed[f.Blob] = f.Items
			}
		}
	}
	h := &History{Commits: c.Commits, Unreadable: c.Unreadable}
	var main map[plumbing.Hash]bool
	onLine := func(x plumbing.Hash) bool {
		if main == nil { // only merges ask
			main = make(map[plumbing.Hash]bool, len(c.Chain)+len(line))
			for _, k := range c.Chain {
				main[k] = true
			}
			for _, l := range line {
				main[l.hash] = true
			}
		}
		return main[x]
	}
	if err := w.extend(h, c.State, line, len(c.Chain), onLine); err != nil {
		return nil, err
	}
	c.Commits, c.Unreadable = h.Commits, h.Unreadable
	for _, cm := range line {
		c.Chain = append(c.Chain, cm.hash)
	}
	return c, nil
}

// shallowKey names a shallow clone's stopping points, sorted.
func shallowKey(shallow map[plumbing.Hash]bool) string {
	keys := make([]string, 0, len(shallow))
	for h := range shallow {
		keys = append(keys, h.String())
	}
	sort.Strings(keys)
	return strings.Join(keys, ",")
}

// readCache reads the rows kept for scope; nil when there are none, or when
// one does not decode (the line is then walked and written anew).
func readCache(store Cache, scope string) (*cache, error) {
	if store == nil {
		return nil, nil
	}
	c := &cache{}
	bad := false
	found, err := store.ReadHistory(scope, func(seq int, commit [20]byte, data []byte) {
		if bad || seq != len(c.Chain) {
			bad = true
			return
		}
		h := plumbing.Hash(commit)
		c.Chain = append(c.Chain, h)
		cm, unread, err := decodeLine(h, seq, data)
		if err != nil {
			bad = true
			return
		}
		if cm != nil {
			c.Commits = append(c.Commits, *cm)
		}
		c.Unreadable = append(c.Unreadable, unread...)
	})
	if err != nil || !found || bad {
		return nil, err
	}
	c.readState = func() (*state, error) {
		st := newState()
		bad := false
		tree, err := store.ReadHistoryState(scope, func(path string, data []byte) {
			f, err := decodeFile(data)
			bad = bad || err != nil
			st.Files[path] = f
		})
		if err == nil && bad {
			err = errCorrupt
		}
		st.RecordsTree = tree
		return st, err
	}
	c.kept = len(c.Chain)
	return c, nil
}

// writeCache adds the rows of the commits the store does not hold yet (all
// of them after a rebuild) and replaces the state.
func writeCache(store Cache, scope string, c *cache) error {
	commits := map[int]*Commit{}
	for i := range c.Commits {
		if cm := &c.Commits[i]; cm.Seq >= c.kept {
			commits[cm.Seq] = cm
		}
	}
	bad := map[int][]Unreadable{}
	for _, u := range c.Unreadable {
		if u.Seq >= c.kept {
			bad[u.Seq] = append(bad[u.Seq], u)
		}
	}
	hashes := make([][20]byte, 0, len(c.Chain)-c.kept)
	data := make([][]byte, 0, len(c.Chain)-c.kept)
	for seq := c.kept; seq < len(c.Chain); seq++ {
		hashes = append(hashes, c.Chain[seq])
		data = append(data, encodeLine(commits[seq], bad[seq]))
	}
	st := c.state()
	all := c.kept == 0 || c.base == nil
	files := map[string][]byte{}
	for p, f := range st.Files {
		if b, ok := c.base[p]; all || !ok || b != (keptFile{f.Blob, len(f.Items)}) {
			files[p] = encodeFile(f)
		}
	}
	if !all {
		for p := range c.base {
			if _, ok := st.Files[p]; !ok {
				files[p] = nil
			}
		}
	}
	if err := store.WriteHistory(scope, c.kept, hashes, data, st.RecordsTree, files, all); err != nil {
		return err
	}
	c.kept, c.base = len(c.Chain), keptFiles(st)
	return nil
}

// keptFile is what tells a file of the state changed: its blob, and how many
// IDs it held (a version that could not be read holds none, and is parsed
// again by the next walk).
type keptFile struct {
	blob  plumbing.Hash
	items int
}

func keptFiles(st *state) map[string]keptFile {
	m := make(map[string]keptFile, len(st.Files))
	for p, f := range st.Files {
		m[p] = keptFile{f.Blob, len(f.Items)}
	}
	return m
}
