package edit

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/igf-records/igf/internal/atomicfile"
)

// recordsDir makes a repository top with records/note.md holding data.
func recordsDir(t *testing.T, data []byte) (dir, rel string) {
	t.Helper()
	dir = t.TempDir()
	os.MkdirAll(filepath.Join(dir, ".git"), 0o755)
	rel = "records/note.md"
	p := filepath.Join(dir, rel)
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, rel
}

// A program that writes into the file in the window between igf's last
// check and its rename keeps its version: igf puts it back and refuses.
func TestWriteInTheWindowIsGivenBack(t *testing.T) {
	orig := readReal(t, lpNotes)
	dir, rel := recordsDir(t, orig)
	p := filepath.Join(dir, rel)
	// The other program opened the file before igf's rename.
	other, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	theirs := "\n<!-- appended by an editor -->\n"
	afterRename = func(string) { other.WriteString(theirs) }
	defer func() { afterRename = nil }()
	tx := begin(t, dir)
	tx.Read(rel)
	tx.Replace(rel, bytes.Replace(orig, []byte("- [ ] Draft"), []byte("- [x] Draft"), 1))
	err = tx.Write()
	if !errors.Is(err, ErrChanged) || !strings.Contains(err.Error(), "its version is kept") {
		t.Fatalf("got %v, want ErrChanged with the other version kept", err)
	}
	if now, _ := os.ReadFile(p); string(now) != string(orig)+theirs {
		t.Fatalf("the other program's write was lost:\n%q", now[max(0, len(now)-80):])
	}
}

// Putting the other program's version back is guarded as igf's own write
// is: a third write, into igf's file just before it is replaced again, is
// saved under .git/igf/saved/ and named, never dropped.
func TestWriteInTheWindowOfTheGivingBackIsSaved(t *testing.T) {
	orig := readReal(t, lpNotes)
	dir, rel := recordsDir(t, orig)
	p := filepath.Join(dir, rel)
	other, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	theirs, third := "\n<!-- appended by an editor -->\n", "\n<!-- appended by a script -->\n"
	afterRename = func(string) { other.WriteString(theirs) }
	beforeGiveBack = func(path string) {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
		if err == nil {
			f.WriteString(third)
			f.Close()
		}
	}
	defer func() { afterRename, beforeGiveBack = nil, nil }()
	tx := begin(t, dir)
	tx.Read(rel)
	edited := bytes.Replace(orig, []byte("- [ ] Draft"), []byte("- [x] Draft"), 1)
	tx.Replace(rel, edited)
	err = tx.Write()
	if !errors.Is(err, ErrChanged) || !strings.Contains(err.Error(), "is saved in ") {
		t.Fatalf("got %v, want ErrChanged naming the saved version", err)
	}
	if now, _ := os.ReadFile(p); string(now) != string(orig)+theirs {
		t.Fatalf("the first program's write is not at the path:\n%q", now[max(0, len(now)-80):])
	}
	saved, _ := filepath.Glob(filepath.Join(dir, ".git", "igf", "saved", "*"))
	if len(saved) != 1 {
		t.Fatalf("saved versions: %v, want one", saved)
	}
	if data, _ := os.ReadFile(saved[0]); string(data) != string(edited)+third {
		t.Fatalf("the saved version is not igf's file with the third write:\n%q", data[max(0, len(data)-80):])
	}
}

// Several files are written together or not at all.
func TestWriteAllOrNothing(t *testing.T) {
	orig := readReal(t, lpNotes)
	dir, rel := recordsDir(t, orig)
	second := "records/other.md"
	os.WriteFile(filepath.Join(dir, second), orig, 0o644)
	tx := begin(t, dir)
	tx.Read(rel)
	tx.Read(second)
	tx.Replace(rel, append(bytes.Clone(orig), "x"...))
	tx.Replace(second, append(bytes.Clone(orig), "y"...))
	// The second file changes under igf: the first is given its bytes back.
	os.WriteFile(filepath.Join(dir, second), append(bytes.Clone(orig), "z"...), 0o644)
	if err := tx.Write(); !errors.Is(err, ErrChanged) {
		t.Fatalf("got %v, want ErrChanged", err)
	}
	if now, _ := os.ReadFile(filepath.Join(dir, rel)); !bytes.Equal(now, orig) {
		t.Fatal("the first file kept its edit though the second could not be written")
	}
}

// Owner and group are kept; a replacement igf could not give them to is
// refused before anything is written.
func TestOwnerAndGroupKept(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root can give a file to another user")
	}
	orig := readReal(t, lpNotes)
	dir, rel := recordsDir(t, orig)
	p := filepath.Join(dir, rel)
	if err := os.Chown(p, 1234, 4321); err != nil {
		t.Skip(err)
	}
	tx := begin(t, dir)
	tx.Read(rel)
	tx.Replace(rel, append(bytes.Clone(orig), "x"...))
	if err := tx.Write(); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(p)
	s := st.Sys().(*syscall.Stat_t)
	if s.Uid != 1234 || s.Gid != 4321 {
		t.Fatalf("owner %d:%d, want 1234:4321", s.Uid, s.Gid)
	}
}

// Temporary files are made inside .git (git never lists them) and those a
// killed run left behind are swept by the next.
func TestTemporaryFilesInsideGitAndSwept(t *testing.T) {
	orig := readReal(t, lpNotes)
	dir, rel := recordsDir(t, orig)
	tmp := filepath.Join(dir, ".git", "igf", "tmp")
	os.MkdirAll(tmp, 0o700)
	left := filepath.Join(tmp, ".note.md"+atomicfile.TempMark+"123")
	os.WriteFile(left, []byte("half"), 0o600)
	old := time.Now().Add(-time.Hour)
	os.Chtimes(left, old, old)
	fresh := filepath.Join(tmp, ".note.md"+atomicfile.TempMark+"456")
	os.WriteFile(fresh, []byte("another run's, under way"), 0o600)
	var seen string
	afterRename = func(string) {
		entries, _ := os.ReadDir(filepath.Dir(filepath.Join(dir, rel)))
		for _, e := range entries {
			seen += e.Name() + " "
		}
	}
	defer func() { afterRename = nil }()
	tx := begin(t, dir)
	tx.Read(rel)
	tx.Replace(rel, append(bytes.Clone(orig), "x"...))
	if err := tx.Write(); err != nil {
		t.Fatal(err)
	}
	if seen != "note.md " {
		t.Fatalf("records/ held %q during the write", seen)
	}
	if _, err := os.Stat(left); !os.IsNotExist(err) {
		t.Fatal("a temporary file left by a killed run was not swept")
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Fatal("a fresh temporary file (another run's) was swept")
	}
}

// Paths made from data stay inside records/, symlinked folders included.
func TestCreateStaysInsideRecords(t *testing.T) {
	dir, _ := recordsDir(t, []byte("x"))
	outside := t.TempDir()
	os.Symlink(outside, filepath.Join(dir, "records", "meetings"))
	tx := begin(t, dir)
	for _, rel := range []string{"records/../outside.md", "../outside.md", "/etc/x.md", "templates/x.md", "records/meetings/2024/x.md", "records\\..\\x.md"} {
		if err := tx.Create(rel, []byte("x")); err == nil {
			t.Errorf("Create(%q) accepted", rel)
		}
	}
	if err := tx.Create("records/decisions/lp-2024-001.md", []byte("x")); err != nil {
		t.Errorf("a path inside records/ refused: %v", err)
	}
}
