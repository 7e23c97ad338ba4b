package store

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/ncruces/go-sqlite3"

	"github.com/igf-records/igf/internal/parallel"
	"github.com/igf-records/igf/pkg/core/query"
	"github.com/igf-records/igf/pkg/core/record"
)

// Registry is a Set of the snapshot's registry records alone: enough to
// resolve names, owners and bodies.
func (s *Store) Registry(snap *Snapshot) (*record.Set, error) {
	var regs []*record.Record
	// CROSS JOIN keeps the planner from walking every file of the
	// snapshot to find the one or two registry records.
	err := s.rows(`SELECT f.path, r.data, r.text FROM records r CROSS JOIN files f ON f.blob = r.blob
		WHERE r.registry = 1 AND f.snapshot = ? ORDER BY f.path`, []any{snap.ID}, func(st *sqlite3.Stmt) error {
		r, err := decodeRecord(st.ColumnText(0), st.ColumnText(1), st.ColumnText(2))
		if err != nil {
			return corrupt(err)
		}
		regs = append(regs, r)
		return nil
	})
	return record.NewSet(regs), err
}

// Items streams to fn, in query.Actions.Run's order, the items of the
// snapshot that q selects, q judged against the registry reg (see
// Registry). SQL picks the candidates through the indexes — every spelling
// an owner or body can be matched by, the status, kind, due window and
// record — and each candidate then passes q's own test, so the answer is
// Run's exactly. Each item's Record holds only its path, ID, title, body
// and tags.
func (s *Store) Items(snap *Snapshot, q query.Actions, reg *record.Set, fn func(*record.Item) error) error {
	var where []string
	var args []any
	from := `items i`
	if spellings, ok := q.OwnerSpellings(reg); ok {
		spellings[unsure] = true
		from = `(SELECT DISTINCT blob, ord FROM owners WHERE token IN (` + placeholders(len(spellings)) + `)` +
			statusFilter(q, "status") + `) o JOIN items i ON i.blob = o.blob AND i.ord = o.ord`
		args = append(args, sortedKeys(spellings)...)
	}
	args = append(args, snap.ID)
	if len(q.Kinds) > 0 {
		where = append(where, `i.kind IN (`+placeholders(len(q.Kinds))+`)`)
		for _, k := range q.Kinds {
			args = append(args, k)
		}
	} else {
		where = append(where, `i.kind != '`+record.KindDecision+`'`)
	}
	if f := statusFilter(q, "i.status"); f != "" {
		where = append(where, strings.TrimPrefix(f, " AND "))
	}
	if !q.DueBefore.IsTBD() {
		where = append(where, `i.due_start < ?`)
		args = append(args, *day(q.DueBefore, false))
	}
	if !q.DueAfter.IsTBD() {
		where = append(where, `i.due_start > ?`)
		args = append(args, *day(q.DueAfter, true))
	}
	if q.Overdue && !q.Today.IsTBD() {
		where = append(where, `i.due_end < ?`)
		args = append(args, *day(q.Today, false))
	}
	if len(q.Bodies) > 0 {
		if spellings, ok := (query.Actions{Owners: q.Bodies}).OwnerSpellings(reg); ok {
			spellings[unsure] = true
			where = append(where, `r.body_key IN (`+placeholders(len(spellings))+`)`)
			args = append(args, sortedKeys(spellings)...)
		}
	}
	if len(q.Records) > 0 && ascii(q.Records...) {
		where = append(where, `r.rid_key IN (`+placeholders(len(q.Records)+1)+`)`)
		args = append(args, unsure)
		for _, id := range q.Records {
			args = append(args, strings.ToLower(strings.TrimSpace(id)))
		}
	}
	if len(q.Tags) > 0 && ascii(q.Tags...) {
		// records.tags is the JSON list of the record's tags. SQLite's lower()
		// folds only ASCII, so a tag written outside ASCII stays a candidate
		// for the matcher's full case folding (as the Kelvin sign folds to k).
		where = append(where, `EXISTS (SELECT 1 FROM json_each(r.tags) t WHERE lower(trim(t.value)) IN (`+
			placeholders(len(q.Tags))+`) OR t.value GLOB '*[^ -~]*')`)
		for _, tag := range q.Tags {
			args = append(args, strings.ToLower(strings.TrimSpace(tag)))
		}
	}
	sql := `SELECT f.path, r.rid, r.title, r.body, i.data, r.tags FROM ` + from + `
		JOIN files f ON f.blob = i.blob AND f.snapshot = ?
		JOIN records r ON r.blob = i.blob
		WHERE ` + strings.Join(where, " AND ") + `
		ORDER BY i.due_start IS NULL, i.due_start, i.due_end, f.path, i.line, i.ord`
	match := q.Matcher(reg)
	var rec *record.Record
	return s.rows(sql, args, func(st *sqlite3.Stmt) error {
		p := st.ColumnText(0)
		if rec == nil || rec.Path != p {
			rec = &record.Record{Path: p, ID: st.ColumnText(1), Title: st.ColumnText(2), Body: st.ColumnText(3)}
			if tags := st.ColumnRawText(5); string(tags) != "null" && string(tags) != "[]" {
				if err := json.Unmarshal(tags, &rec.Tags); err != nil {
					return corrupt(err)
				}
			}
		}
		it, err := decodeItem(st.ColumnText(4), rec)
		if err != nil {
			return corrupt(err)
		}
		if !match(it) {
			return nil
		}
		return fn(it)
	})
}

