package store

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"syscall"
	"testing"
	"time"

	"github.com/ncruces/go-sqlite3"

	"github.com/igf-records/igf/pkg/core/query"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/source"
)

// TestMain lets a test run this binary as a child that syncs a repository
// and is killed half way.
func TestMain(m *testing.M) {
	if root := os.Getenv("IGF_STORE_TEST_SYNC"); root != "" {
		s, err := Open(root)
		if err == nil {
			_, err = s.SyncWorktree()
		}
		if err != nil {
			os.Exit(3)
		}
		os.Exit(0)
	}
	// The tests build hundreds of stores; none needs to survive a power cut.
	durable = false
	code := m.Run()
	if genDir != "" {
		os.RemoveAll(genDir)
	}
	os.Exit(code)
}

// answer is what the integrity tests compare: every record with its items,
// the findings, and an owner query.
type answer struct {
	Records  []string
	Items    []itemKey
	Findings []record.Finding
	LF       []itemKey
}

func answerOf(t testing.TB, s *Store, snap *Snapshot) (answer, error) {
	set, err := s.Set(snap)
	if err != nil {
		return answer{}, err
	}
	var a answer
	for _, r := range set.Records {
		a.Records = append(a.Records, r.Path+" "+r.ID+" "+r.Title+" "+r.Date.String())
	}
	a.Items = keys(set.Items())
	if a.Findings, err = s.Findings(snap); err != nil {
		return a, err
	}
	reg, err := s.Registry(snap)
	if err != nil {
		return a, err
	}
	err = s.Items(snap, query.Actions{Owners: []string{"LF"}, Status: query.StatusAll}, reg, func(it *record.Item) error {
		a.LF = append(a.LF, itemKey{it.Record.Path, it.Pos.Line, it.ID})
		return nil
	})
	return a, err
}

func truthAnswer(t testing.TB, root string) answer {
	set, findings := truth(t, root)
	var a answer
	for _, r := range set.Records {
		a.Records = append(a.Records, r.Path+" "+r.ID+" "+r.Title+" "+r.Date.String())
	}
	a.Items = keys(set.Items())
	a.Findings = findings
	a.LF = keys(query.Actions{Owners: []string{"LF"}, Status: query.StatusAll}.Run(set))
	return a
}

// answerWith runs a whole command's worth of work through With, as a
// command does: open, sync, answer; a damaged store is rebuilt once.
func answerWith(t testing.TB, root string) (answer, error) {
	var a answer
	err := With(root, func(s *Store) error {
		snap, err := s.SyncWorktree()
		if err != nil {
			return err
		}
		a, err = answerOf(t, s, snap)
		return err
	})
	return a, err
}

// One flipped bit anywhere in the store file never changes an answer: the
// page checksums (or SQLite's own checks) catch it, and the store is
// rebuilt.
func TestBitFlipsNeverServed(t *testing.T) {
	root := bundledRepo(t)
	want := truthAnswer(t, root)
	if _, err := answerWith(t, root); err != nil {
		t.Fatal(err)
	}
	path := Path(root, mustRepo(t, root))
	orig, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	positions := 160
	if testing.Short() {
		positions = 40
	}
	rebuilt := 0
	for k := 0; k < positions; k++ {
		// Spread over the file, with the header page sampled densely.
		off := k * 7919 % len(orig)
		if k%4 == 0 {
			off = k * 13 % 4096
		}
		bit := byte(1) << (k % 8)
		damaged := append([]byte(nil), orig...)
		damaged[off] ^= bit
		if err := os.WriteFile(path, damaged, 0o644); err != nil {
			t.Fatal(err)
		}
		Discard(path + "-journal")
		got, err := answerWith(t, root)
		if err != nil {
			t.Fatalf("byte %d bit %d: %v", off, k%8, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("byte %d bit %d: a damaged store was served:\n got %+v\nwant %+v", off, k%8, got, want)
		}
		if now, _ := os.ReadFile(path); !reflect.DeepEqual(now, damaged) {
			rebuilt++
		}
	}
	t.Logf("%d of %d flips detected and the store rebuilt; the rest fell on bytes no answer reads", rebuilt, positions)
	if rebuilt == 0 {
		t.Errorf("no flip was ever detected")
	}
}

func mustRepo(t testing.TB, root string) *source.Repo {
	t.Helper()
	s, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	return s.repo
}

// A file at the store's path that is not igf's store of this format and
// binary is replaced, never read.
func TestForeignStoresReplaced(t *testing.T) {
	root := bundledRepo(t)
	want := truthAnswer(t, root)
	if _, err := answerWith(t, root); err != nil {
		t.Fatal(err)
	}
	path := Path(root, mustRepo(t, root))
	tamper := func(sql string) func() {
		return func() {
			c, err := sqlite3.Open("file:" + path)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if err := c.Exec(sql); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, tc := range []struct {
		name string
		make func()
	}{
		{"not a database", func() { os.WriteFile(path, []byte("not a database at all\n"), 0o644) }},
		{"empty", func() { os.WriteFile(path, nil, 0o644) }},
		{"written by another binary", tamper(`UPDATE meta SET value = 'another parser' WHERE key = 'parser'`)},
		{"another format", tamper(`PRAGMA user_version = 99`)},
		{"another program's database", tamper(`PRAGMA application_id = 7`)},
		{"left unfinished", tamper(`UPDATE meta SET value = 'building' WHERE key = 'state'`)},
		{"a row changed behind igf's back", tamper(`UPDATE records SET title = 'forged' WHERE rowid IN (SELECT rowid FROM records LIMIT 3);
			UPDATE meta SET value = 'another parser' WHERE key = 'parser'`)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.make()
			got, err := answerWith(t, root)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("served a foreign store:\n got %+v\nwant %+v", got, want)
			}
			s, err := Open(root)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if s.path != path {
				t.Fatalf("store in %q, want %q", s.path, path)
			}
		})
	}
}

// A sync killed at any moment leaves a store whose next answer is right.
func TestKilledSyncLeavesNoHalfState(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a corpus")
	}
	root := generatedRepo(t)
	path := Path(root, mustRepo(t, root))
	for k, delay := range []time.Duration{10, 50, 150, 400} {
		delay *= time.Millisecond
		Discard(path)
		if k%2 == 1 {
			// Also from a store holding an older state of the files.
			if _, err := answerWith(t, root); err != nil {
				t.Fatal(err)
			}
			write(t, root, "records/meetings/extra.md", "---\nid: extra\ntype: meeting\nbody: LP\ndate: 2024-05-02\ntitle: Extra\n---\n- [ ] @LF to call back due:2024-05-09 {#extra-a1}\n")
		}
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "IGF_STORE_TEST_SYNC="+root)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		want := truthAnswer(t, root)
		got, err := answerWith(t, root)
		if err != nil {
			t.Fatalf("after a kill at %v: %v", delay, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("after a kill at %v, the answer differs from a full parse", delay)
		}
		os.Remove(filepath.Join(root, "records/meetings/extra.md"))
	}
}

// The driver panics when SQLite runs out of memory; a store operation says
// so as an error instead, and a panic of any other kind is not hidden.
func TestOutOfMemoryIsAnError(t *testing.T) {
	err := guard(nil, func(*Store) error { panic(errors.New("sqlite3: out of memory")) })
	if !errors.Is(err, ErrOutOfMemory) {
		t.Fatalf("err = %v, want ErrOutOfMemory", err)
	}
	defer func() {
		if r := recover(); r == nil {
			t.Fatal("another panic was swallowed")
		}
	}()
	_ = guard(nil, func(*Store) error { panic("a bug") })
}
