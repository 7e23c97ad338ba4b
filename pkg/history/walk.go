package history

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	gitcache "github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/igf-records/igf/internal/parallel"
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

type walker struct {
	repo    *source.Repo
	shallow map[plumbing.Hash]bool // where a shallow clone's history stops
	parsed  map[plumbing.Hash][]ItemState
	// broken holds, for each blob of this walk that could not be read as a
	// record, why.
	broken  map[plumbing.Hash]record.Omission
	readers []*reader // one per worker; the first also serves the walk itself
}

// reader reads objects for one goroutine: go-git's object storage is not safe
// for concurrent use, so each worker opens its own.
type reader struct {
	store       objectReader
	recordsPath string
	// Trees read for the commit being diffed and the one before it: a
	// commit's new trees are the next commit's old ones.
	trees, lastTrees     map[plumbing.Hash][]byte
	offsets, lastOffsets map[plumbing.Hash][]int32
	close                func()
}

func newWalker(repo *source.Repo) *walker {
	w := &walker{repo: repo, parsed: map[plumbing.Hash][]ItemState{}, broken: map[plumbing.Hash]record.Omission{}, shallow: repo.Shallow()}
	n := 1
	fs, onDisk := repo.Git.Storer.(*filesystem.Storage)
	var packs *packFiles
	if onDisk {
		n = min(parallel.Workers(8), 8)
		packs = readPacks(fs)
	}
	for range n {
		rd := &reader{store: storeObjects{repo.Git.Storer}, recordsPath: repo.RecordsPath(),
			trees: map[plumbing.Hash][]byte{}, lastTrees: map[plumbing.Hash][]byte{},
			offsets: map[plumbing.Hash][]int32{}, lastOffsets: map[plumbing.Hash][]int32{}, close: func() {}}
		if onDisk {
			// go-git reopens the pack file for every object unless told to
			// keep it open; a walk reads tens of thousands of objects.
			st := filesystem.NewStorageWithOptions(fs.Filesystem(), gitcache.NewObjectLRU(64*gitcache.MiByte),
				source.StorageOptions(filesystem.Options{KeepDescriptors: true, ExclusiveAccess: true}))
			rd.store = storeObjects{st}
			rd.close = func() { _ = st.Close() }
			if packs != nil {
				rd.store = packs.open(storeObjects{st})
			}
		}
		w.readers = append(w.readers, rd)
	}
	return w
}

func (w *walker) close() {
	for _, rd := range w.readers {
		rd.close()
	}
}

// parallel splits [0, n) into one contiguous run per reader (neighbouring
// commits share trees, which each reader keeps) and runs fn on each at once.
func (w *walker) parallel(n int, fn func(rd *reader, lo, hi int) error) error {
	return parallel.Ranges(n, min(len(w.readers), max(1, n/64)), func(i, lo, hi int) error {
		return fn(w.readers[i], lo, hi)
	})
}

// nextCommit starts a new commit's diff: trees of two commits ago are dropped.
func (rd *reader) nextCommit() {
	if len(rd.trees) > 0 {
		rd.lastTrees, rd.trees = rd.trees, make(map[plumbing.Hash][]byte, len(rd.trees))
		rd.lastOffsets, rd.offsets = rd.offsets, make(map[plumbing.Hash][]int32, len(rd.offsets))
	}
}

// tree reads a tree object's raw bytes: entries of "MODE NAME\0HASH", in
// git's order. Diffs walk them in place, without decoding every entry of a
// large directory that changed in one file.
func (rd *reader) tree(h plumbing.Hash) ([]byte, error) {
	if data, ok := rd.trees[h]; ok {
		return data, nil
	}
	if data, ok := rd.lastTrees[h]; ok {
		rd.trees[h] = data
		return data, nil
	}
	data, err := rd.store.read(plumbing.TreeObject, h)
	if err != nil {
		return nil, fmt.Errorf("tree %s: %v", h.String()[:7], err)
	}
	rd.trees[h] = data
	return data, nil
}

