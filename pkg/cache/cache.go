// Package cache keeps parsed records between runs, so a command on a large
// repository reads and parses only the files that changed since the last one.
//
// Entries are keyed by a file's slash path and validated by its stat data:
// size, modification time, status-change time (ctime), inode and device. A
// file whose stat data all match is taken from the cache unread, with one
// exception that keeps the cache from ever serving a stale answer: an entry
// whose mtime or ctime was within RacyWindow of the moment its run began
// taking stat data (or is in the future) is "racy" — the file could change
// again within the same timestamp tick and keep its stat data — so it is
// verified by a SHA-256 of its content on every read until a later run finds
// it old enough and rewrites it as settled. ctime cannot be set by users, so
// setting mtime back (touch -d, tar, rsync -t) after an edit is seen too. See
// docs/performance.md for the reasoning.
//
// The cache lives in .git/igf/records/ (or the user cache directory when
// there is no .git) as a few shard files, kept by the rule of
// internal/cachefile for everything under .git/igf: each is rewritten
// whole through a temporary file and a rename, names the binary that wrote
// it and is checksummed, so a reader never serves a half-written, damaged
// or foreign shard and concurrent runs at worst redo work. A shard is read
// into memory (never mapped, which a truncation underneath would turn into
// SIGBUS) and decoded records point into it without copying.
package cache

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
	"unsafe"

	"github.com/igf-records/igf/internal/cachefile"
	"github.com/igf-records/igf/pkg/core/record"
)

// formatVersion changes whenever the file layout or the codec changes.
const formatVersion = 8

// fileKind names shards in their header (see internal/cachefile).
const fileKind = "records"

// shardCount splits the cache so that one changed file rewrites a small
// part of it, and so that shards decode on every core.
const shardCount = 32

// RacyWindow is how close to the start of a run a file's timestamps may be
// and still be trusted without reading it. It exceeds the coarsest common
// filesystem timestamp granularity (2 s on FAT; 1 s on HFS+ and ext3; a
// clock tick on ext4, XFS and btrfs), so a file rewritten within the tick
// of its stat is always caught.
const RacyWindow = 3 * time.Second

// racyWindow is RacyWindow; tests shorten it to reach the trusted-by-stat path.
var racyWindow = RacyWindow

// Stat is what the cache compares to decide a file is unchanged.
type Stat struct {
	Size         int64
	Mtime, Ctime int64 // Unix nanoseconds; Ctime is 0 where the platform has none
	Ino, Dev     uint64
	Mode         uint32
}

// Cache is the parsed-records cache of one records repository. A nil or
// disabled Cache misses every lookup and saves nothing.
type Cache struct {
	dir    string // directory of the shard files
	prefix string // shard file name prefix, unique to the repository
	root   string // the repository's absolute path, which shards name
	start  time.Time
	shards [shardCount]shard
}

type shard struct {
	once    sync.Once
	mu      sync.Mutex
	entries map[string]*entry
	loaded  bool // the file existed and was read
	dirty   bool
}

type entry struct {
	path string
	stat Stat
	sum  [sha256.Size]byte // of the bytes that were parsed
	racy bool
	blob []byte // the encoded record and findings
	text []byte // the record's Markdown body
	sumy []byte // the encoded Summary, in the shard's index section
	used bool
}

// Open returns the cache for the repository whose top is root. start is when
// the caller begins taking stat data of the files (before the first stat).
// The cache is disabled when IGF_CACHE=off or when no directory can hold it.
func Open(root string, start time.Time) *Cache {
	if os.Getenv("IGF_CACHE") == "off" {
		return nil
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil
	}
	dir := Dir(abs)
	if dir == "" {
		return nil
	}
	h := fnv.New64a()
	h.Write([]byte(abs))
	return &Cache{dir: dir, prefix: fmt.Sprintf("%016x-", h.Sum64()), root: abs, start: start}
}

// Dir is where the cache of the repository at root lives: .git/igf/records
// of the git repository holding it, or the user cache directory.
func Dir(root string) string {
	if d := cachefile.Dir(root); d != "" {
		return filepath.Join(d, "records")
	}
	return ""
}

