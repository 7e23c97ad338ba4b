package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	gitcache "github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/record"
)

// Staged is what the next commit will hold: every record file in the git
// index, and which of them differ from HEAD.
type Staged struct {
	Files   []File // sorted by path; paths are "records/..." like the working tree's
	Changed []bool // Changed[i]: Files[i] is new or modified since HEAD
	// Parsed[i], when set, is Files[i] already parsed (its Data is then nil):
	// an unchanged file whose working-tree copy git would call clean, taken
	// from the working tree. Only files that are not Changed.
	Parsed  []*record.Record
	Deleted []string
	Index   string // the index file read
	Skipped Skipped
	// IgnoreChanged says records/.igfignore differs from HEAD's: files may
	// have joined or left the records without changing themselves.
	IgnoreChanged bool
}

// NChanged counts the changed files.
func (s *Staged) NChanged() int {
	n := 0
	for _, c := range s.Changed {
		if c {
			n++
		}
	}
	return n
}

// IndexFile is the index a commit in progress uses: $GIT_INDEX_FILE, relative
// to the current directory as git means it (git sets it to a temporary index
// for `git commit -a` and `git commit PATH`), else the repository's own.
func (r *Repo) IndexFile(env, cwd string) (string, error) {
	if env != "" {
		if filepath.IsAbs(env) {
			return env, nil
		}
		return filepath.Join(cwd, env), nil
	}
	fs, ok := r.Git.Storer.(*filesystem.Storage)
	if !ok {
		return "", errors.New("the repository has no index on disk")
	}
	return filepath.Join(fs.Filesystem().Root(), "index"), nil
}

// ReadIndex decodes an index file with go-git's decoder. Formats the decoder
// does not know (a split index, a sparse index, a newer version) are refused
// with an error: reading them wrongly would validate the wrong content.
func ReadIndex(file string) (*index.Index, error) {
	// Read whole: the decoder reads field by field, and from a file each
	// small read would be a system call.
	data, err := os.ReadFile(file)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("no git index at %s: nothing is staged yet (git add the records first)", file)
	}
	if err != nil {
		return nil, fmt.Errorf("read git index: %w", err)
	}
	idx := &index.Index{}
	if err := index.NewDecoder(bytes.NewReader(data)).Decode(idx); err != nil {
		hint := ""
		switch {
		case errors.Is(err, index.ErrUnsupportedVersion):
			hint = "; it was written in an index format igf cannot read (run `git update-index --index-version 4` to rewrite it)"
		case errors.Is(err, index.ErrUnknownExtension):
			hint = "; it uses a git extension igf cannot read, such as a split or sparse index " +
				"(run `git config core.splitIndex false && git update-index --no-split-index`, or `git sparse-checkout disable`)"
		case errors.Is(err, index.ErrMalformedSignature), errors.Is(err, index.ErrInvalidChecksum):
			hint = "; the file is damaged or not an index"
		}
		return nil, fmt.Errorf("cannot read the git index %s: %v%s", file, err, hint)
	}
	return idx, nil
}

// StagedIndex is the git index compared with HEAD, before any blob is read.
type StagedIndex struct {
	Staged // Files hold paths only, or Err for files in conflict
	// Hashes[i] is Files[i]'s staged blob; Links[i] says it is a symlink,
	// whose content is another entry's.
	Hashes []plumbing.Hash
	Links  []bool
	// Head maps the record paths of HEAD's tree to their blobs, where the
	// index differs from HEAD (see headDiff).
	Head map[string]plumbing.Hash
	// HeadTree is HEAD's records tree (zero when there is none): the files
	// the index leaves unchanged hold its blobs.
	HeadTree plumbing.Hash

	work      []staged // the files with a blob, by index into Files
	entries   map[string]*index.Entry
	indexTime time.Time
	began     time.Time

	// One object storage serves the HEAD comparison and the few blobs read
	// afterwards: each storage loads the pack index anew.
	repo    *Repo
	mu      sync.Mutex
	objects storer.EncodedObjectStorer
	close   func()
}

// Close releases the object storage.
func (si *StagedIndex) Close() {
	if si.close != nil {
		si.close()
		si.close = nil
	}
}

