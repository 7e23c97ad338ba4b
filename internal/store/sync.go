package store

import (
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/ncruces/go-sqlite3"

	"github.com/igf-records/igf/internal/parallel"
	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/source"
)

// WorktreeSnapshot names the working tree's snapshot.
const WorktreeSnapshot = "worktree"

// Snapshot is one listing of the record files as the store holds it.
type Snapshot struct {
	ID    int64
	Files int // record files listed, read or not
	// Findings name the files that could not be listed or read at all (they
	// have no blob ID); what parsing found is in the store.
	Findings []record.Finding
	// What this sync did: files hashed because the index could not vouch
	// for them, and blobs parsed because the store did not hold them.
	Hashed, Parsed int
	// Skipped is what the listing of the working tree left out, and why.
	Skipped source.Skipped
}

// listed is one record file of a sync.
type listed struct {
	path string // slash path from the repository top
	oid  plumbing.Hash
	err  error // the file could not be read
}

// SyncWorktree brings the worktree snapshot up to date with the record files
// on disk and returns it. Nothing is written when no file changed.
func (s *Store) SyncWorktree() (*Snapshot, error) {
	listing, err := source.List(s.root)
	if err != nil {
		return nil, err
	}
	paths, findings := listing.Paths, listing.Findings
	dirs := map[string]bool{}
	for _, p := range paths {
		for d := path.Dir(p); d != "." && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	recordDirs := make([]string, 0, len(dirs))
	for d := range dirs {
		recordDirs = append(recordDirs, d)
	}
	sort.Strings(recordDirs)
	ci := readIndex(s.repo, recordDirs)
	prefix := ""
	if s.repo != nil {
		prefix = s.repo.Prefix
	}
	files := make([]listed, len(paths))
	hashed := make([]bool, len(paths))
	parallel.For(len(paths), func(i int) {
		f := &files[i]
		f.path = paths[i]
		abs := filepath.Join(s.root, filepath.FromSlash(f.path))
		if fi, err := os.Lstat(abs); err == nil {
			if oid, ok := ci.blobID(f.path, fi, prefix); ok {
				f.oid = oid
				return
			}
		}
		hashed[i] = true
		_, f.oid, f.err = readBlob(abs)
	})
	snap := &Snapshot{Files: len(paths), Findings: findings, Skipped: listing.Skipped}
	for i := range files {
		if hashed[i] {
			snap.Hashed++
		}
		if files[i].err != nil {
			snap.Findings = append(snap.Findings, unreadable(files[i].path, files[i].err))
		}
	}
	digest := digestOf(files)
	id, old, err := s.snapshot(WorktreeSnapshot)
	if err != nil {
		return nil, err
	}
	if id != 0 && bytes.Equal(old, digest) {
		snap.ID = id
		return snap, nil
	}
	return snap, s.write(WorktreeSnapshot, snap, files, func(f *listed) ([]byte, error) {
		data, oid, err := readBlob(filepath.Join(s.root, filepath.FromSlash(f.path)))
		if err == nil {
			f.oid = oid // what was parsed is what the row is for
		}
		return data, err
	})
}

// readBlob reads a file and names its bytes by their git blob ID.
func readBlob(file string) ([]byte, plumbing.Hash, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, plumbing.ZeroHash, err
	}
	return data, blobHash(data), nil
}

// blobHash is git's object ID of a blob with these bytes.
func blobHash(data []byte) plumbing.Hash {
	h := sha1.New()
	h.Write([]byte("blob " + strconv.Itoa(len(data)) + "\x00"))
	h.Write(data)
	var oid plumbing.Hash
	copy(oid[:], h.Sum(nil))
	return oid
}

func unreadable(p string, err error) record.Finding {
	msg := err.Error()
	if pe, ok := err.(*os.PathError); ok {
		msg = pe.Err.Error()
	}
	return record.At(p, record.Pos{}, "unreadable", "cannot read the file: "+msg, "check the file's permissions, then run igf validate")
}

// digestOf sums a listing's (path, blob ID) pairs; unreadable files count
// by path alone, so they are looked at again next time.
func digestOf(files []listed) []byte {
	h := sha256.New()
	for _, f := range files {
		h.Write([]byte(f.path))
		h.Write([]byte{0})
		if f.err == nil {
			h.Write(f.oid[:])
		}
	}
	return h.Sum(nil)
}

