package store

import (
	"errors"
	"slices"

	"github.com/ncruces/go-sqlite3"
)

var errParts = errors.New("a history row's parts are not whole")

// historyPart bounds the bytes of one value: a connection has 64 MiB, and
// a first commit of 50,000 records encodes to tens of them.
const historyPart = 1 << 20

// ReadHistory calls each with every commit of the first-parent line kept for
// scope, oldest first; found is false when the store keeps no line for
// scope (pkg/history.Cache).
func (s *Store) ReadHistory(scope string, each func(seq int, commit [20]byte, data []byte)) (found bool, err error) {
	n, err := s.int(`SELECT count(*) FROM history_state WHERE scope = ?`, scope)
	if err != nil || n == 0 {
		return false, err
	}
	seq, parts := -1, 0
	var oid [20]byte
	var data []byte
	flush := func() {
		if seq >= 0 {
			each(seq, oid, data)
		}
	}
	err = s.rows(`SELECT seq, part, oid, data FROM history_line ORDER BY seq, part`, nil, func(st *sqlite3.Stmt) error {
		next, part := st.ColumnInt(0), st.ColumnInt(1)
		if next != seq {
			flush()
			seq, parts, data = next, 0, nil
			if copy(oid[:], st.ColumnRawBlob(2)) != len(oid) {
				return corrupt(errParts)
			}
		}
		if part != parts {
			return corrupt(errParts)
		}
		parts++
		data = append(data, st.ColumnRawBlob(3)...)
		return nil
	})
	if err != nil {
		return false, err
	}
	flush()
	return true, nil
}

// ReadHistoryState is the state kept with the line for scope: the records
// tree, and each record file's data by path.
func (s *Store) ReadHistoryState(scope string, each func(path string, data []byte)) (tree [20]byte, err error) {
	found := false
	err = s.rows(`SELECT tree FROM history_state WHERE scope = ?`, []any{scope}, func(st *sqlite3.Stmt) error {
		found = copy(tree[:], st.ColumnRawBlob(0)) == len(tree)
		return nil
	})
	if err == nil && !found {
		err = corrupt(errParts)
	}
	if err != nil {
		return tree, err
	}
	path, parts := "", 0
	var data []byte
	flush := func() {
		if parts > 0 {
			each(path, data)
		}
	}
	err = s.rows(`SELECT path, part, data FROM history_files ORDER BY path, part`, nil, func(st *sqlite3.Stmt) error {
		next, part := st.ColumnText(0), st.ColumnInt(1)
		if next != path || parts == 0 {
			flush()
			path, parts, data = next, 0, nil
		}
		if part != parts {
			return corrupt(errParts)
		}
		parts++
		data = append(data, st.ColumnRawBlob(2)...)
		return nil
	})
	if err == nil {
		flush()
	}
	return tree, err
}

// WriteHistory keeps the line for scope: the rows from seq from on are
// replaced by commits (with their data); the state's tree by tree, and its
// files as files says (a nil value deletes one; with all, every other file
// goes), in one transaction. A line kept for another scope is dropped whole.
func (s *Store) WriteHistory(scope string, from int, commits [][20]byte, data [][]byte, tree [20]byte, files map[string][]byte, all bool) (err error) {
	tx, err := s.conn.BeginImmediate()
	if err != nil {
		return damaged(err)
	}
	defer func() { tx.End(&err); err = damaged(err) }()
	kept, err := s.int(`SELECT count(*) FROM history_state WHERE scope = ?`, scope)
	if err != nil {
		return err
	}
	if kept == 0 {
		from, all = 0, true
	}
	if err = s.run(`DELETE FROM history_line WHERE seq >= ?`, from); err != nil {
		return err
	}
	for i, c := range commits {
		for p, d := range cut(data[i]) {
			var v any
			if len(d) > 0 {
				v = d
			}
			if err = s.run(`INSERT INTO history_line(seq, part, oid, data) VALUES(?, ?, ?, ?)`, from+i, p, c[:], v); err != nil {
				return err
			}
		}
	}
	if err = s.run(`DELETE FROM history_state`); err != nil {
		return err
	}
	if err = s.run(`INSERT INTO history_state(scope, tree) VALUES(?, ?)`, scope, tree[:]); err != nil {
		return err
	}
	if all {
		if err = s.run(`DELETE FROM history_files`); err != nil {
			return err
		}
	}
	// In path order: a B-tree takes sorted inserts far faster.
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		if !all {
			if err = s.run(`DELETE FROM history_files WHERE path = ?`, p); err != nil {
				return err
			}
		}
		if files[p] == nil {
			continue
		}
		for part, d := range cut(files[p]) {
			if err = s.run(`INSERT INTO history_files(path, part, data) VALUES(?, ?, ?)`, p, part, d); err != nil {
				return err
			}
		}
	}
	return nil
}

// cut splits data into parts of at most historyPart bytes; nil data is one
// empty part.
func cut(data []byte) [][]byte {
	if len(data) == 0 {
		return [][]byte{nil}
	}
	var parts [][]byte
	for len(data) > 0 {
		n := min(len(data), historyPart)
		parts = append(parts, data[:n])
		data = data[n:]
	}
	return parts
}