// index lists where each entry of a tree starts, and its end; kept with the
// tree's bytes for as long as they are.
func (rd *reader) index(h plumbing.Hash, data []byte) ([]int32, error) {
	if offs, ok := rd.offsets[h]; ok {
		return offs, nil
	}
	if offs, ok := rd.lastOffsets[h]; ok {
		rd.offsets[h] = offs
		return offs, nil
	}
	offs := make([]int32, 0, len(data)/40+2)
	for at := 0; at < len(data); {
		offs = append(offs, int32(at))
		nul := bytes.IndexByte(data[at:], 0)
		if nul < 0 || at+nul+21 > len(data) {
			return nil, fmt.Errorf("tree %s is malformed", h.String()[:7])
		}
		at += nul + 21
	}
	offs = append(offs, int32(len(data)))
	rd.offsets[h] = offs
	return offs, nil
}

// trimCommon finds the entries two versions of a tree share at the start and
// at the end, from where their bytes first and last differ, and returns the
// byte ranges in between: old[start:oStop] and new[start:nStop].
func trimCommon(old, new []byte, oi, ni []int32) (start, oStop, nStop int) {
	n := min(len(old), len(new))
	// Compare in long runs first (bytes.Equal is vectorised), then shorter.
	p := 0
	for step := 4096; step >= 1; step /= 8 {
		for p+step <= n && bytes.Equal(old[p:p+step], new[p:p+step]) {
			p += step
		}
	}
	// The last boundary within the shared bytes is a boundary of both:
	// entries are read from the start, over the same bytes.
	k := sort.Search(len(oi), func(i int) bool { return int(oi[i]) > p }) - 1
	start = int(oi[k])
	s, most := 0, n-start
	for step := 4096; step >= 1; step /= 8 {
		for s+step <= most && bytes.Equal(old[len(old)-s-step:len(old)-s], new[len(new)-s-step:len(new)-s]) {
			s += step
		}
	}
	// From the end, a shared run of bytes starts entries in both only
	// where both have a boundary at the same distance from the end.
	oStop, nStop = len(old), len(new)
	for i := sort.Search(len(oi), func(i int) bool { return int(oi[i]) >= len(old)-s }); i < len(oi); i++ {
		back := len(old) - int(oi[i])
		j := sort.Search(len(ni), func(j int) bool { return int(ni[j]) >= len(new)-back })
		if j < len(ni) && int(ni[j]) == len(new)-back && int(oi[i]) >= start && int(ni[j]) >= start {
			oStop, nStop = int(oi[i]), int(ni[j])
			break
		}
	}
	return start, oStop, nStop
}

// entry is one tree entry being looked at, its slices pointing into the tree.
type entry struct {
	raw, mode, name []byte
	hash            plumbing.Hash
}

// next reads the entry at the start of data and returns the rest.
func next(data []byte) (entry, []byte, error) {
	sp := bytes.IndexByte(data, ' ')
	nul := bytes.IndexByte(data, 0)
	if sp < 0 || nul < sp || len(data) < nul+21 {
		return entry{}, nil, fmt.Errorf("malformed tree entry")
	}
	e := entry{raw: data[:nul+21], mode: data[:sp], name: data[sp+1 : nul]}
	copy(e.hash[:], data[nul+1:nul+21])
	return e, data[nul+21:], nil
}

var (
	modeDir  = []byte("40000")
	modeFile = []byte("100644")
	modeExec = []byte("100755")
)

func (e entry) dir() bool { return bytes.Equal(e.mode, modeDir) }

// kept reports whether an entry can hold records: dot directories are skipped
// by every loader; symlinks and submodules are not records.
func (e entry) kept() bool {
	if e.dir() {
		return len(e.name) == 0 || e.name[0] != '.'
	}
	return bytes.Equal(e.mode, modeFile) || bytes.Equal(e.mode, modeExec)
}

