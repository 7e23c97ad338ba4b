package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/igf-records/igf/pkg/cmd/root"
	"github.com/igf-records/igf/pkg/cmdutil"
)

// cacheQuestions are answered from everything igf keeps in its store under
// .git/igf: the parsed records (selected and full loads, record views,
// validation of one file against the rest), the history (log, closing
// commits) and the summaries of staged files (validate --staged).
var cacheQuestions = [][]string{
	{"action", "list", "--owner", "LF"},
	{"action", "list", "--status", "all", "-o", "json"},
	{"show", "lp-2023-12-18"},
	{"log", "--limit", "100", "-o", "json"},
	{"action", "list", "--status", "done", "--with-history", "-o", "json"},
	{"validate", "--staged"},
	{"validate", "records/meetings/2023/2023-12-18-lp-virtual.md"},
}

// TestCacheDamage damages every file under .git/igf in every way a disk, a
// crash or another program can — single bits flipped at a few hundred
// positions, files cut short, extended, emptied, swapped with one another —
// and checks that every next answer is the one igf gives with no cache at
// all. It knows nothing of the files' formats: whatever igf keeps there,
// the rule is that it can only ever save time.
func TestCacheDamage(t *testing.T) {
	repo := historyRepo(t)
	igfDir := filepath.Join(repo, ".git", "igf")
	want := map[string]string{}
	for _, q := range cacheQuestions {
		if err := os.RemoveAll(igfDir); err != nil {
			t.Fatal(err)
		}
		want[key(q)] = ask(t, repo, q)
	}
	// Warm every cache, and check that a warm answer is right to begin with.
	for round := 0; round < 2; round++ {
		for _, q := range cacheQuestions {
			if got := ask(t, repo, q); got != want[key(q)] {
				t.Fatalf("warm %s:\n%s\nwant (no cache)\n%s", key(q), got, want[key(q)])
			}
		}
	}
	pristine := snapshot(t, igfDir)
	if _, ok := pristine["store.db"]; !ok {
		t.Fatalf("no store under .git/igf, only %d files", len(pristine))
	}
	names := make([]string, 0, len(pristine))
	for n := range pristine {
		names = append(names, n)
	}
	sort.Strings(names)

	// Which questions read each file: those that put a file replaced by
	// garbage right again. (A file no question repairs is asked about by
	// all of them.)
	readers := map[string][][]string{}
	for _, n := range names {
		for _, q := range cacheQuestions {
			restore(t, igfDir, pristine)
			p := filepath.Join(igfDir, filepath.FromSlash(n))
			garbage := []byte("not igf's\n")
			if err := os.WriteFile(p, garbage, 0o644); err != nil {
				t.Fatal(err)
			}
			if got := ask(t, repo, q); got != want[key(q)] {
				t.Fatalf("%s replaced by text, then igf %s:\n%s\nwant (no cache)\n%s", n, key(q), got, want[key(q)])
			}
			if now, err := os.ReadFile(p); err != nil || !bytes.Equal(now, garbage) {
				readers[n] = append(readers[n], q)
			}
		}
		if len(readers[n]) == 0 {
			readers[n] = cacheQuestions
		}
	}

	type damage struct {
		file, what string
		do         func(data []byte) []byte
		asks       [][]string
	}
	var damages []damage
	flips := 250
	if s := os.Getenv("IGF_CACHE_FLIPS"); s != "" {
		fmt.Sscan(s, &flips)
	}
	for _, n := range names {
		size := len(pristine[n])
		for i, pos := range positions(size, flips/len(names)) {
			pos := pos
			// Each flip is put to one of the file's readers in turn.
			q := readers[n][i%len(readers[n])]
			damages = append(damages, damage{n, fmt.Sprintf("bit %d of byte %d/%d flipped", pos%8, pos, size), func(d []byte) []byte {
				d[pos] ^= 1 << (pos % 8)
				return d
			}, [][]string{q}})
		}
		other := names[(len(damages)+1)%len(names)]
		for _, d := range []damage{
			{n, "emptied", func([]byte) []byte { return nil }, nil},
			{n, "cut to half", func(d []byte) []byte { return d[:len(d)/2] }, nil},
			{n, "last byte cut", func(d []byte) []byte { return d[:max(0, len(d)-1)] }, nil},
			{n, "a byte appended", func(d []byte) []byte { return append(d, 0) }, nil},
			// The right kind, version and binary, but not what the name says.
			{n, "holds " + other, func([]byte) []byte { return bytes.Clone(pristine[other]) }, nil},
		} {
			d.asks = readers[n]
			damages = append(damages, d)
		}
	}
	asked := 0
	for _, d := range damages {
		for _, q := range d.asks {
			restore(t, igfDir, pristine)
			p := filepath.Join(igfDir, filepath.FromSlash(d.file))
			if err := os.WriteFile(p, d.do(bytes.Clone(pristine[d.file])), 0o644); err != nil {
				t.Fatal(err)
			}
			if got := ask(t, repo, q); got != want[key(q)] {
				t.Fatalf("%s: %s, then igf %s:\n%s\nwant (no cache)\n%s", d.file, d.what, key(q), got, want[key(q)])
			}
			asked++
		}
	}
	t.Logf("%d files under .git/igf, %d damages, %d answers checked", len(names), len(damages), asked)
}