// objectStore opens a storage over the same .git that keeps pack files open:
// by default go-git reopens the pack for every object.
func (r *Repo) objectStore() (storer.EncodedObjectStorer, func()) {
	fsys, ok := r.Git.Storer.(*filesystem.Storage)
	if !ok {
		return r.Git.Storer, func() {}
	}
	own := filesystem.NewStorageWithOptions(fsys.Filesystem(), gitcache.NewObjectLRU(8*gitcache.MiByte),
		// Objects over the record limit stay unread: their size alone refuses them.
		StorageOptions(filesystem.Options{KeepDescriptors: true, LargeObjectThreshold: parse.MaxFileSize}))
	return own, func() { own.Close() }
}

// LoadIndex reads every record file staged in the index, taking each blob from
// the object store, and compares the index with HEAD's tree. With root (the
// directory holding records/, as the working-tree loader names it), files
// unchanged since HEAD whose working-tree copy matches the index's stat data
// (as git judges a file clean) are parsed from the working tree.
func (r *Repo) LoadIndex(file, root string) (*Staged, error) {
	si, err := r.ReadStagedIndex(file)
	if err != nil {
		return nil, err
	}
	defer si.Close()
	r.ReadStagedFiles(si, nil, root)
	return &si.Staged, nil
}

// ReadStagedIndex decodes the index and compares it with HEAD's tree.
func (r *Repo) ReadStagedIndex(file string) (*StagedIndex, error) {
	began := time.Now()
	idx, err := ReadIndex(file)
	if err != nil {
		return nil, err
	}
	var indexTime time.Time
	if fi, err := os.Stat(file); err == nil {
		indexTime = fi.ModTime()
	}
	prefix := r.RecordsPath() + "/"
	// The index keeps entries sorted by path, then stage: the ones under
	// records/ are one run, and a conflict's stages sit together.
	under := make([]*index.Entry, 0, len(idx.Entries))
	conflicts := false
	for _, e := range idx.Entries {
		if e.Name == r.RecordsPath() && e.Mode == filemode.Symlink {
			return nil, errSymlinkedRecords(r.RecordsPath())
		}
		if strings.HasPrefix(e.Name, prefix) && !e.IntentToAdd {
			under = append(under, e)
			conflicts = conflicts || e.Stage != 0
		}
	}
	objects, closeObjects := r.objectStore()
	head, same, headTree, err := r.headDiff(objects, prefix, under, conflicts)
	if err != nil {
		closeObjects()
		return nil, err
	}
	ig, igHash, err := stagedIgnore(objects, prefix, under)
	if err != nil {
		closeObjects()
		return nil, err
	}
	skip := newSkipper(ig)
	ignoreName := path.Join(r.Prefix, IgnoreFile)
	headIgnore, inHead := head[ignoreName]
	ignoreChanged := !same(ignoreName) && (inHead != !igHash.IsZero() || headIgnore != igHash)
	si := &StagedIndex{Staged: Staged{Index: file, IgnoreChanged: ignoreChanged}, Head: map[string]plumbing.Hash{}, HeadTree: headTree, indexTime: indexTime, began: began,
		repo: r, objects: objects, close: closeObjects}
	st := &si.Staged
	st.Files = make([]File, 0, len(under))
	st.Changed = make([]bool, 0, len(under))
	si.Hashes = make([]plumbing.Hash, 0, len(under))
	si.Links = make([]bool, 0, len(under))
	si.work = make([]staged, 0, len(under))
	listed := make(map[string]bool, len(head))
	for k, e := range under {
		if k > 0 && under[k-1].Name == e.Name {
			continue // a later stage of a conflict already listed
		}
		if !same(e.Name) {
			listed[e.Name] = true
		}
		rel := r.relPath(e.Name)
		if !skip.keep(rel) {
			continue
		}
		if e.Stage != 0 {
			f := record.At(rel, record.Pos{}, "unmerged", "the file has unresolved merge conflicts",
				"resolve the conflict, then git add the file")
			st.Files = append(st.Files, File{Path: rel, Err: &f})
			st.Changed = append(st.Changed, true)
			si.Hashes = append(si.Hashes, plumbing.ZeroHash)
			si.Links = append(si.Links, false)
			continue
		}
		h, inHead := head[e.Name]
		changed := !same(e.Name) && (!inHead || h != e.Hash)
		st.Files = append(st.Files, File{Path: rel})
		st.Changed = append(st.Changed, changed)
		si.Hashes = append(si.Hashes, e.Hash)
		si.Links = append(si.Links, e.Mode == filemode.Symlink)
		if e.Mode == filemode.Symlink && si.entries == nil {
			// Links resolve to other entries: only then are they all needed.
			si.entries = map[string]*index.Entry{}
			for _, e := range under {
				if e.Stage == 0 {
					si.entries[e.Name] = e
				}
			}
		}
		si.work = append(si.work, staged{i: len(st.Files) - 1, name: e.Name, entry: e, tryClean: !changed && !indexTime.IsZero()})
	}
	st.Parsed = make([]*record.Record, len(st.Files))
	for name, h := range head {
		rel := r.relPath(name)
		si.Head[rel] = h
		if !listed[name] && ig.Why(rel, false) == "" {
			st.Deleted = append(st.Deleted, rel)
		}
	}
	sort.Strings(st.Deleted)
	st.Skipped = skip.skipped
	return si, nil
}

