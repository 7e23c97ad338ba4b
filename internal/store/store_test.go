package store

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/igf-records/igf/bench/corpus"
	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/query"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/source"
)

// bundledRepo is a git repository holding a copy of the bundled records,
// committed, with a clean index.
func bundledRepo(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "repo")
	if err := os.CopyFS(filepath.Join(dir, "records"), os.DirFS("../../records")); err != nil {
		t.Fatal(err)
	}
	commitAll(t, dir, "Import the bundled records")
	return dir
}

// generatedRepo is a copy of a generated corpus with history, as the
// benchmarks use, made once per test binary.
func generatedRepo(t testing.TB) string {
	t.Helper()
	genOnce.Do(func() {
		genDir, genErr = os.MkdirTemp("", "igf-store-gen-")
		if genErr == nil {
			_, genErr = corpus.Generate(corpus.Options{Records: 400, Commits: 30, Seed: 7, Out: filepath.Join(genDir, "repo")})
		}
	})
	if genErr != nil {
		t.Fatal(genErr)
	}
	dir := filepath.Join(t.TempDir(), "gen")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(genDir, "repo"))); err != nil {
		t.Fatal(err)
	}
	return dir
}

var (
	genOnce sync.Once
	genDir  string
	genErr  error
)

func commitAll(t testing.TB, dir, msg string) {
	t.Helper()
	repo, err := git.PlainOpen(dir)
	if err != nil {
		if repo, err = git.PlainInit(dir, false); err != nil {
			t.Fatal(err)
		}
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	if err := wt.AddGlob("records"); err != nil {
		t.Fatal(err)
	}
	sig := &object.Signature{Name: "Test Secretary", Email: "secretary@example.org", When: time.Date(2024, 1, 2, 10, 0, 0, 0, time.UTC)}
	if _, err := wt.Commit(msg, &git.CommitOptions{Author: sig, Committer: sig, AllowEmptyCommits: true}); err != nil {
		t.Fatal(err)
	}
}

// truth is a full parse of the working tree, with no store and no cache.
func truth(t testing.TB, root string) (*record.Set, []record.Finding) {
	t.Helper()
	paths, findings, err := source.ListWorktree(root)
	if err != nil {
		t.Fatal(err)
	}
	l := source.ParseAll(len(paths), func(i int) source.File {
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(paths[i])))
		if err != nil {
			f := unreadable(paths[i], err)
			return source.File{Path: paths[i], Err: &f}
		}
		return source.File{Path: paths[i], Data: data}
	})
	return l.Set, append(findings, l.Findings...)
}

// synced opens the repository's store and syncs the working tree.
func synced(t testing.TB, root string) (*Store, *Snapshot) {
	t.Helper()
	s, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	snap, err := s.SyncWorktree()
	if err != nil {
		t.Fatal(err)
	}
	return s, snap
}

// queries exercise every filter the store turns into SQL.
func queries(today dates.Date) []query.Actions {
	d := dates.MustParse
	return []query.Actions{
		{},
		{Status: query.StatusAll},
		{Status: query.StatusDone},
		{Owners: []string{"LF"}},
		{Owners: []string{"lf"}, ViaBodies: true},
		{Owners: []string{"Lise Fuhr"}},
		{Owners: []string{"Sect"}, Status: query.StatusAll},
		{Owners: []string{"LP"}, Kinds: []string{record.KindRecommendation}},
		{Owners: []string{"MAG"}, Status: query.StatusAll},
		{Owners: []string{"GS", "VC"}, DueBefore: d("2024-04")},
		{Owners: []string{"nobody-known"}},
		{Owners: []string{"TBD"}},
		{DueAfter: d("2024-Q1")},
		{DueBefore: d("2024"), DueAfter: d("2023-06")},
		{Overdue: true, Today: today},
		{Overdue: true, Today: today, Status: query.StatusAll},
		{Bodies: []string{"LP"}},
		{Bodies: []string{"mag"}, Status: query.StatusAll},
		{Bodies: []string{"WG-Strategy,LP"}},
		{Kinds: []string{record.KindMilestone}, Status: query.StatusAll},
		{Kinds: []string{record.KindAction, record.KindRecommendation}},
		{Records: []string{"iww-2024"}, Status: query.StatusAll},
		{Owners: []string{"LF"}, Bodies: []string{"LP"}, Status: query.StatusAll},
		{Tags: []string{"iww"}, Status: query.StatusAll},
		{Tags: []string{"IWW", "nothing-tagged-so"}},
		{Tags: []string{" iww "}, Owners: []string{"LF"}},
		{Tags: []string{"nothing-tagged-so"}, Status: query.StatusAll},
	}
}

