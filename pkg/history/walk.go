package history

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"

	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/source"
)

// fileState is one record file at the walk's current commit.
type fileState struct {
	Blob  plumbing.Hash
	Items []ItemState
}

// state is the records tree at the walk's current commit.
type state struct {
	RecordsTree plumbing.Hash
	Files       map[string]fileState // "records/..." -> its blob and IDs

	ids map[string]map[string]ItemState // lower ID -> path -> state
}

func newState() *state {
	return &state{Files: map[string]fileState{}, ids: map[string]map[string]ItemState{}}
}

func (s *state) reindex() {
	s.ids = map[string]map[string]ItemState{}
	for p, f := range s.Files {
		s.add(p, f.Items)
	}
}

func (s *state) add(p string, items []ItemState) {
	for _, it := range items {
		k := strings.ToLower(it.ID)
		if s.ids[k] == nil {
			s.ids[k] = map[string]ItemState{}
		}
		s.ids[k][p] = it
	}
}

func (s *state) remove(p string, items []ItemState) {
	for _, it := range items {
		k := strings.ToLower(it.ID)
		delete(s.ids[k], p)
		if len(s.ids[k]) == 0 {
			delete(s.ids, k)
		}
	}
}

// lookup is an ID's state; when a duplicate ID lives in several files the
// first path counts, as record.NewSet keeps the first.
func (s *state) lookup(k string) (located, bool) {
	var best located
	found := false
	for p, it := range s.ids[k] {
		if !found || p < best.path {
			best, found = located{it, p}, true
		}
	}
	return best, found
}

// fileChange is a record file whose blob differs between two commits; a zero
// hash means the file is absent on that side.
type fileChange struct {
	path     string
	old, new plumbing.Hash
}

// link is one commit of the first-parent line, oldest first.
type link struct {
	seq    int
	commit *object.Commit
	tree   plumbing.Hash // its records/ subtree, zero when absent
}

type walker struct {
	repo   *source.Repo
	store  storer.EncodedObjectStorer
	parsed map[plumbing.Hash][]ItemState
}

func newWalker(repo *source.Repo) *walker {
	return &walker{repo: repo, store: repo.Git.Storer, parsed: map[plumbing.Hash][]ItemState{}}
}

// recordsTree is the hash of a commit's records/ subtree, zero when absent.
func (w *walker) recordsTree(c *object.Commit) (plumbing.Hash, error) {
	h := c.TreeHash
	for _, name := range strings.Split(w.repo.RecordsPath(), "/") {
		t, err := object.GetTree(w.store, h)
		if err != nil {
			return plumbing.ZeroHash, fmt.Errorf("commit %s: %v", c.Hash.String()[:7], err)
		}
		e := entry(t, name)
		if e == nil || e.Mode != filemode.Dir {
			return plumbing.ZeroHash, nil
		}
		h = e.Hash
	}
	return h, nil
}

func entry(t *object.Tree, name string) *object.TreeEntry {
	for i := range t.Entries {
		if t.Entries[i].Name == name {
			return &t.Entries[i]
		}
	}
	return nil
}

// diffTrees compares two versions of a directory by entry hash, descending
// only into subtrees that differ, and lists the record files that changed.
func (w *walker) diffTrees(dir string, oldH, newH plumbing.Hash, out *[]fileChange) error {
	if oldH == newH {
		return nil
	}
	entries := func(h plumbing.Hash) (map[string]object.TreeEntry, error) {
		m := map[string]object.TreeEntry{}
		if h.IsZero() {
			return m, nil
		}
		t, err := object.GetTree(w.store, h)
		if err != nil {
			return nil, err
		}
		for _, e := range t.Entries {
			// Dot directories are skipped by every loader; symlinks and
			// submodules are not records.
			if strings.HasPrefix(e.Name, ".") && e.Mode == filemode.Dir {
				continue
			}
			if e.Mode == filemode.Dir || e.Mode == filemode.Regular || e.Mode == filemode.Executable {
				m[e.Name] = e
			}
		}
		return m, nil
	}
	olds, err := entries(oldH)
	if err != nil {
		return err
	}
	news, err := entries(newH)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(olds)+len(news))
	for n := range olds {
		names = append(names, n)
	}
	for n := range news {
		if _, ok := olds[n]; !ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		o, hadO := olds[n]
		e, hasN := news[n]
		if hadO && hasN && o.Hash == e.Hash && o.Mode == e.Mode {
			continue
		}
		p := dir + "/" + n
		var oldTree, newTree, oldBlob, newBlob plumbing.Hash
		if hadO {
			if o.Mode == filemode.Dir {
				oldTree = o.Hash
			} else {
				oldBlob = o.Hash
			}
		}
		if hasN {
			if e.Mode == filemode.Dir {
				newTree = e.Hash
			} else {
				newBlob = e.Hash
			}
		}
		if !oldTree.IsZero() || !newTree.IsZero() {
			if err := w.diffTrees(p, oldTree, newTree, out); err != nil {
				return err
			}
		}
		if (!oldBlob.IsZero() || !newBlob.IsZero()) && oldBlob != newBlob && source.IsRecordPath(p) {
			*out = append(*out, fileChange{path: p, old: oldBlob, new: newBlob})
		}
	}
	return nil
}