func shardOf(path string) int {
	h := fnv.New32a()
	h.Write([]byte(path))
	return int(h.Sum32() % shardCount)
}

func (c *Cache) shardPath(i int) string {
	return filepath.Join(c.dir, fmt.Sprintf("%s%02d.cache", c.prefix, i))
}

// shard loads shard i on first use.
func (c *Cache) shard(i int) *shard {
	s := &c.shards[i]
	s.once.Do(func() {
		s.entries = map[string]*entry{}
		data, err := os.ReadFile(c.shardPath(i))
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				s.dirty = true
			}
			return
		}
		s.loaded = true
		payload, ok := cachefile.Open(data, fileKind, formatVersion, c.root)
		if !ok || !s.read(payload) {
			// Another binary, another layout, damage: start over.
			s.entries = map[string]*entry{}
			s.dirty = true
		}
	})
	return s
}

// read indexes a shard's payload: the index (paths, stat data, hashes,
// lengths, summaries), then the blobs, then the texts, so that a load that
// wants only summaries or records touches no text. It reports false when
// the payload does not hold together.
func (s *shard) read(data []byte) bool {
	d := &decoder{b: data}
	n := d.count()
	type pending struct {
		e                *entry
		blobLen, textLen int
	}
	list := make([]pending, 0, n)
	for i := 0; i < n && d.err == nil; i++ {
		e := &entry{path: d.str()}
		e.stat = Stat{Size: int64(d.uint()), Mtime: int64(d.uint()), Ctime: int64(d.uint()), Ino: d.uint(), Dev: d.uint(), Mode: uint32(d.uint())}
		if len(d.b) < sha256.Size {
			d.fail()
			break
		}
		copy(e.sum[:], d.b)
		d.b = d.b[sha256.Size:]
		e.racy = d.bool()
		p := pending{e: e, blobLen: int(d.uint()), textLen: int(d.uint())}
		n := d.uint()
		if n > uint64(len(d.b)) {
			d.fail()
			break
		}
		e.sumy = d.b[:n:n]
		d.b = d.b[n:]
		list = append(list, p)
	}
	if d.err != nil {
		return false
	}
	// The blobs, then the texts: reading records touches no page of text.
	for _, p := range list {
		if p.blobLen < 0 || p.blobLen > len(d.b) {
			return false
		}
		p.e.blob = d.b[:p.blobLen:p.blobLen]
		d.b = d.b[p.blobLen:]
	}
	for _, p := range list {
		if p.textLen < 0 || p.textLen > len(d.b) {
			return false
		}
		p.e.text = d.b[:p.textLen:p.textLen]
		d.b = d.b[p.textLen:]
		s.entries[p.e.path] = p.e
	}
	return len(d.b) == 0
}

// Worker is one goroutine's handle on the cache: it keeps the memo that
// decoding shares across entries. Workers of one Cache may run in parallel.
type Worker struct {
	c    *Cache
	memo *memo
}

// Worker returns a new handle for one goroutine.
func (c *Cache) Worker() *Worker { return &Worker{c: c, memo: newMemo()} }

// Get returns the cached parse of the file at path when st shows it
// unchanged. content supplies the file's bytes; Get calls it only for a racy
// entry, whose content it must compare, and the caller may reuse them.
func (w *Worker) Get(path string, st Stat, content func() []byte) (*record.Record, []record.Finding, bool) {
	e := w.lookup(path, st, content)
	if e == nil {
		return nil, nil, false
	}
	rec, findings, err := decodeEntry(e.blob, e.text, w.memo)
	if err != nil {
		return nil, nil, false
	}
	return rec, findings, true
}

// Summary returns the summary of the cached parse of the file at path when
// st shows it unchanged, as Get would, without decoding the record: a
// caller that needs only some records reads the rest's summaries alone. The
// entry counts as looked up, so Save keeps it.
func (w *Worker) Summary(path string, st Stat, content func() []byte) (Summary, bool) {
	e := w.lookup(path, st, content)
	if e == nil {
		return Summary{}, false
	}
	return decodeSummary(e.sumy)
}