func key(q []string) string { return strings.Join(q, " ") }

// positions spreads n byte positions over a file of size bytes: the first
// 16 (a header), the last 4 (a trailing checksum) and the rest evenly.
func positions(size, n int) []int {
	seen := map[int]bool{}
	var out []int
	add := func(p int) {
		if p >= 0 && p < size && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for p := 0; p < 16; p++ {
		add(p)
	}
	for p := size - 4; p < size; p++ {
		add(p)
	}
	for i, rest := 0, max(1, n-20); i < rest; i++ {
		add(16 + i*(size-20)/rest)
	}
	return out
}

// ask runs igf in this process on the repository and returns its stdout
// and exit code.
func ask(t *testing.T, repo string, args []string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	f := &cmdutil.Factory{IO: &cmdutil.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut},
		Loader: cmdutil.LoadWorktree, Now: time.Now}
	cmd := root.NewCmdRoot(f)
	full := append([]string{"--dir", repo, "--today", "2024-04-15"}, args...)
	for i, a := range full {
		if strings.HasPrefix(a, "records/") {
			full[i] = filepath.Join(repo, a)
		}
	}
	cmd.SetArgs(full)
	cmd.SetOut(&errOut)
	cmd.SetErr(&errOut)
	err := cmd.Execute()
	return fmt.Sprintf("%s--- exit %d", out.String(), cmdutil.Code(err))
}

func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func restore(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	for n, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// historyRepo is the bundled records in a git repository with a short
// history (an action ticked, a record renamed) and a staged change.
func historyRepo(t *testing.T) string {
	t.Helper()
	repo := filepath.Join(t.TempDir(), "repo")
	if err := os.CopyFS(filepath.Join(repo, "records"), os.DirFS("../../records")); err != nil {
		t.Fatal(err)
	}
	if err := commitAll(repo, "Import the bundled records"); err != nil {
		t.Fatal(err)
	}
	g, err := git.PlainOpen(repo)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := g.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	lp := "records/meetings/2023/2023-12-18-lp-virtual.md"
	edit := func(p, from, to string) {
		data, err := os.ReadFile(filepath.Join(repo, p))
		if err != nil || !bytes.Contains(data, []byte(from)) {
			t.Fatalf("%s: %q not found (%v)", p, from, err)
		}
		if err := os.WriteFile(filepath.Join(repo, p), bytes.Replace(data, []byte(from), []byte(to), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	commit := func(msg string, day int) {
		if err := wt.AddGlob("records"); err != nil {
			t.Fatal(err)
		}
		sig := &object.Signature{Name: "Test Secretary", Email: "secretary@example.org", When: time.Date(2024, 1, day, 10, 0, 0, 0, time.UTC)}
		if _, err := wt.Commit(msg, &git.CommitOptions{Author: sig, Committer: sig, All: true}); err != nil {
			t.Fatal(err)
		}
	}
	edit(lp, "- [ ] Draft a cover letter", "- [x] Draft a cover letter")
	commit("Close lp-2023-12-18-a2", 10)
	old := "records/meetings/2022/2022-03-30-egm.md"
	if err := os.Rename(filepath.Join(repo, old), filepath.Join(repo, "records/meetings/2022/2022-03-30-egm-report.md")); err != nil {
		t.Fatal(err)
	}
	if _, err := wt.Remove(old); err != nil {
		t.Fatal(err)
	}
	commit("Name the EGM report", 12)
	edit(lp, "@LP due:2023-12-20", "@LP due:2023-12-22")
	if _, err := wt.Add(lp); err != nil {
		t.Fatal(err)
	}
	return repo
}

// TestCacheFilesAreNeverMapped: a file mapped into memory that another
// program truncates kills the process with SIGBUS when the lost pages are
// read, whatever igf checks first. So no file under .git/igf is ever mapped:
// after every question, none is in the process's memory map.
func TestCacheFilesAreNeverMapped(t *testing.T) {
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		t.Skipf("no /proc/self/maps on this system: %v", err)
	}
	repo := historyRepo(t)
	for round := 0; round < 2; round++ {
		for _, q := range cacheQuestions {
			ask(t, repo, q)
		}
	}
	igfDir := filepath.Join(repo, ".git", "igf")
	if len(snapshot(t, igfDir)) == 0 {
		t.Fatal("no files under .git/igf")
	}
	maps, _ = os.ReadFile("/proc/self/maps")
	for _, line := range strings.Split(string(maps), "\n") {
		if strings.Contains(line, igfDir) {
			t.Fatalf("a cache file is mapped: %s", line)
		}
	}
}