// statusFilter is the SQL condition on column for q's status, "" for all.
func statusFilter(q query.Actions, column string) string {
	switch q.Status {
	case "", query.StatusOpen:
		return ` AND ` + column + ` = '` + record.StatusOpen + `'`
	case query.StatusDone:
		return ` AND ` + column + ` = '` + record.StatusDone + `'`
	}
	if q.Overdue {
		return ` AND ` + column + ` = '` + record.StatusOpen + `'`
	}
	return ""
}

// Records streams every record of the snapshot, in path order, with its
// items, to fn.
func (s *Store) Records(snap *Snapshot, fn func(*record.Record) error) error {
	// The rows are read first, on this goroutine (a connection is not
	// shared), and decoded on every core: decoding was most of a large
	// repository's load, on one core while the other waited.
	type raw struct {
		path, data, text string
		items            []string
	}
	var rows []raw
	// Items come from a second statement walked alongside, in the same
	// order: one pass over each table.
	items, _, err := s.conn.Prepare(`SELECT f.path, i.data FROM items i JOIN files f ON f.blob = i.blob
		WHERE f.snapshot = ? ORDER BY f.path, i.ord`)
	if err != nil {
		return damaged(err)
	}
	defer items.Close()
	if err := items.BindInt64(1, snap.ID); err != nil {
		return err
	}
	more := items.Step()
	err = s.rows(`SELECT f.path, r.data, r.text FROM records r JOIN files f ON f.blob = r.blob
		WHERE f.snapshot = ? ORDER BY f.path`, []any{snap.ID}, func(st *sqlite3.Stmt) error {
		r := raw{path: st.ColumnText(0), data: st.ColumnText(1), text: st.ColumnText(2)}
		for more && items.ColumnText(0) == r.path {
			r.items = append(r.items, items.ColumnText(1))
			more = items.Step()
		}
		rows = append(rows, r)
		return nil
	})
	if err != nil {
		return err
	}
	if err := damaged(items.Err()); err != nil {
		return err
	}
	recs := make([]*record.Record, len(rows))
	errs := make([]error, len(rows))
	parallel.For(len(rows), func(i int) {
		r, err := decodeRecord(rows[i].path, rows[i].data, rows[i].text)
		if err != nil {
			errs[i] = err
			return
		}
		if len(rows[i].items) > 0 {
			r.Items = make([]*record.Item, 0, len(rows[i].items))
		}
		for _, data := range rows[i].items {
			it, err := decodeItem(data, r)
			if err != nil {
				errs[i] = err
				return
			}
			r.Items = append(r.Items, it)
		}
		recs[i] = r
		rows[i] = raw{} // its text is the record's now; the rest can go
	})
	// In path order, as the rows were: the records before the first that
	// does not decode, and that one's error.
	for i, r := range recs {
		if errs[i] != nil {
			return corrupt(errs[i])
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// Set is the snapshot's records indexed, as a full parse of the same files
// would give them.
func (s *Store) Set(snap *Snapshot) (*record.Set, error) {
	var recs []*record.Record
	err := s.Records(snap, func(r *record.Record) error { recs = append(recs, r); return nil })
	return record.NewSet(recs), err
}

// Findings lists what parsing found in the snapshot's files, and the files
// that could not be read, in path order, as a full parse reports them.
func (s *Store) Findings(snap *Snapshot) ([]record.Finding, error) {
	out := append([]record.Finding(nil), snap.Findings...)
	err := s.rows(`SELECT f.path, x.data FROM findings x JOIN files f ON f.blob = x.blob
		WHERE f.snapshot = ? ORDER BY f.path, x.ord`, []any{snap.ID}, func(st *sqlite3.Stmt) error {
		f, err := decodeFinding(st.ColumnText(0), st.ColumnText(1))
		if err != nil {
			return corrupt(err)
		}
		out = append(out, f)
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, err
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

func sortedKeys(m map[string]bool) []any {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]any, len(keys))
	for i, k := range keys {
		out[i] = k
	}
	return out
}

func ascii(ss ...string) bool {
	for _, s := range ss {
		for i := 0; i < len(s); i++ {
			if s[i] >= 0x80 {
				return false
			}
		}
	}
	return true
}

// Omissions gives what record.Omissions needs to name the files of the
// snapshot that could not be read in full: every finding of a file that
// has one, and which of those files parsed as a record (and which of them
// are registries, for a command that must refuse to resolve names without
// one).
func (s *Store) Omissions(snap *Snapshot) (findings []record.Finding, read map[string]bool, registries map[string]bool, err error) {
	findings = append(findings, snap.Findings...)
	read, registries = map[string]bool{}, map[string]bool{}
	err = s.rows(`SELECT f.path, b.record, coalesce(r.registry, 0), x.data FROM findings x JOIN files f ON f.blob = x.blob
		JOIN blobs b ON b.id = x.blob LEFT JOIN records r ON r.blob = x.blob
		WHERE f.snapshot = ? ORDER BY f.path, x.ord`, []any{snap.ID}, func(st *sqlite3.Stmt) error {
		f, err := decodeFinding(st.ColumnText(0), st.ColumnText(3))
		if err != nil {
			return corrupt(err)
		}
		read[f.Path] = st.ColumnBool(1)
		registries[f.Path] = st.ColumnBool(2)
		findings = append(findings, f)
		return nil
	})
	return findings, read, registries, err
}