// stagedIgnore reads the staged records/.igfignore, and its blob hash (zero
// when none is staged).
func stagedIgnore(objects storer.EncodedObjectStorer, prefix string, under []*index.Entry) (*Ignore, plumbing.Hash, error) {
	name := prefix + path.Base(IgnoreFile)
	for _, e := range under {
		if e.Name != name {
			continue
		}
		if e.Stage != 0 {
			return nil, plumbing.ZeroHash, fmt.Errorf("%s has unresolved merge conflicts: resolve them and git add it", IgnoreFile)
		}
		if e.Mode != filemode.Regular && e.Mode != filemode.Executable {
			return nil, plumbing.ZeroHash, fmt.Errorf("%s is staged as a %s; igf reads it only as a plain file", IgnoreFile, e.Mode)
		}
		data, err := blob(objects, e.Hash, maxIgnoreSize)
		if err != nil {
			return nil, plumbing.ZeroHash, fmt.Errorf("%s: %v", IgnoreFile, err)
		}
		return ParseIgnore(data), e.Hash, nil
	}
	return nil, plumbing.ZeroHash, nil
}

// headDiff compares the index entries under prefix with HEAD's tree the way
// git does when its cache of tree hashes is whole: it hashes each staged
// directory as git would write it as a tree, and reads from HEAD only the
// trees whose hash differs. head lists the files of those trees; same
// reports an index path in a directory that HEAD holds identically (so the
// file is unchanged and nothing there was deleted). A hash computed wrongly
// only makes more trees read.
func (r *Repo) headDiff(objects storer.EncodedObjectStorer, prefix string, under []*index.Entry, conflicts bool) (head map[string]plumbing.Hash, same func(name string) bool, tree plumbing.Hash, err error) {
	head = map[string]plumbing.Hash{}
	equal := map[string]bool{} // directories ("records/x/") HEAD holds as staged
	same = func(name string) bool {
		for i := len(prefix) - 1; i < len(name); i++ {
			if name[i] == '/' && equal[name[:i+1]] {
				return true
			}
		}
		return false
	}
	ref, err := r.Git.Head()
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return head, same, tree, nil
	}
	if err != nil {
		return nil, nil, tree, err
	}
	c, err := object.GetCommit(objects, ref.Hash())
	if err != nil {
		return nil, nil, tree, err
	}
	root, err := object.GetTree(objects, c.TreeHash)
	if err != nil {
		return nil, nil, tree, err
	}
	records, err := root.Tree(strings.TrimSuffix(prefix, "/"))
	if errors.Is(err, object.ErrDirectoryNotFound) {
		return head, same, tree, nil
	}
	if err != nil {
		return nil, nil, tree, err
	}
	staged := map[string]plumbing.Hash{}
	if !conflicts {
		treeHashes(under, prefix, staged)
	}
	var walk func(t *object.Tree, dir string) error
	walk = func(t *object.Tree, dir string) error {
		if h, ok := staged[dir]; ok && h == t.Hash {
			equal[dir] = true
			return nil
		}
		for _, e := range t.Entries {
			if e.Mode == filemode.Dir {
				sub, err := object.GetTree(objects, e.Hash)
				if err != nil {
					return err
				}
				if err := walk(sub, dir+e.Name+"/"); err != nil {
					return err
				}
				continue
			}
			if e.Mode.IsFile() {
				head[dir+e.Name] = e.Hash
			}
		}
		return nil
	}
	if err := walk(records, prefix); err != nil {
		return nil, nil, tree, err
	}
	return head, same, records.Hash, nil
}

