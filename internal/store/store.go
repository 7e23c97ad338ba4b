// Package store keeps what igf parsed from record files in one SQLite
// database under .git/igf/, keyed by git blob ID, so that a query reads only
// the rows it needs instead of parsing the repository.
//
// A sync lists the record files and names each by its blob ID — from the git
// index when the file's stat data match its entry (as git status decides a
// file is clean), else by hashing its bytes — then parses, on every core, only
// the blobs the store does not hold, and records the listing as a snapshot.
// Rows are a pure function of a blob's bytes and of the parser, so they cannot
// go stale: a changed file has another blob ID. The store is versioned by its
// format and by the identity of the binary that wrote it, every page carries
// a checksum, and writes are transactions: a store that is damaged, foreign,
// partial or old is discarded and rebuilt, never served. See docs/design.md.
package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/ncruces/go-sqlite3"
	"github.com/ncruces/go-sqlite3/ext/fts5"

	"github.com/igf-records/igf/pkg/source"
)

// FileName is the store's file in its directory.
const FileName = "store.db"

// durable makes commits wait for the disk; tests that build hundreds of
// stores turn it off.
var durable = true

// busyTimeout is how long a run waits for another run's write to finish.
const busyTimeout = time.Minute

// Store is the open store of one records repository. It is not safe for
// concurrent use: one goroutine talks to the database, others may parse.
type Store struct {
	conn *sqlite3.Conn
	path string // the database file; "" for an in-memory store
	root string // the repository top, holding records/
	repo *source.Repo
	// stmts are prepared once per store.
	stmts map[string]*sqlite3.Stmt
}

// ErrDamaged wraps every error that means the store's file cannot be
// trusted: SQLite found it malformed, a page failed its checksum, or it is
// not a database. The caller discards the store and runs again (see With).
var ErrDamaged = errors.New("the store under .git/igf is damaged")

// Open opens (creating it when needed) the store of the repository whose top
// is root. A store written by another format or binary, or one that fails
// its checks, is deleted and created anew. With IGF_CACHE=off, or when no
// directory can hold it, the store lives in memory for this run only.
func Open(root string) (*Store, error) {
	repo, _ := source.OpenRepo(root) // no git: every file is hashed
	return openStore(root, repo)
}

// OpenRepo opens the store of the records in repo, as Open does.
func OpenRepo(repo *source.Repo) (*Store, error) {
	return openStore(filepath.Join(repo.Dirs.Top, filepath.FromSlash(repo.Prefix)), repo)
}

func openStore(root string, repo *source.Repo) (*Store, error) {
	path := ""
	if os.Getenv("IGF_CACHE") != "off" {
		path = Path(root, repo)
	}
	s, err := open(path, root, repo)
	if err == nil || path == "" {
		if err == nil && path != "" {
			removeOldCaches(filepath.Dir(path))
		}
		return s, err
	}
	// Another format, another binary, or damage: start over.
	if err := Discard(path); err != nil {
		return nil, fmt.Errorf("remove the old store %s: %w", path, err)
	}
	rebuilt(path, err)
	if s, err = open(path, root, repo); err != nil {
		// A directory that cannot hold it: work in memory.
		return open("", root, repo)
	}
	return s, nil
}

// Notes, when set, receives the line igf writes when it discards a store it
// cannot use (the root command sets it to stderr).
var Notes io.Writer

// rebuilt says that the store at path was discarded, and why.
func rebuilt(path string, why error) {
	if Notes == nil {
		return
	}
	reason := strings.TrimPrefix(why.Error(), ErrDamaged.Error()+": ")
	fmt.Fprintf(Notes, "note: igf rebuilt its store %s, which it could not use: %s\n", path, reason)
}

// oldCaches are the files earlier versions of igf kept beside the store.
var oldCaches = []string{"history", "history.gob", "summaries"}

// removeOldCaches deletes them: the store holds what they held.
func removeOldCaches(dir string) {
	for _, name := range oldCaches {
		os.Remove(filepath.Join(dir, name))
	}
}

// With runs fn on the repository's store and, when fn meets a damaged store,
// discards it and runs fn once more on a new one. fn must not have written
// anything a second run would repeat (buffer output until fn returns).
func With(root string, fn func(*Store) error) error {
	return with(func() (*Store, error) { return Open(root) }, fn)
}

// WithRepo is With on the store of the records in repo.
func WithRepo(repo *source.Repo, fn func(*Store) error) error {
	return with(func() (*Store, error) { return OpenRepo(repo) }, fn)
}

func with(open func() (*Store, error), fn func(*Store) error) error {
	for try := 0; ; try++ {
		s, err := open()
		if err != nil {
			return err
		}
		err = guard(s, fn)
		path := s.path
		if cerr := guard(s, func(s *Store) error { s.Close(); return nil }); err == nil {
			err = cerr
		}
		if err == nil || !errors.Is(err, ErrDamaged) || try > 0 || path == "" {
			return err
		}
		if derr := Discard(path); derr != nil {
			return fmt.Errorf("%w; and it cannot be removed: %v", ErrDamaged, derr)
		}
		rebuilt(path, err)
	}
}

