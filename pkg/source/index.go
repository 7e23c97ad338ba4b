package source

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
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

	"github.com/igf-records/igf/pkg/cache"
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
	// from the parsed-records cache. Only files that are not Changed.
	Parsed  []*record.Record
	Deleted []string
	Index   string // the index file read
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
	f, err := os.Open(file)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("no git index at %s: nothing is staged yet (git add the records first)", file)
	}
	if err != nil {
		return nil, fmt.Errorf("read git index: %w", err)
	}
	defer f.Close()
	idx := &index.Index{}
	if err := index.NewDecoder(bufio.NewReader(f)).Decode(idx); err != nil {
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

// LoadIndex reads every record file staged in the index, taking each blob from
// the object store, and compares the index with HEAD's tree. With root (the
// directory holding records/, as the working-tree loader names it), files
// unchanged since HEAD whose working-tree copy matches the index's stat data
// (as git judges a file clean) are taken from the parsed-records cache.
func (r *Repo) LoadIndex(file, root string) (*Staged, error) {
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
	head, err := r.headBlobs(prefix)
	if err != nil {
		return nil, err
	}
	st := &Staged{Index: file}
	entries := map[string]*index.Entry{}
	unmerged := map[string]bool{}
	for _, e := range idx.Entries {
		if !strings.HasPrefix(e.Name, prefix) || e.IntentToAdd {
			continue
		}
		// Stage 0 is a merged entry (go-git's index.Merged is 1, which is the
		// merge base's stage, so it cannot be used here).
		if e.Stage != 0 {
			unmerged[e.Name] = true
			continue
		}
		entries[e.Name] = e
	}
	names := make([]string, 0, len(entries)+len(unmerged))
	for n := range entries {
		names = append(names, n)
	}
	for n := range unmerged {
		if entries[n] == nil {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	var work []staged
	for _, name := range names {
		rel := strings.TrimPrefix(name, r.Prefix+"/")
		if r.Prefix == "" {
			rel = name
		}
		if !IsRecordPath(rel) || hiddenDir(strings.TrimPrefix(rel, RecordsDir+"/")) {
			continue
		}
		e := entries[name]
		if e == nil {
			f := record.At(rel, record.Pos{}, "unmerged", "the file has unresolved merge conflicts",
				"resolve the conflict, then git add the file")
			st.Files = append(st.Files, File{Path: rel, Err: &f})
			st.Changed = append(st.Changed, true)
			continue
		}
		changed := head[name] != e.Hash
		st.Files = append(st.Files, File{Path: rel})
		st.Changed = append(st.Changed, changed)
		work = append(work, staged{i: len(st.Files) - 1, name: name, entry: e, tryClean: !changed && root != "" && !indexTime.IsZero()})
	}
	st.Parsed = make([]*record.Record, len(st.Files))
	var c *cache.Cache
	if root != "" {
		c = cache.Open(root, began)
	}
	r.readStaged(st, work, entries, c, root, indexTime)
	if c != nil {
		_ = c.Save() // a cache that cannot be written costs only time
	}
	for name := range head {
		if entries[name] == nil && !unmerged[name] {
			st.Deleted = append(st.Deleted, strings.TrimPrefix(name, r.Prefix+"/"))
		}
	}
	sort.Strings(st.Deleted)
	return st, nil
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
func (r *Repo) readStaged(st *Staged, work []staged, entries map[string]*index.Entry, c *cache.Cache, root string, indexTime time.Time) {
	fsys, ok := r.Git.Storer.(*filesystem.Storage)
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
			objects := storer.EncodedObjectStorer(r.Git.Storer)
			if ok {
				own := filesystem.NewStorageWithOptions(fsys.Filesystem(), gitcache.NewObjectLRU(8*gitcache.MiByte),
					// Objects over the record limit stay unread: their size alone refuses them.
					filesystem.Options{KeepDescriptors: true, LargeObjectThreshold: parse.MaxFileSize})
				defer own.Close()
				objects = own
			}
			var cw *cache.Worker
			if c != nil {
				cw = c.Worker()
			}
			for s := range next {
				rel := st.Files[s.i].Path
				if s.tryClean && cw != nil {
					if rec := cleanFile(cw, root, rel, s.entry, indexTime); rec != nil {
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
// same tick the index was written) — going through the parsed-records cache.
// It returns nil when the blob must be read instead.
func cleanFile(cw *cache.Worker, root, rel string, e *index.Entry, indexTime time.Time) *record.Record {
	if e.Mode != filemode.Regular && e.Mode != filemode.Executable {
		return nil
	}
	path := filepath.Join(root, filepath.FromSlash(rel))
	fi, err := os.Lstat(path)
	if err != nil || !fi.Mode().IsRegular() {
		return nil
	}
	st := cache.StatOf(fi)
	switch {
	case int64(e.Size) != fi.Size(), fi.Size() > parse.MaxFileSize,
		!e.ModifiedAt.Equal(fi.ModTime()), !e.ModifiedAt.Before(indexTime),
		e.Inode != 0 && e.Inode != uint32(st.Ino),
		e.Dev != 0 && e.Dev != uint32(st.Dev),
		st.Ctime != 0 && !e.CreatedAt.IsZero() && e.CreatedAt.UnixNano() != st.Ctime:
		return nil
	}
	var data []byte
	var readErr error
	read := false
	content := func() []byte {
		if !read {
			read = true
			data, readErr = os.ReadFile(path)
		}
		return data
	}
	if rec, _, ok := cw.Get(rel, st, content); ok {
		return rec
	}
	if content(); readErr != nil || int64(len(data)) != fi.Size() {
		return nil
	}
	rec, finds := parse.File(rel, data)
	cw.Put(rel, st, data, rec, finds)
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

// headBlobs maps the paths under prefix in HEAD's tree to their blobs; an
// unborn HEAD (the first commit) has none.
func (r *Repo) headBlobs(prefix string) (map[string]plumbing.Hash, error) {
	out := map[string]plumbing.Hash{}
	ref, err := r.Git.Head()
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	c, err := r.Git.CommitObject(ref.Hash())
	if err != nil {
		return nil, err
	}
	tree, err := c.Tree()
	if err != nil {
		return nil, err
	}
	sub, err := tree.Tree(strings.TrimSuffix(prefix, "/"))
	if errors.Is(err, object.ErrDirectoryNotFound) {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	w := object.NewTreeWalker(sub, true, nil)
	defer w.Close()
	for {
		name, e, err := w.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if !e.Mode.IsFile() {
			continue
		}
		out[prefix+name] = e.Hash
	}
}
