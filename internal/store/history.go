package store

import (
	"errors"

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
	n, err := s.int(`SELECT count(*) FROM history_state WHERE scope = ? AND part = 0`, scope)
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

// ReadHistoryState is the state kept with the line for scope.
func (s *Store) ReadHistoryState(scope string) ([]byte, error) {
	var state []byte
	parts := 0
	err := s.rows(`SELECT part, data FROM history_state WHERE scope = ? ORDER BY part`, []any{scope}, func(st *sqlite3.Stmt) error {
		if st.ColumnInt(0) != parts {
			return corrupt(errParts)
		}
		parts++
		state = append(state, st.ColumnRawBlob(1)...)
		return nil
	})
	if err == nil && parts == 0 {
		err = corrupt(errParts)
	}
	return state, err
}

// WriteHistory keeps the line for scope: the rows from seq from on are
// replaced by commits (with their data), and the state by state, in one
// transaction. A line kept for another scope is dropped whole.
func (s *Store) WriteHistory(scope string, from int, commits [][20]byte, data [][]byte, state []byte) (err error) {
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
		from = 0
	}
	if err = s.run(`DELETE FROM history_line WHERE seq >= ?`, from); err != nil {
		return err
	}
	for i, c := range commits {
		parts := cut(data[i])
		for p, d := range parts {
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
	for p, d := range cut(state) {
		if d == nil {
			d = []byte{}
		}
		if err = s.run(`INSERT INTO history_state(scope, part, data) VALUES(?, ?, ?)`, scope, p, d); err != nil {
			return err
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