// compare orders entries as git sorts a tree: a directory's name sorts as if
// it ended in "/".
func compare(a, b entry) int {
	n := min(len(a.name), len(b.name))
	if c := bytes.Compare(a.name[:n], b.name[:n]); c != 0 {
		return c
	}
	end := func(e entry) int {
		if len(e.name) > n {
			return int(e.name[n])
		}
		if e.dir() {
			return '/'
		}
		return 0
	}
	return end(a) - end(b)
}

// recordsTree is the hash of a commit's records/ subtree, zero when absent.
func (rd *reader) recordsTree(commit, root plumbing.Hash) (plumbing.Hash, error) {
	h := root
	for _, name := range strings.Split(rd.recordsPath, "/") {
		data, err := rd.tree(h)
		if err != nil {
			return plumbing.ZeroHash, fmt.Errorf("commit %s: %v", commit.String()[:7], err)
		}
		found := false
		for len(data) > 0 {
			var e entry
			if e, data, err = next(data); err != nil {
				return plumbing.ZeroHash, fmt.Errorf("commit %s: tree %s: %v", commit.String()[:7], h.String()[:7], err)
			}
			if string(e.name) == name && e.dir() {
				h, found = e.hash, true
				break
			}
		}
		if !found {
			return plumbing.ZeroHash, nil
		}
	}
	return h, nil
}

// diffTrees compares two versions of a directory by entry hash, descending
// only into subtrees that differ, and lists the record files that changed.
// Both trees are in git's order, so one merging pass pairs their entries.
func (rd *reader) diffTrees(dir string, oldH, newH plumbing.Hash, out *[]fileChange) error {
	if oldH == newH {
		return nil
	}
	var olds, news []byte
	var err error
	if !oldH.IsZero() {
		if olds, err = rd.tree(oldH); err != nil {
			return err
		}
	}
	if !newH.IsZero() {
		if news, err = rd.tree(newH); err != nil {
			return err
		}
	}
	if len(olds) > 0 && len(news) > 0 {
		// A directory where one file of thousands changed: skip the
		// entries both versions share at the start and the end.
		oi, err := rd.index(oldH, olds)
		if err != nil {
			return err
		}
		ni, err := rd.index(newH, news)
		if err != nil {
			return err
		}
		start, oStop, nStop := trimCommon(olds, news, oi, ni)
		olds, news = olds[start:oStop], news[start:nStop]
	}
	var o, n entry
	haveO, haveN := false, false
	for {
		if !haveO && len(olds) > 0 {
			if o, olds, err = next(olds); err != nil {
				return fmt.Errorf("tree %s: %v", oldH.String()[:7], err)
			}
			haveO = true
		}
		if !haveN && len(news) > 0 {
			if n, news, err = next(news); err != nil {
				return fmt.Errorf("tree %s: %v", newH.String()[:7], err)
			}
			haveN = true
		}
		if !haveO && !haveN {
			return nil
		}
		var po, pn *entry
		switch {
		case haveO && haveN && bytes.Equal(o.raw, n.raw):
			haveO, haveN = false, false // the same entry: nothing changed below it
			continue
		case !haveN || (haveO && compare(o, n) < 0):
			po, haveO = &o, false
		case !haveO || compare(n, o) < 0:
			pn, haveN = &n, false
		default:
			po, pn = &o, &n
			haveO, haveN = false, false
		}
		// A name can be a file on one side and a directory on the other:
		// those sort apart, so each side is handled on its own.
		if po != nil && !po.kept() {
			po = nil
		}
		if pn != nil && !pn.kept() {
			pn = nil
		}
		if po == nil && pn == nil {
			continue
		}
		var name string
		var oldTree, newTree, oldBlob, newBlob plumbing.Hash
		if po != nil {
			name = string(po.name)
			if po.dir() {
				oldTree = po.hash
			} else {
				oldBlob = po.hash
			}
		}
		if pn != nil {
			name = string(pn.name)
			if pn.dir() {
				newTree = pn.hash
			} else {
				newBlob = pn.hash
			}
		}
		p := dir + "/" + name
		if !oldTree.IsZero() || !newTree.IsZero() {
			if err := rd.diffTrees(p, oldTree, newTree, out); err != nil {
				return err
			}
		}
		if oldBlob != newBlob && source.IsRecordPath(p) {
			*out = append(*out, fileChange{path: p, old: oldBlob, new: newBlob})
		}
	}
}

