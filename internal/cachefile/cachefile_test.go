package cachefile

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSealedFileOpensOnlyWhole(t *testing.T) {
	payload := []byte("the records as parsed: lp-2023-12-18-a2 open @KS due:2023-12-19")
	data := Seal("records", 3, "/repo", payload)
	got, ok := Open(data, "records", 3, "/repo")
	if !ok || !bytes.Equal(got, payload) {
		t.Fatalf("Open of a sound file: %q, %v", got, ok)
	}
	for i := range data {
		for bit := 0; bit < 8; bit++ {
			bad := bytes.Clone(data)
			bad[i] ^= 1 << bit
			if _, ok := Open(bad, "records", 3, "/repo"); ok {
				t.Fatalf("a flip of bit %d at byte %d was served", bit, i)
			}
		}
	}
	for n := 0; n < len(data); n++ {
		if _, ok := Open(data[:n], "records", 3, "/repo"); ok {
			t.Fatalf("a file cut to %d of %d bytes was served", n, len(data))
		}
	}
	if _, ok := Open(append(bytes.Clone(data), 0), "records", 3, "/repo"); ok {
		t.Fatal("a file with a byte appended was served")
	}
	for _, c := range []struct {
		kind    string
		version int
		scope   string
	}{{"history", 3, "/repo"}, {"records", 4, "/repo"}, {"records", 3, "/other"}} {
		if _, ok := Open(data, c.kind, c.version, c.scope); ok {
			t.Fatalf("a file of records v3 for /repo was served as %+v", c)
		}
	}
}

func TestAnotherBinaryIsForeign(t *testing.T) {
	data := Seal("records", 1, "", []byte("x"))
	id := Identity()
	i := bytes.Index(data, []byte(id))
	if i < 0 || len(id) < 16 {
		t.Fatalf("identity %q not in the header", id)
	}
	// The same file as another binary writes it: its identity differs, its
	// checksum is right.
	other := Seal("records", 1, "", []byte("x"))
	copy(other[i:], strings.Repeat("0", len(id)))
	other = appendCRC(other[:len(other)-4])
	if _, ok := Open(other, "records", 1, ""); ok {
		t.Fatal("a file written by another binary was served")
	}
}

func TestWriteAndRead(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "igf", "history")
	if err := Write(p, "history", 1, "gov", []byte("events")); err != nil {
		t.Fatal(err)
	}
	if got, ok := Read(p, "history", 1, "gov"); !ok || string(got) != "events" {
		t.Fatalf("Read: %q, %v", got, ok)
	}
	entries, _ := os.ReadDir(filepath.Dir(p))
	if len(entries) != 1 {
		t.Fatalf("Write left %d files, want 1", len(entries))
	}
}