// ErrOutOfMemory is the error of a store operation that needed more memory
// than SQLite may use on one connection.
var ErrOutOfMemory = errors.New("the store ran out of memory")

// guard runs fn on s, turning the driver's panic when SQLite runs out of
// memory (ncruces/go-sqlite3 panics rather than return SQLITE_NOMEM) into
// ErrOutOfMemory; the connection is closed after, which rolls back what the
// operation had begun. Any other panic is a bug and goes on.
func guard(s *Store, fn func(*Store) error) (err error) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		if e, ok := r.(error); ok && isOOM(e) {
			err = fmt.Errorf("%w: SQLite may use %d MiB on one connection", ErrOutOfMemory, connMemory>>20)
			return
		}
		panic(r)
	}()
	return fn(s)
}

func isOOM(e error) bool { return e.Error() == "sqlite3: out of memory" }

// connMemory is what SQLite may allocate on one connection. Each connection
// reserves its whole limit as address space up front (256 MiB by default):
// 64 MiB keeps igf starting under ulimit -v 1G.
const connMemory = 64 << 20

// Path is where the store of a repository lives: igf/store.db in its git
// directory (a linked worktree's own), or in the user cache directory,
// named by the repository's path, when there is no git repository.
func Path(root string, repo *source.Repo) string {
	if repo != nil {
		if fs, ok := repo.Git.Storer.(*filesystem.Storage); ok {
			return filepath.Join(fs.Filesystem().Root(), "igf", FileName)
		}
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return ""
	}
	uc, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(uc, "igf", hex.EncodeToString(sum[:8]), FileName)
}

// InMemory reports whether the store lives in memory for this run only
// (IGF_CACHE=off, or no directory could hold it).
func (s *Store) InMemory() bool { return s.path == "" }

// Discard removes a store's files.
func Discard(path string) error {
	var first error
	for _, p := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) && first == nil {
			first = err
		}
	}
	return first
}

// open opens or creates the database at path ("" for memory) and checks it.
func open(path, root string, repo *source.Repo) (*Store, error) {
	// With no path, a private database in a temporary file, deleted when
	// the connection closes: it spills to disk like the kept one, where one
	// in memory outgrew the connection's limit (and the driver panics when
	// SQLite runs out of memory) on a large repository.
	name := ""
	fresh := true
	if path != "" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
		st, err := os.Stat(path)
		fresh = err != nil || st.Size() == 0
		name = "file:" + filepath.ToSlash(path)
	}
	conn, err := sqlite3.OpenContext(sqlite3.WithMaxMemory(context.Background(), connMemory), name)
	if err != nil {
		return nil, damaged(err)
	}
	s := &Store{conn: conn, path: path, root: root, repo: repo, stmts: map[string]*sqlite3.Stmt{}}
	if err := s.setUp(fresh); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// setUp creates the schema in a new file, or checks an existing one.
func (s *Store) setUp(fresh bool) error {
	if err := s.conn.BusyTimeout(busyTimeout); err != nil {
		return err
	}
	if err := fts5.Register(s.conn); err != nil {
		return err
	}
	if fresh && s.path != "" {
		// Every page gets an 8-byte checksum, verified on every read: a
		// flipped bit fails the read instead of giving a wrong answer. It
		// must be set before the first table exists.
		if err := s.conn.EnableChecksums("main"); err != nil {
			return damaged(err)
		}
	}
	if s.path != "" {
		// A rollback journal: a run killed half way leaves a journal the
		// next open rolls back. (Write-ahead logging would let readers
		// run beside a writer, but checkpointing a checksummed file
		// crashes in this driver's version.) FULL syncs the journal before
		// the file is written, so a power cut leaves no mix of old and new
		// pages, which checksums would not catch.
		sync := "FULL"
		if !durable {
			sync = "OFF"
		}
		if err := s.exec(`PRAGMA journal_mode = TRUNCATE; PRAGMA synchronous = ` + sync); err != nil {
			return damaged(err)
		}
	}
	if err := s.exec(`PRAGMA foreign_keys = OFF; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32768`); err != nil {
		return damaged(err)
	}
	if !fresh {
		return s.check()
	}
	tx, err := s.conn.BeginImmediate()
	if err != nil {
		return damaged(err)
	}
	defer tx.End(&err)
	var ready int
	ready, err = s.int(`SELECT count(*) FROM sqlite_schema`)
	if err != nil || ready > 0 {
		// Another run created it meanwhile: check what it made.
		if err == nil {
			err = s.check()
		}
		return err
	}
	if err = s.exec(schema); err != nil {
		return err
	}
	err = s.exec(fmt.Sprintf(`PRAGMA user_version = %d; PRAGMA application_id = %d;
		INSERT INTO meta(key, value) VALUES('parser', %s), ('state', 'ready')`,
		formatVersion, applicationID, sqlite3.Quote(Identity())))
	return err
}