// link is one commit of the first-parent line, read only as far as the walk
// needs: most commits are never looked at again.
type link struct {
	hash, tree, parent plumbing.Hash // parent: the first, zero for a root
}

// readLink reads a commit's tree and first parent from its header lines,
// without decoding the rest of it.
func readLink(store objectReader, h plumbing.Hash) (link, error) {
	data, err := store.read(plumbing.CommitObject, h)
	if err != nil {
		return link{}, fmt.Errorf("commit %s: %v", h.String()[:7], err)
	}
	// The header (tree, parents) comes first; author lines and the message
	// follow and are not looked at.
	l := link{hash: h}
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		key, val, _ := bytes.Cut(line, []byte{' '})
		switch {
		case string(key) == "tree" && len(val) == 40:
			l.tree = plumbing.NewHash(string(val))
		case string(key) == "parent" && len(val) == 40 && l.parent.IsZero():
			l.parent = plumbing.NewHash(string(val))
		case string(key) != "tree" && string(key) != "parent":
			if l.tree.IsZero() {
				return link{}, fmt.Errorf("commit %s has no tree", h.String()[:7])
			}
			return l, nil
		}
	}
	if l.tree.IsZero() {
		return link{}, fmt.Errorf("commit %s has no tree", h.String()[:7])
	}
	return l, nil
}

// firstParents walks back from head along first parents until stop (not
// included) or the root; found says whether stop was met. Oldest first.
func (w *walker) firstParents(head plumbing.Hash, stop plumbing.Hash) (line []link, found bool, err error) {
	store := w.readers[0].store
	for h := head; ; {
		if h == stop {
			found = true
			break
		}
		l, err := readLink(store, h)
		if err != nil {
			return nil, false, err
		}
		if w.shallow[h] {
			// A shallow clone: the parents were never fetched, so the line
			// starts here, as if this were the first commit.
			l.parent = plumbing.ZeroHash
		}
		line = append(line, l)
		if l.parent.IsZero() {
			break
		}
		h = l.parent
	}
	for i, j := 0, len(line)-1; i < j; i, j = i+1, j-1 {
		line[i], line[j] = line[j], line[i]
	}
	return line, found, nil
}