// treeHashes computes the git tree hash of every directory of the sorted,
// conflict-free entries below dir, as git write-tree would, into out.
func treeHashes(entries []*index.Entry, dir string, out map[string]plumbing.Hash) plumbing.Hash {
	var body []byte
	for i := 0; i < len(entries); {
		name := entries[i].Name[len(dir):]
		if slash := strings.IndexByte(name, '/'); slash >= 0 {
			sub := dir + name[:slash+1]
			j := i + 1
			for j < len(entries) && strings.HasPrefix(entries[j].Name, sub) {
				j++
			}
			h := treeHashes(entries[i:j], sub, out)
			body = append(body, "40000 "...)
			body = append(body, name[:slash]...)
			body = append(body, 0)
			body = append(body, h[:]...)
			i = j
			continue
		}
		e := entries[i]
		body = strconv.AppendUint(body, uint64(e.Mode), 8)
		body = append(body, ' ')
		body = append(body, name...)
		body = append(body, 0)
		body = append(body, e.Hash[:]...)
		i++
	}
	h := plumbing.ComputeHash(plumbing.TreeObject, body)
	out[dir] = h
	return h
}

func (r *Repo) relPath(name string) string {
	if r.Prefix == "" {
		return name
	}
	return strings.TrimPrefix(name, r.Prefix+"/")
}

// ReadStagedFiles reads the staged files want says (nil: all) into si.Files,
// or, when root is given and the working-tree copy of an unchanged file is
// clean, parses that copy into si.Parsed (reading a file costs less than
// inflating its blob).
func (r *Repo) ReadStagedFiles(si *StagedIndex, want func(i int) bool, root string) {
	work := si.work
	if want != nil {
		work = nil
		for _, s := range si.work {
			if want(s.i) {
				work = append(work, s)
			}
		}
	}
	r.readStaged(&si.Staged, work, si.entries, root, si.indexTime, si.objects)
}

// ReadBlobs reads blobs by hash (earlier versions of files), naming each
// result after paths[i] for its findings. It may be called concurrently.
func (si *StagedIndex) ReadBlobs(paths []string, hashes []plumbing.Hash) []File {
	si.mu.Lock()
	defer si.mu.Unlock()
	out := make([]File, len(hashes))
	for i, h := range hashes {
		data, err := blob(si.objects, h, parse.MaxFileSize)
		if err != nil {
			f := record.At(paths[i], record.Pos{}, "unreadable", err.Error(), "the git object store may be damaged; run git fsck")
			out[i] = File{Path: paths[i], Err: &f}
			continue
		}
		out[i] = File{Path: paths[i], Data: data}
	}
	return out
}

// staged is a file of the index still to be read into Files[i].
type staged struct {
	i        int
	name     string
	entry    *index.Entry
	tryClean bool // unchanged since HEAD: the working-tree copy may serve
}

// readStaged reads the blobs on every core. go-git's object storage is not
// safe for concurrent use, so each worker opens its own over the same .git,
// keeping pack files open: by default go-git reopens the pack for every
// object, which costs more than the reading.
func (r *Repo) readStaged(st *Staged, work []staged, entries map[string]*index.Entry, root string, indexTime time.Time, shared storer.EncodedObjectStorer) {
	_, ok := r.Git.Storer.(*filesystem.Storage)
	workers := min(runtime.GOMAXPROCS(0), max(1, len(work)/64))
	if !ok {
		workers = 1
	}
	next := make(chan staged)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			objects := shared
			if workers > 1 {
				own, done := r.objectStore()
				defer done()
				objects = own
			}
			for s := range next {
				rel := st.Files[s.i].Path
				if s.tryClean && root != "" {
					if rec := cleanFile(root, rel, s.entry, indexTime); rec != nil {
						st.Parsed[s.i] = rec
						continue
					}
				}
				st.Files[s.i] = r.stagedFile(objects, rel, s.name, s.entry, entries)
			}
		}()
	}
	for _, s := range work {
		next <- s
	}
	close(next)
	wg.Wait()
}