// snapshot is a snapshot's id and digest, or 0 when there is none.
func (s *Store) snapshot(name string) (id int64, digest []byte, err error) {
	err = s.rows(`SELECT id, digest FROM snapshots WHERE name = ?`, []any{name}, func(st *sqlite3.Stmt) error {
		id, digest = st.ColumnInt64(0), st.ColumnBlob(1, nil)
		return nil
	})
	return id, digest, err
}

// parsed is one blob on its way from the parser to the database.
type parsed struct {
	file  *listed
	rec   *record.Record
	finds []record.Finding
	err   error
}

// write records a listing as the named snapshot in one transaction: blobs
// the store lacks are read (through read, which may correct the blob ID to
// that of the bytes it read) and parsed on every core while this goroutine
// inserts their rows; then the snapshot's files are replaced and blobs no
// snapshot holds any more are deleted. A run killed half way leaves the
// store as it was.
func (s *Store) write(name string, snap *Snapshot, files []listed, read func(*listed) ([]byte, error)) (err error) {
	tx, err := s.conn.BeginImmediate()
	if err != nil {
		return damaged(err)
	}
	defer func() { tx.End(&err); err = damaged(err) }()
	if err = s.run(`INSERT INTO snapshots(name, digest) VALUES(?, x'') ON CONFLICT(name) DO NOTHING`, name); err != nil {
		return err
	}
	if snap.ID, _, err = s.snapshot(name); err != nil {
		return err
	}
	// What the store already holds, by blob ID: one pass over blobs is
	// cheaper than a lookup per file when most files are known.
	known := map[plumbing.Hash]int64{}
	err = s.rows(`SELECT oid, id FROM blobs`, nil, func(st *sqlite3.Stmt) error {
		var oid plumbing.Hash
		copy(oid[:], st.ColumnRawBlob(0))
		known[oid] = st.ColumnInt64(1)
		return nil
	})
	if err != nil {
		return err
	}
	// Parse what is missing. A read may find a file changed since it was
	// listed, so its blob ID changes; a file sharing the old ID with it is
	// then parsed in a second round.
	for round := 0; ; round++ {
		var missing []*listed
		wanted := map[plumbing.Hash]bool{}
		for i := range files {
			f := &files[i]
			if f.err == nil && known[f.oid] == 0 && !wanted[f.oid] {
				wanted[f.oid] = true
				missing = append(missing, f)
			}
		}
		if len(missing) == 0 {
			break
		}
		if round == 3 {
			return fmt.Errorf("store: %s keeps changing while it is read", missing[0].path)
		}
		if err = s.parseInto(missing, known, snap, read); err != nil {
			return err
		}
	}
	// Replace what changed in the snapshot's listing.
	old := map[string]int64{}
	err = s.rows(`SELECT path, blob FROM files WHERE snapshot = ?`, []any{snap.ID}, func(st *sqlite3.Stmt) error {
		old[st.ColumnText(0)] = st.ColumnInt64(1)
		return nil
	})
	if err != nil {
		return err
	}
	for _, f := range files {
		if f.err != nil {
			continue
		}
		id := known[f.oid]
		if blob, ok := old[f.path]; ok {
			delete(old, f.path)
			if blob == id {
				continue
			}
		}
		if err = s.run(`INSERT OR REPLACE INTO files(snapshot, path, blob) VALUES(?, ?, ?)`, snap.ID, f.path, id); err != nil {
			return err
		}
	}
	for p := range old {
		if err = s.run(`DELETE FROM files WHERE snapshot = ? AND path = ?`, snap.ID, p); err != nil {
			return err
		}
	}
	if err = s.run(`UPDATE snapshots SET digest = ? WHERE id = ?`, digestOf(files), snap.ID); err != nil {
		return err
	}
	return s.collect()
}

// parseInto reads and parses files on every core while this goroutine
// inserts their rows, noting each new blob's id in known.
func (s *Store) parseInto(files []*listed, known map[plumbing.Hash]int64, snap *Snapshot, read func(*listed) ([]byte, error)) error {
	out := make(chan parsed, 64)
	go func() {
		parallel.For(len(files), func(i int) {
			f := files[i]
			data, err := read(f)
			if err != nil {
				out <- parsed{file: f, err: err}
				return
			}
			rec, finds := parse.File(f.path, data)
			out <- parsed{file: f, rec: rec, finds: finds}
		})
		close(out)
	}()
	var failed error
	for p := range out {
		if failed != nil {
			continue // drain the parsers
		}
		if p.err != nil {
			p.file.err = p.err
			snap.Findings = append(snap.Findings, unreadable(p.file.path, p.err))
			continue
		}
		snap.Parsed++
		if known[p.file.oid] != 0 {
			continue // the file changed into a blob the store holds
		}
		id, err := s.insertBlob(p.file.oid, p.rec, p.finds)
		if err != nil {
			failed = err
			continue
		}
		known[p.file.oid] = id
	}
	return failed
}