// extend walks commits on from st (the state at their parent) and appends the
// commits that changed some ID to h. Reading trees and blobs, the costly
// part, runs on every core; applying the changes runs in commit order.
func (w *walker) extend(h *History, st *state, line []link, firstSeq int, onLine func(plumbing.Hash) bool) error {
	trees := make([]plumbing.Hash, len(line))
	err := w.parallel(len(line), func(rd *reader, lo, hi int) error {
		for i := lo; i < hi; i++ {
			rd.nextCommit()
			t, err := rd.recordsTree(line[i].hash, line[i].tree)
			if err != nil {
				return err
			}
			trees[i] = t
		}
		return nil
	})
	if err != nil {
		return err
	}
	type step struct {
		commit    plumbing.Hash
		info      *object.Commit
		seq       int
		old, tree plumbing.Hash
		changes   []fileChange
	}
	var steps []step
	prev := st.RecordsTree
	for i, t := range trees {
		if t != prev { // records/ untouched otherwise: nothing to look at
			steps = append(steps, step{commit: line[i].hash, seq: firstSeq + i, old: prev, tree: t})
			prev = t
		}
	}
	err = w.parallel(len(steps), func(rd *reader, lo, hi int) error {
		for i := lo; i < hi; i++ {
			rd.nextCommit()
			s := &steps[i]
			if err := rd.diffTrees(source.RecordsDir, s.old, s.tree, &s.changes); err != nil {
				return fmt.Errorf("commit %s: %v", s.commit.String()[:7], err)
			}
			var err error
			if s.info, err = rd.commit(s.commit); err != nil {
				return fmt.Errorf("commit %s: %v", s.commit.String()[:7], err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	var want []fileChange // blobs to parse, each once
	wanted := map[plumbing.Hash]bool{}
	for _, s := range steps {
		for _, ch := range s.changes {
			if _, done := w.parsed[ch.new]; !ch.new.IsZero() && !done && !wanted[ch.new] {
				wanted[ch.new] = true
				want = append(want, ch)
			}
		}
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
			if o, bad := w.broken[ch.new]; bad && !ch.new.IsZero() {
				h.Unreadable = append(h.Unreadable, Unreadable{Omission: o, Commit: s.info.Hash, Seq: s.seq, Time: s.info.Committer.When})
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
			c := s.info
			if c.NumParents() > 1 {
				w.attribute(c, changes, pathsOf(h, before, after), onLine)
			}
			h.Commits = append(h.Commits, Commit{Hash: c.Hash, Seq: s.seq, Time: c.Committer.When, AuthorTime: c.Author.When,
				Author: c.Author.Name, AuthorEmail: c.Author.Email, Subject: subject(c.Message), Merge: c.NumParents() > 1,
				Changes: changes})
		}
	}
	return nil
}

// pathsOf lists, for an ID, every file it has been in: from the history so
// far and the states around the commit.
func pathsOf(h *History, before, after map[string]located) func(id string) []string {
	return func(id string) []string {
		k := strings.ToLower(id)
		seen := map[string]bool{}
		var out []string
		add := func(p string) {
			if p != "" && !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
		add(after[k].path)
		add(before[k].path)
		for i := len(h.Commits) - 1; i >= 0; i-- {
			for _, ch := range h.Commits[i].Changes {
				if strings.ToLower(ch.ID) == k {
					add(ch.Path)
					add(ch.OldPath)
				}
			}
		}
		return out
	}
}

func subject(msg string) string {
	s, _, _ := strings.Cut(strings.TrimSpace(msg), "\n")
	return strings.TrimSpace(s)
}

// parseBlobs reads and parses the wanted blobs, each reader its share.
func (w *walker) parseBlobs(want []fileChange) error {
	items := make([][]ItemState, len(want))
	broken := make([]*record.Omission, len(want))
	err := w.parallel(len(want), func(rd *reader, lo, hi int) error {
		for i := lo; i < hi; i++ {
			data, err := rd.blob(want[i].new)
			if err != nil {
				return fmt.Errorf("%s (blob %s): %v", want[i].path, want[i].new.String()[:7], err)
			}
			items[i], broken[i] = itemsOf(want[i].path, data)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i, ch := range want {
		w.parsed[ch.new] = items[i]
		if broken[i] != nil {
			w.broken[ch.new] = *broken[i]
		}
	}
	return nil
}

// blob reads a blob's bytes (the parser reports records too large from their
// size).
func (rd *reader) blob(h plumbing.Hash) ([]byte, error) {
	return rd.store.read(plumbing.BlobObject, h)
}

// ItemsOf lists the IDs one file version holds: the record's own, then each
// item's that has one, with kinds and statuses. A file that cannot be read as a
// record holds none.
func ItemsOf(p string, data []byte) []ItemState {
	items, _ := itemsOf(p, data)
	return items
}

// itemsOf is ItemsOf, with why a file that cannot be read as a record holds
// none.
func itemsOf(p string, data []byte) ([]ItemState, *record.Omission) {
	rec, findings := parse.File(p, data)
	if rec == nil {
		o := record.Omission{Path: p, Line: 1, Col: 1, Rule: "unreadable", Reason: "could not be read as a record", Whole: true}
		if os := record.Omissions(findings, func(string) bool { return false }); len(os) > 0 {
			o = os[0]
		}
		return nil, &o
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
	return out, nil
}
