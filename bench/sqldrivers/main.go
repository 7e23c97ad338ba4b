// Command sqldrivers compares pure-Go SQLite drivers on igf's work: the
// start-up cost of linking one, opening a database and running a first
// query, a bulk insert of a parsed corpus, the owner query of `igf action
// list --owner LF` and a full-text phrase query. It is a module of its own
// so that the driver igf does not use stays out of igf's go.mod.
//
//	go build -tags modernc -o /tmp/sql-modernc .
//	go build -tags ncruces -o /tmp/sql-ncruces .
//	go build -o /tmp/sql-none .              # links no driver: the floor
//	/tmp/sql-ncruces -corpus DIR -db /tmp/n.db insert
//	/tmp/sql-ncruces -db /tmp/n.db query
//	hyperfine -N '/tmp/sql-none init' '/tmp/sql-ncruces init' '/tmp/sql-ncruces -db /tmp/n.db open'
package main

import (
	"crypto/sha1"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"strings"
	"syscall"
	"time"

	"github.com/igf-records/igf/internal/parallel"
	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/source"
)

var (
	corpus    = flag.String("corpus", "", "repository holding records/ (insert)")
	dbPath    = flag.String("db", "", "database file")
	reps      = flag.Int("reps", 7, "repetitions of each query (median reported)")
	phrase    = flag.String("phrase", `"cover letter"`, "FTS5 query")
	checksums = flag.Bool("checksums", true, "page checksums where the driver has them")
)

const schema = `
CREATE TABLE blobs(id INTEGER PRIMARY KEY, oid BLOB NOT NULL UNIQUE);
CREATE TABLE files(path TEXT PRIMARY KEY, blob INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX files_blob ON files(blob);
CREATE TABLE records(blob INTEGER PRIMARY KEY, type TEXT, rid TEXT, title TEXT, body TEXT, date TEXT, data TEXT);
CREATE TABLE items(blob INTEGER, ord INTEGER, iid TEXT, kind TEXT, status TEXT, title TEXT, due TEXT,
  due_start INTEGER, due_end INTEGER, line INTEGER, col INTEGER, data TEXT, PRIMARY KEY(blob, ord)) WITHOUT ROWID;
CREATE TABLE owners(token TEXT, status TEXT, blob INTEGER, ord INTEGER, PRIMARY KEY(token, status, blob, ord)) WITHOUT ROWID;
CREATE TABLE units(id INTEGER PRIMARY KEY, blob INTEGER, line INTEGER, title TEXT, body TEXT);
CREATE VIRTUAL TABLE fts USING fts5(title, body, content='units', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
`

func main() {
	flag.Parse()
	var err error
	switch flag.Arg(0) {
	case "init":
		// Nothing: what linking the driver costs a process that never uses it.
	case "open":
		err = open()
	case "insert":
		err = insert()
	case "query":
		err = query()
	default:
		err = fmt.Errorf("usage: sqldrivers [flags] init|open|insert|query")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "sqldrivers:", err)
		os.Exit(1)
	}
}

func open() error {
	db, err := openDB(*dbPath, false)
	if err != nil {
		return err
	}
	defer db.Close()
	var n int
	return db.QueryRow(`SELECT count(*) FROM owners WHERE token = 'gs' AND status = 'open'`).Scan(&n)
}

type parsed struct {
	path string
	oid  [20]byte
	rec  *record.Record
}

func insert() error {
	paths, _, err := source.ListWorktree(*corpus)
	if err != nil {
		return err
	}
	files := make([]parsed, len(paths))
	t0 := time.Now()
	pl := newLap()
	parallel.For(len(paths), func(i int) {
		data, err := os.ReadFile(filepath.Join(*corpus, paths[i]))
		if err != nil {
			return
		}
		h := sha1.New()
		fmt.Fprintf(h, "blob %d\x00", len(data))
		h.Write(data)
		files[i].path = paths[i]
		copy(files[i].oid[:], h.Sum(nil))
		files[i].rec, _ = parse.File(paths[i], data)
	})
	pl.print(fmt.Sprintf("parse %d files (all cores)", len(files)))
	os.Remove(*dbPath)
	os.Remove(*dbPath + "-wal")
	os.Remove(*dbPath + "-shm")
	t0 = time.Now()
	db, err := openDB(*dbPath, true)
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(schema); err != nil {
		return err
	}
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	prep := func(q string) *sql.Stmt {
		s, err := tx.Prepare(q)
		if err != nil {
			panic(err)
		}
		return s
	}
	insBlob := prep(`INSERT INTO blobs(id, oid) VALUES(?, ?)`)
	insFile := prep(`INSERT INTO files(path, blob) VALUES(?, ?)`)
	insRec := prep(`INSERT INTO records(blob, type, rid, title, body, date, data) VALUES(?,?,?,?,?,?,?)`)
	insItem := prep(`INSERT INTO items(blob, ord, iid, kind, status, title, due, due_start, due_end, line, col, data) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)`)
	insOwner := prep(`INSERT OR IGNORE INTO owners(token, status, blob, ord) VALUES(?,?,?,?)`)
	insUnit := prep(`INSERT INTO units(id, blob, line, title, body) VALUES(?,?,?,?,?)`)
	unit := 0
	// Rows first, then the text units, then the full-text index: each
	// timed apart, in CPU time as well as wall time.
	lap := newLap()
	for i, f := range files {
		id := i + 1
		must(insBlob.Exec(id, f.oid[:]))
		must(insFile.Exec(f.path, id))
		r := f.rec
		if r == nil {
			continue
		}
		must(insRec.Exec(id, r.Type, r.ID, r.Title, r.Body, r.Date.String(), `{"agenda":[]}`))
		for ord, it := range r.Items {
			var ds, de any
			if !it.Due.IsTBD() {
				ds, de = it.Due.Start.Unix()/86400, it.Due.End.Unix()/86400
			}
			must(insItem.Exec(id, ord, it.ID, it.Kind, it.Status, it.Title, it.Due.String(), ds, de, it.Pos.Line, it.Pos.Col, `{"note":""}`))
			for _, o := range it.Owners {
				must(insOwner.Exec(strings.ToLower(strings.TrimSpace(o)), it.Status, id, ord))
			}
		}
	}
	lap.print("rows (blobs, files, records, items, owners)")
	for i, f := range files {
		r := f.rec
		if r == nil {
			continue
		}
		unit++
		must(insUnit.Exec(unit, i+1, r.Pos.Line, r.Title, ""))
		for _, u := range splitUnits(r.Text, r.BodyLine) {
			unit++
			must(insUnit.Exec(unit, i+1, u.line, "", u.text))
		}
	}
	lap.print("text units")
	if _, err := tx.Exec(`INSERT INTO fts(fts) VALUES('rebuild')`); err != nil {
		return err
	}
	lap.print("full-text index")
	if err := tx.Commit(); err != nil {
		return err
	}
	lap.print("commit")
	if _, err := db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return err
	}
	st, _ := os.Stat(*dbPath)
	fmt.Printf("insert (%s): %d files, %d units in %v; database %d MB\n", driverName, len(files), unit, time.Since(t0).Round(time.Millisecond), st.Size()>>20)
	return nil
}