// insertBlob stores the rows of one parsed blob and returns its id.
func (s *Store) insertBlob(oid plumbing.Hash, rec *record.Record, finds []record.Finding) (int64, error) {
	if err := s.run(`INSERT INTO blobs(oid, record) VALUES(?, ?)`, oid[:], rec != nil); err != nil {
		return 0, err
	}
	id := s.conn.LastInsertRowID()
	for i, f := range finds {
		data, err := encodeFinding(f)
		if err != nil {
			return 0, err
		}
		if err := s.run(`INSERT INTO findings(blob, ord, data) VALUES(?, ?, ?)`, id, i, data); err != nil {
			return 0, err
		}
	}
	if rec == nil {
		return id, nil
	}
	data, err := encodeRecord(rec)
	if err != nil {
		return 0, err
	}
	start, end := span(rec)
	tagList, err := json.Marshal(rec.Tags)
	if err != nil {
		return 0, err
	}
	err = s.run(`INSERT INTO records(blob, type, rid, rid_key, title, body, body_key, span_start, span_end, registry,
		title_line, body_line, tags, data, text) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, rec.Type, rec.ID, key(rec.ID), rec.Title, rec.Body, key(rec.Body), start, end, rec.Registry != nil,
		rec.FieldAt("/title").Line, rec.BodyLine, string(tagList), data, rec.Text)
	if err != nil {
		return 0, err
	}
	tags := map[string]bool{}
	for _, t := range rec.Tags {
		if k := key(t); k != "" && !tags[k] {
			tags[k] = true
			if err := s.run(`INSERT INTO tags(tag, blob) VALUES(?, ?)`, k, id); err != nil {
				return 0, err
			}
		}
	}
	for ord, it := range rec.Items {
		data, err := encodeItem(it)
		if err != nil {
			return 0, err
		}
		err = s.run(`INSERT INTO items(blob, ord, iid, kind, status, due_start, due_end, line, data) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, ord, it.ID, it.Kind, it.Status, day(it.Due, false), day(it.Due, true), it.Pos.Line, data)
		if err != nil {
			return 0, err
		}
		seen := map[string]bool{}
		for _, o := range it.Owners {
			if k := key(o); !seen[k] {
				seen[k] = true
				if err := s.run(`INSERT INTO owners(token, status, blob, ord) VALUES(?, ?, ?, ?)`, k, it.Status, id, ord); err != nil {
					return 0, err
				}
			}
		}
	}
	return id, nil
}

// collect drops the commit snapshots beyond the newest keptCommits, then
// deletes the rows of blobs that no snapshot lists.
func (s *Store) collect() error {
	err := s.exec(`CREATE TEMP TABLE IF NOT EXISTS gone(id INTEGER PRIMARY KEY); DELETE FROM gone;
		INSERT INTO gone SELECT id FROM snapshots WHERE name LIKE 'commit:%' ORDER BY id DESC LIMIT -1 OFFSET ` + itoa(keptCommits) + `;
		DELETE FROM files WHERE snapshot IN (SELECT id FROM gone);
		DELETE FROM snapshots WHERE id IN (SELECT id FROM gone);
		DELETE FROM gone;
		INSERT INTO gone SELECT id FROM blobs WHERE id NOT IN (SELECT blob FROM files)`)
	if err != nil {
		return err
	}
	n, err := s.int(`SELECT count(*) FROM gone`)
	if err != nil || n == 0 {
		return err
	}
	// The full-text index is told what it indexed before the text goes.
	var b strings.Builder
	b.WriteString(`INSERT INTO fts(fts, rowid, title, body)
		SELECT 'delete', t.id, t.title, t.body FROM unit_text t JOIN blobs b ON b.id = t.blob
		WHERE b.text = 1 AND t.blob IN (SELECT id FROM gone);`)
	for _, table := range []string{"units", "owners", "items", "tags", "findings", "records"} {
		fmt.Fprintf(&b, "DELETE FROM %s WHERE blob IN (SELECT id FROM gone);", table)
	}
	b.WriteString(`DELETE FROM blobs WHERE id IN (SELECT id FROM gone); DELETE FROM gone;`)
	return s.exec(b.String())
}