// lookup returns the entry of a file whose stat shows it unchanged (and,
// for a racy entry, whose content is the one parsed), or nil.
func (w *Worker) lookup(path string, st Stat, content func() []byte) *entry {
	if w == nil || w.c == nil {
		return nil
	}
	s := w.c.shard(shardOf(path))
	s.mu.Lock()
	e := s.entries[path]
	if e != nil {
		e.used = true
	}
	s.mu.Unlock()
	if e == nil || e.stat != st {
		return nil
	}
	if e.racy || st.Ctime == 0 {
		data := content()
		if data == nil || sha256.Sum256(data) != e.sum {
			return nil
		}
		if !w.c.racy(st) {
			// Verified and now old enough to trust by stat: settle it.
			s.mu.Lock()
			e.racy = false
			s.dirty = true
			s.mu.Unlock()
		}
	}
	return e
}

// racy reports whether a file with this stat could change again without
// its stat data changing, as seen from this run's start.
func (c *Cache) racy(st Stat) bool {
	limit := c.start.Add(-racyWindow).UnixNano()
	return st.Ctime == 0 || st.Mtime >= limit || st.Ctime >= limit
}

// Put records the parse of data, the bytes of the file at path whose stat
// (taken before reading them) is st.
func (w *Worker) Put(path string, st Stat, data []byte, rec *record.Record, findings []record.Finding) {
	if w == nil || w.c == nil {
		return
	}
	e := &entry{path: path, stat: st, sum: sha256.Sum256(data), racy: w.c.racy(st), used: true}
	e.blob = encodeEntry(nil, rec, findings)
	sum := SummaryOf(rec)
	for _, f := range findings {
		sum.Flawed = sum.Flawed || f.Severity == record.SeverityError
	}
	e.sumy = encodeSummary(nil, sum)
	if rec != nil && rec.Text != "" {
		// A view of the string, never written to: copied only into the file.
		e.text = unsafe.Slice(unsafe.StringData(rec.Text), len(rec.Text))
	}
	s := w.c.shard(shardOf(path))
	s.mu.Lock()
	s.entries[path] = e
	s.dirty = true
	s.mu.Unlock()
}

// Save writes the shards that changed: new or re-parsed files, settled racy
// entries, and entries of files that are gone. Entries this run did not look
// up count as gone, so call Save after a load that looked up every record
// file; after a partial one it only drops entries the next run re-parses.
// Errors cost only time on the next run, so Save reports them for tests and
// debugging but callers may ignore them.
func (c *Cache) Save() error {
	if c == nil {
		return nil
	}
	var errs []error
	for i := range c.shards {
		s := &c.shards[i]
		touched := false
		s.once.Do(func() { touched = true })
		if touched {
			// Never looked up: every file it held is gone.
			if err := os.Remove(c.shardPath(i)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
			}
			continue
		}
		for p, e := range s.entries {
			if !e.used {
				delete(s.entries, p)
				s.dirty = true
			}
		}
		if !s.dirty {
			continue
		}
		if err := c.writeShard(i, s); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (c *Cache) writeShard(i int, s *shard) error {
	paths := sortedKeys(s.entries)
	size := 16
	for _, p := range paths {
		size += len(p) + 96 + len(s.entries[p].sumy) + len(s.entries[p].blob) + len(s.entries[p].text)
	}
	e := &encoder{b: make([]byte, 0, size)}
	e.uint(uint64(len(paths)))
	for _, p := range paths {
		x := s.entries[p]
		e.str(p)
		for _, v := range []uint64{uint64(x.stat.Size), uint64(x.stat.Mtime), uint64(x.stat.Ctime), x.stat.Ino, x.stat.Dev, uint64(x.stat.Mode)} {
			e.uint(v)
		}
		e.b = append(e.b, x.sum[:]...)
		e.bool(x.racy)
		e.uint(uint64(len(x.blob)))
		e.uint(uint64(len(x.text)))
		e.str(string(x.sumy))
	}
	for _, p := range paths {
		e.b = append(e.b, s.entries[p].blob...)
	}
	for _, p := range paths {
		e.b = append(e.b, s.entries[p].text...)
	}
	return cachefile.Write(c.shardPath(i), fileKind, formatVersion, c.root, e.b)
}
