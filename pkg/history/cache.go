package history

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/igf-records/igf/pkg/source"
)

// cacheVersion changes whenever the cache's shape or meaning does.
const cacheVersion = 1

// cache is what a walk leaves under .git/igf/ for the next one.
type cache struct {
	Version int
	Prefix  string          // the records repository's place in the git tree
	Chain   []plumbing.Hash // the first-parent line, oldest first; the last is the head
	Commits []Commit
	State   state // the records tree at the head, to walk on from
}

// CachePath is where the history of a repository is cached, or "" when the
// repository keeps no files (an in-memory one).
func CachePath(repo *source.Repo) string {
	fs, ok := repo.Git.Storer.(*filesystem.Storage)
	if !ok {
		return ""
	}
	return filepath.Join(fs.Filesystem().Root(), "igf", "history.gob")
}

// Load is the history up to target (HEAD when target is nil). It walks only
// the commits that are newer than the cached head, and rebuilds everything when
// the cached head is no longer on HEAD's first-parent line (history was
// rewritten). A target that is not on that line is walked on its own, uncached.
func Load(repo *source.Repo, target *object.Commit) (*History, error) {
	head, err := repo.Head()
	if err != nil {
		return nil, err
	}
	path := CachePath(repo)
	c := readCache(path, repo.Prefix)
	if c == nil || len(c.Chain) == 0 || c.Chain[len(c.Chain)-1] != head.Hash {
		if c, err = walkOn(repo, c, head); err != nil {
			return nil, err
		}
		if path != "" {
			// A cache that cannot be written only costs time next run.
			_ = writeCache(path, c)
		}
	}
	if target == nil || target.Hash == head.Hash {
		return &History{Head: head.Hash, Commits: c.Commits}, nil
	}
	for seq, h := range c.Chain {
		if h == target.Hash {
			var kept []Commit
			for _, cm := range c.Commits {
				if cm.Seq <= seq {
					kept = append(kept, cm)
				}
			}
			return &History{Head: target.Hash, Commits: kept}, nil
		}
	}
	fresh, err := walkOn(repo, nil, target)
	if err != nil {
		return nil, err
	}
	return &History{Head: target.Hash, Commits: fresh.Commits}, nil
}

// Build walks the whole first-parent history of head, with no cache.
func Build(repo *source.Repo, head *object.Commit) (*History, error) {
	c, err := walkOn(repo, nil, head)
	if err != nil {
		return nil, err
	}
	return &History{Head: head.Hash, Commits: c.Commits}, nil
}

// walkOn extends a cache (nil: none) to head.
func walkOn(repo *source.Repo, c *cache, head *object.Commit) (*cache, error) {
	w := newWalker(repo)
	defer w.close()
	stop := plumbing.ZeroHash
	if c != nil && len(c.Chain) > 0 {
		stop = c.Chain[len(c.Chain)-1]
	}
	line, found, err := w.firstParents(head.Hash, stop)
	if err != nil {
		return nil, err
	}
	if !found {
		c = nil // the cached head is not an ancestor: start over
	}
	if c == nil {
		c = &cache{Version: cacheVersion, Prefix: repo.Prefix, State: *newState()}
	} else {
		c.State.reindex()
		for _, f := range c.State.Files {
			w.parsed[f.Blob] = f.Items
		}
	}
	h := &History{Commits: c.Commits}
	if err := w.extend(h, &c.State, line, len(c.Chain)); err != nil {
		return nil, err
	}
	c.Commits = h.Commits
	for _, cm := range line {
		c.Chain = append(c.Chain, cm.hash)
	}
	return c, nil
}

func readCache(path, prefix string) *cache {
	if path == "" {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var c cache
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&c); err != nil || c.Version != cacheVersion || c.Prefix != prefix {
		return nil // unreadable or stale: rebuild
	}
	if c.State.Files == nil {
		c.State.Files = map[string]fileState{}
	}
	return &c
}

// writeCache replaces the cache file atomically, so a concurrent reader never
// sees half of it.
func writeCache(path string, c *cache) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(c); err != nil {
		return fmt.Errorf("encode history cache: %v", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".history-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
