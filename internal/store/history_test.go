package store

import (
	"bytes"
	"errors"
	"testing"
)

// TestHistoryRowsComeBackWhole: rows over a part's size are cut on the way
// in and joined on the way out; a line is extended by its new rows; a
// missing part is damage, never a shorter row.
func TestHistoryRowsComeBackWhole(t *testing.T) {
	s, err := Open(bundledRepo(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	big := bytes.Repeat([]byte("lp-2023-12-18-a2 open→done "), 3*historyPart/20)
	bigFile := bytes.Repeat([]byte{7}, historyPart+1)
	commits := [][20]byte{{1}, {2}, {3}}
	files := map[string][]byte{"records/a.md": bigFile, "records/b.md": []byte("b"), "records/c.md": []byte("c")}
	if err := s.WriteHistory("scope", 0, commits, [][]byte{big, nil, []byte("small")}, [20]byte{9}, files, true); err != nil {
		t.Fatal(err)
	}
	// The next commit changes b and deletes c.
	next := map[string][]byte{"records/b.md": []byte("b2"), "records/c.md": nil}
	if err := s.WriteHistory("scope", 3, [][20]byte{{4}}, [][]byte{[]byte("next")}, [20]byte{10}, next, false); err != nil {
		t.Fatal(err)
	}
	want := [][]byte{big, nil, []byte("small"), []byte("next")}
	var got [][]byte
	found, err := s.ReadHistory("scope", func(seq int, c [20]byte, data []byte) {
		if seq != len(got) || c[0] != byte(seq+1) {
			t.Errorf("row %d is commit %x at %d", len(got), c[0], seq)
		}
		got = append(got, bytes.Clone(data))
	})
	if err != nil || !found || len(got) != len(want) {
		t.Fatalf("read %d rows, %v, %v", len(got), found, err)
	}
	for i := range want {
		if !bytes.Equal(got[i], want[i]) {
			t.Errorf("row %d: %d bytes back, want %d", i, len(got[i]), len(want[i]))
		}
	}
	back := map[string][]byte{}
	tree, err := s.ReadHistoryState("scope", func(p string, data []byte) { back[p] = bytes.Clone(data) })
	if err != nil || tree != [20]byte{10} || len(back) != 2 || !bytes.Equal(back["records/a.md"], bigFile) || string(back["records/b.md"]) != "b2" {
		t.Errorf("state: tree %x, %d files (%v)", tree[0], len(back), err)
	}
	if found, _ := s.ReadHistory("another scope", func(int, [20]byte, []byte) { t.Error("a row of another scope") }); found {
		t.Error("a line kept for another scope was found")
	}
	if err := s.run(`DELETE FROM history_line WHERE seq = 0 AND part = 1`); err != nil {
		t.Fatal(err)
	}
	_, err = s.ReadHistory("scope", func(int, [20]byte, []byte) {})
	if !errors.Is(err, ErrDamaged) {
		t.Errorf("a row with a part missing read as %v, want damage", err)
	}
}