// firstParents walks back from head along first parents until stop (not
// included) or the root; found says whether stop was met. Oldest first.
func (w *walker) firstParents(head *object.Commit, stop plumbing.Hash) (line []*object.Commit, found bool, err error) {
	c := head
	for {
		if c.Hash == stop {
			found = true
			break
		}
		line = append(line, c)
		if c.NumParents() == 0 {
			break
		}
		if c, err = w.repo.Git.CommitObject(c.ParentHashes[0]); err != nil {
			return nil, false, err
		}
	}
	for i, j := 0, len(line)-1; i < j; i, j = i+1, j-1 {
		line[i], line[j] = line[j], line[i]
	}
	return line, found, nil
}

// extend walks commits on from st (the state at their parent) and appends the
// commits that changed some ID to h.
func (w *walker) extend(h *History, st *state, line []*object.Commit, firstSeq int) error {
	type step struct {
		commit  *object.Commit
		seq     int
		tree    plumbing.Hash
		changes []fileChange
	}
	var steps []step
	prev := st.RecordsTree
	want := map[plumbing.Hash]string{} // blobs to parse -> a path, for messages
	for i, c := range line {
		t, err := w.recordsTree(c)
		if err != nil {
			return err
		}
		if t == prev {
			continue // records/ untouched: nothing to look at
		}
		var changes []fileChange
		if err := w.diffTrees(source.RecordsDir, prev, t, &changes); err != nil {
			return fmt.Errorf("commit %s: %v", c.Hash.String()[:7], err)
		}
		for _, ch := range changes {
			if _, done := w.parsed[ch.new]; !ch.new.IsZero() && !done {
				want[ch.new] = ch.path
			}
		}
		steps = append(steps, step{c, firstSeq + i, t, changes})
		prev = t
	}
	if err := w.parseBlobs(want); err != nil {
		return err
	}
	for _, s := range steps {
		touched := map[string]bool{}
		for _, ch := range s.changes {
			for _, it := range st.Files[ch.path].Items {
				touched[strings.ToLower(it.ID)] = true
			}
			for _, it := range w.parsed[ch.new] {
				touched[strings.ToLower(it.ID)] = true
			}
		}
		before := map[string]located{}
		for k := range touched {
			if l, ok := st.lookup(k); ok {
				before[k] = l
			}
		}
		for _, ch := range s.changes {
			if old, ok := st.Files[ch.path]; ok {
				st.remove(ch.path, old.Items)
				delete(st.Files, ch.path)
			}
			if !ch.new.IsZero() {
				items := w.parsed[ch.new]
				st.Files[ch.path] = fileState{Blob: ch.new, Items: items}
				st.add(ch.path, items)
			}
		}
		after := map[string]located{}
		for k := range touched {
			if l, ok := st.lookup(k); ok {
				after[k] = l
			}
		}
		st.RecordsTree = s.tree
		if changes := diffStates(before, after); len(changes) > 0 {
			c := s.commit
			h.Commits = append(h.Commits, Commit{Hash: c.Hash, Seq: s.seq, Time: c.Committer.When, AuthorTime: c.Author.When,
				Author: c.Author.Name, AuthorEmail: c.Author.Email, Subject: subject(c.Message), Merge: c.NumParents() > 1,
				Changes: changes})
		}
	}
	return nil
}

func subject(msg string) string {
	s, _, _ := strings.Cut(strings.TrimSpace(msg), "\n")
	return strings.TrimSpace(s)
}

// parseBlobs reads the wanted blobs in turn (go-git's object storage is not
// safe for concurrent reads) and parses them on every core.
func (w *walker) parseBlobs(want map[plumbing.Hash]string) error {
	type job struct {
		hash plumbing.Hash
		path string
		data []byte
	}
	jobs := make(chan job, 64)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				items := ItemsOf(j.path, j.data)
				mu.Lock()
				w.parsed[j.hash] = items
				mu.Unlock()
			}
		}()
	}
	var err error
	for h, p := range want {
		var data []byte
		if data, err = source.ReadBlob(w.repo.Git, h); err != nil {
			err = fmt.Errorf("%s (blob %s): %v", p, h.String()[:7], err)
			break
		}
		jobs <- job{h, p, data}
	}
	close(jobs)
	wg.Wait()
	return err
}

// ItemsOf lists the IDs one file version holds: the record's own, then each
// item's that has one, with kinds and statuses. A file that cannot be read as a
// record holds none.
func ItemsOf(p string, data []byte) []ItemState {
	rec, _ := parse.File(p, data)
	if rec == nil {
		return nil
	}
	var out []ItemState
	if rec.ID != "" {
		out = append(out, ItemState{ID: rec.ID, Kind: KindRecord, Record: rec.ID})
	}
	for _, it := range rec.Items {
		if it.ID == "" {
			continue
		}
		st := ItemState{ID: it.ID, Kind: it.Kind, Record: rec.ID}
		if it.Kind != record.KindDecision {
			st.Status = it.Status
		}
		out = append(out, st)
	}
	return out
}
