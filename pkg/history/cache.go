package history

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/igf-records/igf/internal/cachefile"

	"github.com/igf-records/igf/pkg/source"
)

// cacheVersion changes whenever the cache's shape or meaning does.
const cacheVersion = 5

// cacheKind names the history cache in its header (internal/cachefile).
const cacheKind = "history"

// cache is what a walk leaves under .git/igf/ for the next one.
type cache struct {
	Version int
	Prefix  string          // the records repository's place in the git tree
	Chain   []plumbing.Hash // the first-parent line, oldest first; the last is the head
	Commits []Commit
	// Unreadable are the file versions of the line that could not be read.
	Unreadable []Unreadable
	// State is the records tree at the head, to walk on from; read from
	// stateData only when a walk needs it.
	State     *state
	stateData []byte
}

// state decodes the cached state when first needed; nil when damaged.
func (c *cache) state() *state {
	if c.State == nil && c.stateData != nil {
		c.State, _ = decodeState(c.stateData)
		c.stateData = nil
	}
	return c.State
}

// cacheFile is the cache as stored: the chain and the commits packed into
// bytes, which decode far faster than gob's per-value encoding. It is kept
// by the rule of internal/cachefile, with the records' prefix as its scope.
type cacheFile struct {
	Chain  []byte // the hashes, back to back
	Events []byte // encodeCommits
	State  []byte // encodeState
	// Unreadable are the committed file versions that could not be read.
	Unreadable []Unreadable
}

// CachePath is where the history of a repository is cached, or "" when the
// repository keeps no files (an in-memory one).
func CachePath(repo *source.Repo) string {
	fs, ok := repo.Git.Storer.(*filesystem.Storage)
	if !ok {
		return ""
	}
	return filepath.Join(fs.Filesystem().Root(), "igf", "history")
}

// Load is the history up to target (HEAD when target is nil). It walks only
// the commits that are newer than the cached head, and rebuilds everything when
// the cached head is no longer on HEAD's first-parent line (history was
// rewritten). A target that is not on that line is walked on its own, uncached.
func Load(repo *source.Repo, target plumbing.Hash) (*History, error) {
	// The head's hash is all a warm run needs: no object is read.
	ref, err := repo.Git.Head()
	if err != nil {
		return nil, fmt.Errorf("the repository has no commits yet: %v", err)
	}
	head := ref.Hash()
	path := CachePath(repo)
	shallow := repo.Shallow()
	// The cache describes the records' place and, in a shallow clone, where
	// the history stops: a deepened clone is walked afresh.
	scope := repo.Prefix + "\x00" + shallowKey(shallow)
	c := readCache(path, scope)
	if c == nil || len(c.Chain) == 0 || c.Chain[len(c.Chain)-1] != head {
		if c, err = walkOn(repo, c, head); err != nil {
			return nil, err
		}
		if path != "" {
			// A cache that cannot be written only costs time next run.
			_ = writeCache(path, scope, c)
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
		c = &cache{Version: cacheVersion, Prefix: repo.Prefix, State: newState()}
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

func readCache(path, scope string) *cache {
	if path == "" {
		return nil
	}
	data, ok := cachefile.Read(path, cacheKind, cacheVersion, scope)
	if !ok {
		return nil // missing, damaged, foreign or stale: rebuild
	}
	var cf cacheFile
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&cf); err != nil || len(cf.Chain)%len(plumbing.ZeroHash) != 0 {
		return nil
	}
	prefix, _, _ := strings.Cut(scope, "\x00")
	c := cache{Version: cacheVersion, Prefix: prefix, stateData: cf.State, Unreadable: cf.Unreadable}
	var err error
	if c.Commits, err = decodeCommits(cf.Events); err != nil {
		return nil
	}
	c.Chain = make([]plumbing.Hash, len(cf.Chain)/len(plumbing.ZeroHash))
	for i := range c.Chain {
		copy(c.Chain[i][:], cf.Chain[i*len(plumbing.ZeroHash):])
	}
	return &c
}

// writeCache replaces the cache file atomically, so a concurrent reader never
// sees half of it.
func writeCache(path, scope string, c *cache) error {
	cf := cacheFile{Events: encodeCommits(c.Commits), State: encodeState(c.state()), Unreadable: c.Unreadable,
		Chain: make([]byte, 0, len(c.Chain)*len(plumbing.ZeroHash))}
	for _, h := range c.Chain {
		cf.Chain = append(cf.Chain, h[:]...)
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(cf); err != nil {
		return fmt.Errorf("encode history cache: %v", err)
	}
	os.Remove(filepath.Join(filepath.Dir(path), "history.gob")) // the name before cachefile
	return cachefile.Write(path, cacheKind, cacheVersion, scope, buf.Bytes())
}
