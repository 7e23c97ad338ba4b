package store

import (
	"bytes"
	"encoding/hex"
	"slices"
	"strings"

	"github.com/ncruces/go-sqlite3"

	"github.com/igf-records/igf/pkg/core/validate"
)

// Summaries of staged blobs, for validate --staged: a blob's summary is a
// pure function of its bytes, so like every row here it cannot go stale.
// The IDs each defines and references are indexed, so that checking a
// change looks up the IDs it touches instead of reading every summary.

// Summarised reports whether every blob of the records tree tree has its
// summary here, as MarkSummarised last recorded.
func (s *Store) Summarised(tree [20]byte) (bool, error) {
	v, err := s.text(`SELECT value FROM meta WHERE key = 'summarised'`)
	return err == nil && v != "" && v == hex.EncodeToString(tree[:]), err
}

// SummaryKeys lists the blobs that have a summary.
func (s *Store) SummaryKeys() (map[validate.Key]bool, error) {
	keys := map[validate.Key]bool{}
	err := s.rows(`SELECT oid FROM summaries`, nil, func(st *sqlite3.Stmt) error {
		keys[key20(st.ColumnRawBlob(0))] = true
		return nil
	})
	return keys, err
}

// Summary is a blob's summary, or nil when the store has none.
func (s *Store) Summary(k validate.Key) (*validate.Summary, error) {
	var sum *validate.Summary
	err := s.rows(`SELECT data FROM summaries WHERE oid = ?`, []any{k[:]}, func(st *sqlite3.Stmt) error {
		var err error
		sum, err = validate.DecodeSummary(st.ColumnRawBlob(0))
		return corrupt(err)
	})
	return sum, err
}

// AllSummaries is every summary the store holds.
func (s *Store) AllSummaries() (map[validate.Key]*validate.Summary, error) {
	m := map[validate.Key]*validate.Summary{}
	err := s.rows(`SELECT oid, data FROM summaries`, nil, func(st *sqlite3.Stmt) error {
		sum, err := validate.DecodeSummary(st.ColumnRawBlob(1))
		m[key20(st.ColumnRawBlob(0))] = sum
		return corrupt(err)
	})
	return m, err
}

// SummariesTouching lists the blobs whose records define or reference one of
// ids (lower-cased), and the registry's; with defining, only those that
// define one.
func (s *Store) SummariesTouching(ids map[string]bool, defining bool) ([]validate.Key, error) {
	var out []validate.Key
	add := func(st *sqlite3.Stmt) error { out = append(out, key20(st.ColumnRawBlob(0))); return nil }
	q := `SELECT oid FROM summary_ids WHERE id = ?`
	if defining {
		q += ` AND defines = 1`
	} else if err := s.rows(`SELECT oid FROM summaries WHERE registry = 1 AND parsed = 1`, nil, add); err != nil {
		return nil, err
	}
	for id := range ids {
		if err := s.rows(q, []any{id}, add); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// UnreadSummaries lists the blobs that are not records.
func (s *Store) UnreadSummaries() ([]validate.Key, error) {
	var out []validate.Key
	err := s.rows(`SELECT oid FROM summaries WHERE parsed = 0`, nil, func(st *sqlite3.Stmt) error {
		out = append(out, key20(st.ColumnRawBlob(0)))
		return nil
	})
	return out, err
}

// PutSummaries adds summaries of blobs, and with drop deletes those of the
// blobs it names; done, when not nil, is the records tree whose every blob
// then has its summary (see Summarised). One transaction.
func (s *Store) PutSummaries(put map[validate.Key]*validate.Summary, drop []validate.Key, done *[20]byte) (err error) {
	tx, err := s.conn.BeginImmediate()
	if err != nil {
		return damaged(err)
	}
	defer func() { tx.End(&err); err = damaged(err) }()
	for _, k := range drop {
		if err = s.run(`DELETE FROM summaries WHERE oid = ?`, k[:]); err != nil {
			return err
		}
		if err = s.run(`DELETE FROM summary_ids WHERE oid = ?`, k[:]); err != nil {
			return err
		}
	}
	// Rows go in in key order: a B-tree takes sorted inserts far faster
	// than scattered ones, which is most of a first run's time.
	keys := make([]validate.Key, 0, len(put))
	for k := range put {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b validate.Key) int { return bytes.Compare(a[:], b[:]) })
	type idRow struct {
		id      string
		defines bool
		oid     validate.Key
	}
	var ids []idRow
	for _, k := range keys {
		sum := put[k]
		if err = s.run(`INSERT OR REPLACE INTO summaries(oid, parsed, registry, data) VALUES(?, ?, ?, ?)`,
			k[:], sum.Parsed, sum.Registry, validate.EncodeSummary(sum)); err != nil {
			return err
		}
		if sum.Parsed {
			for id, defines := range summaryIDs(sum) {
				ids = append(ids, idRow{id, defines, k})
			}
		}
	}
	slices.SortFunc(ids, func(a, b idRow) int {
		if c := strings.Compare(a.id, b.id); c != 0 {
			return c
		}
		if a.defines != b.defines {
			if a.defines {
				return 1
			}
			return -1
		}
		return bytes.Compare(a.oid[:], b.oid[:])
	})
	for _, r := range ids {
		if err = s.run(`INSERT OR IGNORE INTO summary_ids(id, defines, oid) VALUES(?, ?, ?)`, r.id, r.defines, r.oid[:]); err != nil {
			return err
		}
	}
	value := ""
	if done != nil {
		value = hex.EncodeToString(done[:])
	} else if len(drop) == 0 {
		// Adding rows leaves a complete tree complete.
		return nil
	}
	return s.run(`INSERT OR REPLACE INTO meta(key, value) VALUES('summarised', ?)`, value)
}

// summaryIDs are the lower-cased IDs a summary defines (true) and those it
// only references (false).
func summaryIDs(sum *validate.Summary) map[string]bool {
	ids := map[string]bool{}
	ref := func(id string) {
		if id = strings.ToLower(id); id != "" {
			if _, ok := ids[id]; !ok {
				ids[id] = false
			}
		}
	}
	for _, r := range sum.Refs {
		ref(r)
	}
	for _, it := range sum.Items {
		for _, d := range it.DependsOn {
			ref(d)
		}
	}
	if sum.ID != "" {
		ids[strings.ToLower(sum.ID)] = true
	}
	for _, it := range sum.Items {
		if it.ID != "" {
			ids[strings.ToLower(it.ID)] = true
		}
	}
	return ids
}

func key20(b []byte) validate.Key {
	var k validate.Key
	copy(k[:], b)
	return k
}