// cleanFile parses the working-tree copy of a staged file when git would take
// it as identical to the staged blob — same size, mtime, ctime, inode and
// device as the index entry records, and not "racily clean" (modified in the
// same tick the index was written). It returns nil when the blob must be
// read instead.
func cleanFile(root, rel string, e *index.Entry, indexTime time.Time) *record.Record {
	if e.Mode != filemode.Regular && e.Mode != filemode.Executable {
		return nil
	}
	path := filepath.Join(root, filepath.FromSlash(rel))
	fi, err := os.Lstat(path)
	if err != nil || !fi.Mode().IsRegular() {
		return nil
	}
	st, ok := StatOf(fi)
	switch {
	case !ok, int64(e.Size) != fi.Size(), fi.Size() > parse.MaxFileSize,
		!e.ModifiedAt.Equal(fi.ModTime()), !e.ModifiedAt.Before(indexTime),
		e.Inode != 0 && e.Inode != uint32(st.Ino),
		e.Dev != 0 && e.Dev != uint32(st.Dev),
		!e.CreatedAt.IsZero() && e.CreatedAt.UnixNano() != st.Ctime:
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil || int64(len(data)) != fi.Size() {
		return nil
	}
	rec, _ := parse.File(rel, data)
	return rec
}

// stagedFile reads one staged blob, refusing by size before reading and
// following a staged symlink only to another staged record.
func (r *Repo) stagedFile(objects storer.EncodedObjectStorer, rel, name string, e *index.Entry, entries map[string]*index.Entry) File {
	fail := func(rule, msg, hint string) File {
		f := record.At(rel, record.Pos{}, rule, msg, hint)
		return File{Path: rel, Err: &f}
	}
	if e.Mode == filemode.Symlink {
		data, err := blob(objects, e.Hash, 4096)
		if err != nil {
			return fail("unreadable", err.Error(), "the git object store may be damaged; run git fsck")
		}
		target := path.Join(path.Dir(name), string(data))
		if path.IsAbs(string(data)) || !strings.HasPrefix(target, r.RecordsPath()+"/") || entries[target] == nil {
			return fail("symlink-outside", "symlink leads outside the records", "replace the link with the file itself")
		}
		e = entries[target]
	}
	if e.Mode != filemode.Regular && e.Mode != filemode.Executable {
		return fail("not-a-file", "staged entry is not a file (mode "+e.Mode.String()+")", "records are plain Markdown files")
	}
	data, err := blob(objects, e.Hash, parse.MaxFileSize)
	var big *tooLarge
	if errors.As(err, &big) {
		return fail("file-too-large", fmt.Sprintf("file is %d bytes; a record is at most %d", big.size, parse.MaxFileSize),
			"split the text into several records, or move attachments out of records/")
	}
	if err != nil {
		return fail("unreadable", err.Error(), "the git object store may be damaged; run git fsck")
	}
	return File{Path: rel, Data: data}
}

type tooLarge struct{ size int64 }

func (t *tooLarge) Error() string { return fmt.Sprintf("blob of %d bytes", t.size) }

// blob reads a blob whose size, known from its header, is at most limit.
func blob(objects storer.EncodedObjectStorer, h plumbing.Hash, limit int64) ([]byte, error) {
	b, err := object.GetBlob(objects, h)
	if err != nil {
		return nil, fmt.Errorf("blob %s: %w", h, err)
	}
	if b.Size > limit {
		return nil, &tooLarge{b.Size}
	}
	rd, err := b.Reader()
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	return io.ReadAll(io.LimitReader(rd, limit+1))
}