type itemKey struct {
	Path string
	Line int
	ID   string
}

func keys(items []*record.Item) []itemKey {
	out := make([]itemKey, len(items))
	for i, it := range items {
		out[i] = itemKey{it.Record.Path, it.Pos.Line, it.ID}
	}
	return out
}

// storeItems runs a query on the store, as the full parse runs it on a Set.
func storeItems(t testing.TB, s *Store, snap *Snapshot, q query.Actions) []*record.Item {
	t.Helper()
	reg, err := s.Registry(snap)
	if err != nil {
		t.Fatal(err)
	}
	var out []*record.Item
	if err := s.Items(snap, q, reg, func(it *record.Item) error { out = append(out, it); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

// sameAnswers fails unless every query, every record and every finding
// from the store equal a full parse of the same files.
func sameAnswers(t *testing.T, root string, s *Store, snap *Snapshot) {
	t.Helper()
	want, wantFindings := truth(t, root)
	sameAnswersAs(t, s, snap, want, wantFindings)
}

func sameAnswersAs(t *testing.T, s *Store, snap *Snapshot, want *record.Set, wantFindings []record.Finding) {
	t.Helper()
	got, err := s.Set(snap)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Records) != len(want.Records) {
		t.Fatalf("store holds %d records, a full parse %d", len(got.Records), len(want.Records))
	}
	for i := range want.Records {
		if d := diffRecord(got.Records[i], want.Records[i]); d != "" {
			t.Errorf("%s: the store's record differs from a full parse: %s", want.Records[i].Path, d)
		}
	}
	gotFindings, err := s.Findings(snap)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(nonNil(gotFindings), nonNil(wantFindings)) {
		t.Errorf("findings differ:\nstore: %v\nparse: %v", gotFindings, wantFindings)
	}
	today := dates.MustParse("2024-06-30")
	for _, q := range queries(today) {
		wantItems := q.Run(want)
		gotItems := storeItems(t, s, snap, q)
		if !reflect.DeepEqual(keys(gotItems), keys(wantItems)) {
			t.Errorf("query %+v: store gave %d items, a full parse %d\nstore: %v\nparse: %v",
				q, len(gotItems), len(wantItems), head(keys(gotItems)), head(keys(wantItems)))
			continue
		}
		for i := range wantItems {
			if d := diffItem(gotItems[i], wantItems[i]); d != "" {
				t.Errorf("query %+v, %s: %s", q, wantItems[i].ID, d)
				break
			}
		}
	}
}

func head[T any](s []T) []T { return s[:min(len(s), 8)] }

func nonNil(f []record.Finding) []record.Finding {
	if f == nil {
		return []record.Finding{}
	}
	return f
}

// diffRecord names the first field in which two records differ, items
// included; "" when they are equal.
func diffRecord(got, want *record.Record) string {
	g, w := *got, *want
	gi, wi := g.Items, w.Items
	g.Items, w.Items = nil, nil
	if d := diffStruct(reflect.ValueOf(g), reflect.ValueOf(w), "record"); d != "" {
		return d
	}
	if len(gi) != len(wi) {
		return fmt.Sprintf("%d items, want %d", len(gi), len(wi))
	}
	for i := range wi {
		if d := diffItem(gi[i], wi[i]); d != "" {
			return fmt.Sprintf("item %d: %s", i, d)
		}
	}
	return ""
}

// diffItem compares items but their records, which are compared apart.
func diffItem(got, want *record.Item) string {
	g, w := *got, *want
	g.Record, w.Record = nil, nil
	return diffStruct(reflect.ValueOf(g), reflect.ValueOf(w), "item")
}

func diffStruct(g, w reflect.Value, name string) string {
	for i := 0; i < w.NumField(); i++ {
		f := w.Type().Field(i)
		if !f.IsExported() {
			continue
		}
		if !reflect.DeepEqual(g.Field(i).Interface(), w.Field(i).Interface()) {
			return fmt.Sprintf("%s.%s = %#v, want %#v", name, f.Name, g.Field(i).Interface(), w.Field(i).Interface())
		}
	}
	return ""
}

// The store answers as a full parse does on the bundled records.
func TestBundledRecordsEqualFullParse(t *testing.T) {
	root := bundledRepo(t)
	s, snap := synced(t, root)
	if snap.Hashed != 0 {
		t.Errorf("%d files hashed in a clean repository; the index should name them all", snap.Hashed)
	}
	sameAnswers(t, root, s, snap)
	// A second run reads everything from the store.
	s2, snap2 := synced(t, root)
	if snap2.Parsed != 0 || snap2.Hashed != 0 {
		t.Errorf("warm run parsed %d and hashed %d files", snap2.Parsed, snap2.Hashed)
	}
	sameAnswers(t, root, s2, snap2)
}

// The same on a generated corpus with history, renames and every date form.
func TestGeneratedCorpusEqualsFullParse(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a corpus")
	}
	root := generatedRepo(t)
	s, snap := synced(t, root)
	sameAnswers(t, root, s, snap)
}

// write replaces a record file, keeping nothing of the old one in place.
func write(t testing.TB, root, rel, text string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t testing.TB, root, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const lpMeeting = "records/meetings/2023/2023-12-18-lp-virtual.md"

// Every way a file can change between runs shows in the next answer.
func TestNeverStale(t *testing.T) {
	root := bundledRepo(t)
	synced(t, root)
	check := func(what string) {
		t.Helper()
		s, snap := synced(t, root)
		t.Run(what, func(t *testing.T) { sameAnswers(t, root, s, snap) })
	}
	text := read(t, root, lpMeeting)
	if !strings.Contains(text, "- [ ] ") {
		t.Fatalf("%s has no open action to tick", lpMeeting)
	}
	// An edit of the same size with mtime and atime set back: only ctime
	// (and the content) says it changed.
	st, err := os.Stat(filepath.Join(root, lpMeeting))
	if err != nil {
		t.Fatal(err)
	}
	write(t, root, lpMeeting, strings.Replace(text, "- [ ] ", "- [x] ", 1))
	if err := os.Chtimes(filepath.Join(root, lpMeeting), st.ModTime(), st.ModTime()); err != nil {
		t.Fatal(err)
	}
	check("same-size edit with mtime set back")
	write(t, root, lpMeeting, text+"\n- [ ] @LF to send the minutes due:2024-04-30 {#lp-2023-12-18-extra}\n")
	check("appended action")
	renamed := filepath.Join(root, "records/meetings/2023/renamed.md")
	if err := os.Rename(filepath.Join(root, lpMeeting), renamed); err != nil {
		t.Fatal(err)
	}
	check("rename")
	if err := os.Remove(renamed); err != nil {
		t.Fatal(err)
	}
	check("delete")
	write(t, root, lpMeeting, text)
	check("restored as committed")
	write(t, root, "records/meetings/2024/broken.md", "---\nid: broken\ntype: meeting\nformat: virtual: oops: [\n---\n")
	check("a file that does not parse")
	write(t, root, "records/meetings/2024/copy.md", text)
	check("two files with the same bytes")
	write(t, root, "records/meetings/2024/alias.md", "---\nid: alias-2024\ntype: meeting\nbody: LP\ndate: 2024-05-02\ntitle: Call\n---\n- [ ] @Lise-the-chair to call back due:2024-05-09 {#alias-2024-a1}\n")
	check("an owner the registry does not know")
	reg := read(t, root, "records/registry.md")
	write(t, root, "records/registry.md", strings.Replace(reg, "aliases: [Lise Fuhr, Ms. Lise Fuhr]", "aliases: [Lise Fuhr, Ms. Lise Fuhr, Lise-the-chair]", 1))
	check("the registry gives that owner's name to LF")
}

// The index shortcut is git's: a file touched within the tick the index was
// written is read, however well its stat data match.
func TestRacilyCleanFileIsHashed(t *testing.T) {
	root := bundledRepo(t)
	idx := filepath.Join(root, ".git", "index")
	st, err := os.Stat(filepath.Join(root, lpMeeting))
	if err != nil {
		t.Fatal(err)
	}
	// Make the index no newer than the file, as when both fall in one tick.
	if err := os.Chtimes(idx, st.ModTime(), st.ModTime()); err != nil {
		t.Fatal(err)
	}
	_, snap := synced(t, root)
	if snap.Hashed == 0 {
		t.Errorf("no file hashed, though every file is as new as the index")
	}
}

// git runs the real git in dir, skipping the test when git is not installed.
func gitRun(t *testing.T, dir string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.org",
		"GIT_COMMITTER_NAME=T", "GIT_COMMITTER_EMAIL=t@example.org", "GIT_CONFIG_NOSYSTEM=1", "HOME="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// Branch switches and stashes rewrite files under git's hand, with real
// git's index: every answer still equals a full parse.
func TestBranchSwitchAndStash(t *testing.T) {
	root := bundledRepo(t)
	gitRun(t, root, "status", "--porcelain") // refresh the index as git writes it
	check := func(what string) {
		t.Helper()
		s, snap := synced(t, root)
		t.Run(what, func(t *testing.T) { sameAnswers(t, root, s, snap) })
	}
	check("clean")
	gitRun(t, root, "checkout", "-q", "-b", "other")
	text := read(t, root, lpMeeting)
	write(t, root, lpMeeting, strings.Replace(text, "- [ ] ", "- [x] ", 1))
	write(t, root, "records/meetings/2024/lp-2024-05-01.md", "---\nid: lp-2024-05-01\ntype: meeting\nbody: LP\ndate: 2024-05-01\ntitle: Panel call\n---\n- [ ] @LF to circulate the notes due:2024-05-10 {#lp-2024-05-01-a1}\n")
	gitRun(t, root, "add", "records")
	gitRun(t, root, "commit", "-q", "-m", "Tick and add on a branch")
	check("on the branch")
	gitRun(t, root, "checkout", "-q", "master")
	check("back on master")
	gitRun(t, root, "checkout", "-q", "other")
	check("on the branch again")
	write(t, root, lpMeeting, text)
	check("edited, not staged")
	gitRun(t, root, "stash", "-q")
	check("stashed")
	gitRun(t, root, "stash", "pop", "-q")
	check("stash popped")
}

// A commit's snapshot answers as parsing the commit's tree does, for the
// head and for older commits (renames, ticks and deletions between them),
// and is reused once written.
func TestCommitSnapshotsEqualLoadCommit(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a corpus")
	}
	root := generatedRepo(t)
	repo, err := source.OpenRepo(root)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.SyncWorktree(); err != nil {
		t.Fatal(err)
	}
	for _, rev := range []string{"HEAD", "HEAD~3", "HEAD~12", "HEAD~3"} {
		c, err := repo.Resolve(rev)
		if err != nil {
			t.Fatal(err)
		}
		snap, err := s.SyncCommit(c)
		if err != nil {
			t.Fatal(err)
		}
		l, err := repo.LoadCommit(c)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(rev, func(t *testing.T) { sameAnswersAs(t, s, snap, l.Set, l.Findings) })
		if rev == "HEAD" && snap.Parsed != 0 {
			t.Errorf("HEAD of a clean tree parsed %d blobs; the working tree's are the same", snap.Parsed)
		}
	}
}