type unitText struct {
	line int
	text string
}

// splitUnits cuts a body into paragraphs, each list item and heading its own.
func splitUnits(text string, first int) []unitText {
	var out []unitText
	lines := strings.SplitAfter(text, "\n")
	start := -1
	for i, l := range lines {
		t := strings.TrimSpace(l)
		newUnit := t == "" || strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") || strings.HasPrefix(t, "#")
		if newUnit && start >= 0 {
			out = append(out, unitText{first + start, strings.Join(lines[start:i], "")})
			start = -1
		}
		if t != "" && start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, unitText{first + start, strings.Join(lines[start:], "")})
	}
	return out
}

func must(_ sql.Result, err error) {
	if err != nil {
		panic(err)
	}
}

func query() error {
	db, err := openDB(*dbPath, false)
	if err != nil {
		return err
	}
	defer db.Close()
	spellings := []any{"lf", "lise fuhr", "lise"}
	owner := `SELECT f.path, i.iid, i.kind, i.status, i.title, i.due, i.line, i.col, i.data, r.rid, r.title
FROM items i JOIN records r ON r.blob = i.blob JOIN files f ON f.blob = i.blob
WHERE (i.blob, i.ord) IN (SELECT blob, ord FROM owners WHERE token IN (?, ?, ?) AND status = 'open')
ORDER BY i.due_start IS NULL, i.due_start, i.due_end, f.path, i.line`
	fts := `SELECT f.path, u.line, snippet(fts, -1, '[', ']', '…', 12), bm25(fts, 5.0, 1.0)
FROM fts JOIN units u ON u.id = fts.rowid JOIN files f ON f.blob = u.blob
WHERE fts MATCH ? ORDER BY rank`
	run := func(name, q string, limit int, args ...any) error {
		if limit > 0 {
			q += fmt.Sprintf(" LIMIT %d", limit)
		}
		var times, cpus []time.Duration
		n := 0
		for r := 0; r < *reps; r++ {
			t0, c0 := time.Now(), cpuTime()
			rows, err := db.Query(q, args...)
			if err != nil {
				return err
			}
			cols, _ := rows.Columns()
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			n = 0
			for rows.Next() {
				if err := rows.Scan(ptrs...); err != nil {
					return err
				}
				n++
			}
			if err := rows.Err(); err != nil {
				return err
			}
			rows.Close()
			times = append(times, time.Since(t0))
			cpus = append(cpus, cpuTime()-c0)
		}
		slices.Sort(times)
		slices.Sort(cpus)
		fmt.Printf("%-28s %-30s %6d rows  wall median %8v  cpu median %8v min %8v\n", name, driverName, n,
			times[len(times)/2].Round(100*time.Microsecond), cpus[len(cpus)/2].Round(100*time.Microsecond), cpus[0].Round(100*time.Microsecond))
		return nil
	}
	if err := run("owner LF open", owner, 0, spellings...); err != nil {
		return err
	}
	if err := queryDirect(owner, "lf", "lise fuhr", "lise"); err != nil {
		return err
	}
	if err := run("fts "+*phrase+" top 20", fts, 20, *phrase); err != nil {
		return err
	}
	if err := run("fts "+*phrase+" all", fts, 0, *phrase); err != nil {
		return err
	}
	return run("fts prefix lett* top 20", fts, 20, "lett*")
}

// lap times steps in wall and CPU time (user + system of the process).
type lap struct {
	wall time.Time
	cpu  time.Duration
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func newLap() *lap { return &lap{time.Now(), cpuTime()} }

func (l *lap) print(what string) {
	w, c := time.Now(), cpuTime()
	fmt.Printf("  %-45s wall %8v  cpu %8v\n", what, w.Sub(l.wall).Round(time.Millisecond), (c - l.cpu).Round(time.Millisecond))
	l.wall, l.cpu = w, c
}