// check refuses a store that is not one this binary wrote in full.
func (s *Store) check() error {
	if s.path != "" {
		if r, err := s.conn.FileControl("main", sqlite3.FCNTL_RESERVE_BYTES); err != nil || r != 8 {
			return fmt.Errorf("%w: its pages carry no checksums", ErrDamaged)
		}
	}
	app, err := s.int(`PRAGMA application_id`)
	if err != nil {
		return err
	}
	version, err := s.int(`PRAGMA user_version`)
	if err != nil {
		return err
	}
	if app != applicationID || version != formatVersion {
		return fmt.Errorf("%w: not a store of format %d", ErrDamaged, formatVersion)
	}
	parser, err := s.text(`SELECT value FROM meta WHERE key = 'parser'`)
	if err != nil {
		return err
	}
	state, err := s.text(`SELECT value FROM meta WHERE key = 'state'`)
	if err != nil {
		return err
	}
	if parser != Identity() || state != "ready" {
		return fmt.Errorf("%w: written by another igf binary", ErrDamaged)
	}
	return nil
}

// Close closes the database; the last connection folds the write-ahead log
// back into the file.
func (s *Store) Close() error {
	if s == nil || s.conn == nil {
		return nil
	}
	for _, st := range s.stmts {
		st.Close()
	}
	err := s.conn.Close()
	s.conn = nil
	return err
}

// damaged marks the errors that mean the file cannot be trusted.
func damaged(err error) error {
	if err == nil || errors.Is(err, ErrDamaged) {
		return err
	}
	var code sqlite3.ExtendedErrorCode
	if !errors.As(err, &code) {
		return err
	}
	switch code.Code() {
	case sqlite3.CORRUPT, sqlite3.NOTADB, sqlite3.FORMAT:
		return fmt.Errorf("%w: %v", ErrDamaged, err)
	case sqlite3.IOERR:
		// A page whose checksum does not match reads as IOERR_DATA.
		if code == sqlite3.IOERR_DATA {
			return fmt.Errorf("%w: a page fails its checksum (%v)", ErrDamaged, err)
		}
	case sqlite3.ERROR:
		// A flipped bit in the schema reads as a malformed schema or a
		// missing table; a store this binary made always has both.
		msg := err.Error()
		if strings.Contains(msg, "malformed") || strings.Contains(msg, "no such") || strings.Contains(msg, "corrupt") {
			return fmt.Errorf("%w: %v", ErrDamaged, err)
		}
	}
	return err
}

// corrupt marks a row that does not decode: only a damaged file holds one.
func corrupt(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%w: a row does not decode: %v", ErrDamaged, err)
}

// exec runs statements with no result.
func (s *Store) exec(sql string) error { return damaged(s.conn.Exec(sql)) }

// stmt is a statement prepared once per store, reset for reuse.
func (s *Store) stmt(sql string) (*sqlite3.Stmt, error) {
	if st, ok := s.stmts[sql]; ok {
		st.ClearBindings()
		return st, damaged(st.Reset())
	}
	st, _, err := s.conn.Prepare(sql)
	if err != nil {
		return nil, damaged(err)
	}
	s.stmts[sql] = st
	return st, nil
}

// run executes a prepared statement with arguments (string, int, int64,
// []byte, bool or nil) and no result rows.
func (s *Store) run(sql string, args ...any) error {
	st, err := s.stmt(sql)
	if err != nil {
		return err
	}
	if err := bind(st, args); err != nil {
		return err
	}
	return damaged(st.Exec())
}

// rows steps a prepared statement, calling fn for each row.
func (s *Store) rows(sql string, args []any, fn func(st *sqlite3.Stmt) error) error {
	st, err := s.stmt(sql)
	if err != nil {
		return err
	}
	if err := bind(st, args); err != nil {
		return err
	}
	for st.Step() {
		if err := fn(st); err != nil {
			st.Reset()
			return err
		}
	}
	return damaged(st.Err())
}

func bind(st *sqlite3.Stmt, args []any) error {
	for i, a := range args {
		var err error
		switch v := a.(type) {
		case nil:
			err = st.BindNull(i + 1)
		case string:
			err = st.BindText(i+1, v)
		case int:
			err = st.BindInt64(i+1, int64(v))
		case int64:
			err = st.BindInt64(i+1, v)
		case bool:
			err = st.BindBool(i+1, v)
		case []byte:
			err = st.BindBlob(i+1, v)
		case *int64: // a nullable integer
			if v == nil {
				err = st.BindNull(i + 1)
			} else {
				err = st.BindInt64(i+1, *v)
			}
		default:
			return fmt.Errorf("store: cannot bind %T", a)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) int(sql string, args ...any) (int, error) {
	n := 0
	err := s.rows(sql, args, func(st *sqlite3.Stmt) error { n = st.ColumnInt(0); return nil })
	return n, err
}

func (s *Store) text(sql string, args ...any) (string, error) {
	v := ""
	err := s.rows(sql, args, func(st *sqlite3.Stmt) error { v = st.ColumnText(0); return nil })
	return v, err
}

// itoa formats an int for SQL built from trusted numbers.
func itoa(n int) string { return strconv.Itoa(n) }
