package history

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime/pprof"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/igf-records/igf/internal/store"
	"github.com/igf-records/igf/pkg/source"
)

// load is Load through the repository's store, as igf runs it.
func load(t testing.TB, repo *source.Repo, target plumbing.Hash) (*History, error) {
	t.Helper()
	var h *History
	err := store.WithRepo(repo, func(s *store.Store) error {
		var err error
		h, err = Load(repo, target, s)
		return err
	})
	return h, err
}

// gitAt runs git in dir with author and committer fixed at when.
func gitAt(t *testing.T, dir string, when time.Time, name string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	stamp := when.Format(time.RFC3339)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir,
		"GIT_AUTHOR_NAME="+name, "GIT_AUTHOR_EMAIL="+strings.ToLower(strings.Fields(name)[0])+"@example.org",
		"GIT_COMMITTER_NAME="+name, "GIT_COMMITTER_EMAIL="+strings.ToLower(strings.Fields(name)[0])+"@example.org",
		"GIT_AUTHOR_DATE="+stamp, "GIT_COMMITTER_DATE="+stamp)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// edit replaces old with new in a file of the repository, failing if old is absent.
func edit(t *testing.T, dir, rel, old, new string) {
	t.Helper()
	p := filepath.Join(dir, rel)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s does not contain %q", rel, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

const lpNotes = "records/meetings/2023/2023-12-18-lp-virtual.md"

// realHistory builds a repository from the bundled records with the life an
// editor's repository has: an action closed, reopened on a side branch that
// is merged, a file moved, a decision added, an unrelated commit.
func realHistory(t *testing.T) (dir string, day func(int) time.Time) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir = t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "records"), os.DirFS("../../records")); err != nil {
		t.Fatal(err)
	}
	day = func(n int) time.Time { return time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC).AddDate(0, 0, n) }
	gitAt(t, dir, day(0), "Anja Gengo", "init", "-q", "-b", "main")
	gitAt(t, dir, day(0), "Anja Gengo", "add", "-A")
	gitAt(t, dir, day(0), "Anja Gengo", "commit", "-qm", "Import the records")

	// 10 January: Krzysztof's cover letter is done.
	edit(t, dir, lpNotes, "- [ ] Draft a cover letter", "- [x] Draft a cover letter")
	gitAt(t, dir, day(9), "Celine Bal", "commit", "-qam", "Close lp-2023-12-18-a2")

	// A notes file outside records/ changes nothing.
	os.WriteFile(filepath.Join(dir, "NOTES.txt"), []byte("todo\n"), 0o644)
	gitAt(t, dir, day(10), "Celine Bal", "add", "NOTES.txt")
	gitAt(t, dir, day(10), "Celine Bal", "commit", "-qm", "Notes")

	// A side branch reopens it (the letter needs another round) and main
	// meanwhile moves the file; the merge brings both together on 20 January.
	gitAt(t, dir, day(11), "Lise Fuhr", "checkout", "-qb", "review")
	edit(t, dir, lpNotes, "- [x] Draft a cover letter", "- [ ] Draft a cover letter")
	gitAt(t, dir, day(12), "Lise Fuhr", "commit", "-qam", "Reopen the cover letter")
	gitAt(t, dir, day(13), "Anja Gengo", "checkout", "-q", "main")
	gitAt(t, dir, day(14), "Anja Gengo", "mv", "records/meetings/2023", "records/meetings/lp-2023")
	gitAt(t, dir, day(14), "Anja Gengo", "commit", "-qm", "Group LP meetings")
	gitAt(t, dir, day(19), "Anja Gengo", "merge", "-q", "--no-ff", "-m", "Merge the review", "review")

	// 1 February: a decision is added, and the cover letter closed again.
	moved := strings.Replace(lpNotes, "/2023/", "/lp-2023/", 1)
	edit(t, dir, moved, "- [ ] Draft a cover letter", "- [x] Draft a cover letter")
	edit(t, dir, moved, "\n## ", "\n- The Panel agreed to meet in Riyadh. {#lp-2023-12-18-d99}\n\n## ")
	gitAt(t, dir, day(31), "Celine Bal", "commit", "-qam", "Close the cover letter again; record the venue decision")
	return dir, day
}

func open(t testing.TB, dir string) *source.Repo {
	t.Helper()
	repo, err := source.OpenRepo(dir)
	if err != nil {
		t.Fatal(err)
	}
	return repo
}

type brief struct{ change, from, to, path, author string }

func briefs(evs []Event) []brief {
	var out []brief
	for _, e := range evs {
		out = append(out, brief{e.Change.Change, e.From, e.To, e.Path, e.Author})
	}
	return out
}

func TestHistoryOfAnActionClosedReopenedMergedAndMoved(t *testing.T) {
	dir, day := realHistory(t)
	repo := open(t, dir)
	h, err := load(t, repo, plumbing.ZeroHash)
	if err != nil {
		t.Fatal(err)
	}
	moved := strings.Replace(lpNotes, "/2023/", "/lp-2023/", 1)
	want := []brief{
		{Added, "", "open", lpNotes, "Anja Gengo"},
		{Status, "open", "done", lpNotes, "Celine Bal"},
		{Moved, "", "done", moved, "Anja Gengo"},
		// The reopening reached main with the merge.
		{Status, "done", "open", moved, "Anja Gengo"},
		{Status, "open", "done", moved, "Celine Bal"},
	}
	got := h.For("LP-2023-12-18-A2")
	if !reflect.DeepEqual(briefs(got), want) {
		t.Fatalf("history of lp-2023-12-18-a2:\n got %+v\nwant %+v", briefs(got), want)
	}
	if !got[3].Merge || got[3].Subject != "Merge the review" {
		t.Errorf("reopening: want the merge commit, got %+v", got[3])
	}
	// The merge brought it; Lise Fuhr made it, on the branch, on 13 January.
	if o := got[3].MadeIn; o == nil || got[3].By() != "Lise Fuhr" || !o.Time.Equal(day(12)) {
		t.Errorf("reopening made in %+v, want Lise Fuhr's branch commit", o)
	}
	if got[1].MadeIn != nil || got[1].By() != "Celine Bal" {
		t.Errorf("a change on the main line has an origin: %+v", got[1].MadeIn)
	}
	if !got[3].Time.Equal(day(19)) {
		t.Errorf("reopening reached main on %v, want %v", got[3].Time, day(19))
	}
	closed, ok := h.Closed("lp-2023-12-18-a2")
	if !ok || !closed.Time.Equal(day(31)) || closed.Author != "Celine Bal" {
		t.Errorf("Closed = %+v, %v; want the 1 February commit by Celine Bal", closed, ok)
	}
	// An action open throughout has only its addition; a new decision its own.
	if evs := h.For("lp-2023-12-18-a3"); len(evs) != 2 || evs[0].Change.Change != Added || evs[1].Change.Change != Moved {
		t.Errorf("lp-2023-12-18-a3: %+v", briefs(evs))
	}
	if _, ok := h.Closed("lp-2023-12-18-a3"); ok {
		t.Error("an open action reported closed")
	}
	if evs := h.For("lp-2023-12-18-d99"); len(evs) != 1 || evs[0].Change.Change != Added || evs[0].Kind != "decision" || evs[0].To != "" {
		t.Errorf("lp-2023-12-18-d99: %+v", evs)
	}
	// Records have history too; the untouched timeline was added once.
	if evs := h.For("iww-2024"); len(evs) != 1 || evs[0].Kind != KindRecord {
		t.Errorf("iww-2024: %+v", evs)
	}
	// The commit outside records/ and the branch switch left no trace.
	for _, c := range h.Commits {
		if c.Subject == "Notes" {
			t.Error("a commit outside records/ has changes")
		}
	}
}

func TestHistoryAtAPastCommitAndFromCache(t *testing.T) {
	dir, _ := realHistory(t)
	repo := open(t, dir)
	full, err := Build(repo, mustHead(t, repo).Hash)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, ".git", "igf", store.FileName)
	// Cold, then warm from the cache file: the same history.
	cold, err := load(t, repo, plumbing.ZeroHash)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("no cache written: %v", err)
	}
	warm, err := load(t, open(t, dir), plumbing.ZeroHash)
	if err != nil {
		t.Fatal(err)
	}
	if !sameEvents(full, cold) || !sameEvents(full, warm) {
		t.Fatal("cached history differs from a fresh walk")
	}
	// At the commit before the merge, the action is still done.
	past, err := repo.Resolve("HEAD~2")
	if err != nil {
		t.Fatal(err)
	}
	h, err := load(t, repo, past.Hash)
	if err != nil {
		t.Fatal(err)
	}
	if e, ok := h.Closed("lp-2023-12-18-a2"); !ok || e.Author != "Celine Bal" || e.Subject != "Close lp-2023-12-18-a2" {
		t.Errorf("at HEAD~2: Closed = %+v, %v", e, ok)
	}
	// The side branch's own commit is not on the line: walked on its own.
	side, err := repo.Resolve("review")
	if err != nil {
		t.Fatal(err)
	}
	h, err = load(t, repo, side.Hash)
	if err != nil {
		t.Fatal(err)
	}
	if evs := h.For("lp-2023-12-18-a2"); len(evs) != 3 || evs[2].Author != "Lise Fuhr" || evs[2].To != "open" {
		t.Errorf("on the branch: %+v", briefs(evs))
	}
}

func TestCacheExtendsAndSurvivesRewrites(t *testing.T) {
	dir, day := realHistory(t)
	repo := open(t, dir)
	if _, err := load(t, repo, plumbing.ZeroHash); err != nil {
		t.Fatal(err)
	}
	// One more commit: the cache is extended by its row, not rewritten.
	moved := strings.Replace(lpNotes, "/2023/", "/lp-2023/", 1)
	edit(t, dir, moved, "- [ ] Input from the Panel", "- [x] Input from the Panel")
	gitAt(t, dir, day(40), "Lise Fuhr", "commit", "-qam", "Close a3")
	var writes []write
	var h *History
	err := store.WithRepo(open(t, dir), func(s *store.Store) error {
		var err error
		h, err = Load(open(t, dir), plumbing.ZeroHash, &recorder{s, &writes})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(writes) != 1 || writes[0].from == 0 || writes[0].rows != 1 || writes[0].all || writes[0].files != 1 {
		t.Fatalf("one more commit wrote %+v; want its one row after the kept ones, and the one file it changed", writes)
	}
	if e, ok := h.Closed("lp-2023-12-18-a3"); !ok || e.Author != "Lise Fuhr" {
		t.Fatalf("after one more commit: %+v %v", e, ok)
	}
	fresh, err := Build(repo, mustHead(t, repo).Hash)
	if err != nil {
		t.Fatal(err)
	}
	if !sameEvents(fresh, h) {
		t.Fatal("extended cache differs from a fresh walk")
	}
	// Rewriting history (amend) leaves the cached head off the line: rebuilt.
	gitAt(t, dir, day(41), "Anja Gengo", "commit", "-q", "--amend", "-m", "Close a3 (amended)")
	before, _ := h.Closed("lp-2023-12-18-a3")
	writes = nil
	err = store.WithRepo(open(t, dir), func(s *store.Store) error {
		var err error
		h, err = Load(open(t, dir), plumbing.ZeroHash, &recorder{s, &writes})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(writes) != 1 || writes[0].from != 0 || !writes[0].all {
		t.Fatalf("after an amend, wrote %+v; want the line written anew", writes)
	}
	if e, ok := h.Closed("lp-2023-12-18-a3"); !ok || e.Subject != "Close a3 (amended)" || e.Commit == before.Commit {
		t.Fatalf("after amend: %+v %v", e, ok)
	}
	// A damaged store is rebuilt, not trusted.
	if err := os.WriteFile(filepath.Join(dir, ".git", "igf", store.FileName), []byte("not a cache"), 0o644); err != nil {
		t.Fatal(err)
	}
	if h2, err := load(t, open(t, dir), plumbing.ZeroHash); err != nil || !sameEvents(h2, h) {
		t.Fatalf("with a damaged cache: %v", err)
	}
}

// recorder is a Cache that notes what is written through it.
type recorder struct {
	Cache
	writes *[]write
}

type write struct {
	from, rows, files int
	all               bool
}

func (r *recorder) WriteHistory(scope string, from int, commits [][20]byte, data [][]byte, tree [20]byte, files map[string][]byte, all bool) error {
	*r.writes = append(*r.writes, write{from, len(commits), len(files), all})
	return r.Cache.WriteHistory(scope, from, commits, data, tree, files, all)
}

// sameEvents compares histories as igf log prints them: times as instants
// (go-git gives every commit its own zone value).
func sameEvents(a, b *History) bool {
	ja, _ := json.Marshal(a.Events())
	jb, _ := json.Marshal(b.Events())
	return string(ja) == string(jb) && len(a.Events()) > 0
}

func mustHead(t testing.TB, repo *source.Repo) *object.Commit {
	t.Helper()
	c, err := repo.Head()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// referenceHistory is the slow, obvious history: parse every record of every
// first-parent commit and compare whole states. The fast walk must agree.
func referenceHistory(t testing.TB, repo *source.Repo) []Commit {
	var line []*object.Commit
	for c := mustHead(t, repo); ; {
		line = append([]*object.Commit{c}, line...)
		if c.NumParents() == 0 {
			break
		}
		var err error
		if c, err = c.Parent(0); err != nil {
			t.Fatal(err)
		}
	}
	var out []Commit
	prev := map[string]located{}
	parsed := map[plumbing.Hash][]ItemState{}
	for seq, c := range line {
		cur := map[string]located{}
		tree, err := c.Tree()
		if err != nil {
			t.Fatal(err)
		}
		err = tree.Files().ForEach(func(f *object.File) error {
			if !source.IsRecordPath(f.Name) {
				return nil
			}
			items, seen := parsed[f.Hash]
			if !seen {
				data, err := readAll(f)
				if err != nil {
					return err
				}
				items = ItemsOf(f.Name, data)
				parsed[f.Hash] = items
			}
			for _, it := range items {
				k := strings.ToLower(it.ID)
				if old, ok := cur[k]; !ok || f.Name < old.path {
					cur[k] = located{it, f.Name}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if ch := diffStates(prev, cur); len(ch) > 0 {
			out = append(out, Commit{Hash: c.Hash, Seq: seq, Changes: ch})
		}
		prev = cur
	}
	return out
}

func readAll(f *object.File) ([]byte, error) {
	r, err := f.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

func TestWalkAgreesWithReferenceOnSyntheticHistory(t *testing.T) {
	dir := t.TempDir()
	st := genRepo(t, dir, 1000, 7)
	if st.merges < 2 || st.renames < 4 || st.toggles < 100 {
		t.Fatalf("generator made too little history: %+v", st)
	}
	repo := open(t, dir)
	h, err := Build(repo, mustHead(t, repo).Hash)
	if err != nil {
		t.Fatal(err)
	}
	ref := referenceHistory(t, repo)
	if len(h.Commits) != len(ref) {
		t.Fatalf("walk has %d changing commits, reference %d", len(h.Commits), len(ref))
	}
	merged := 0
	for i := range ref {
		var changes []Change
		for _, ch := range h.Commits[i].Changes {
			if ch.MadeIn != nil {
				merged++
			}
			ch.MadeIn = nil // the reference does not look at branches
			changes = append(changes, ch)
		}
		if h.Commits[i].Hash != ref[i].Hash || h.Commits[i].Seq != ref[i].Seq || !reflect.DeepEqual(changes, ref[i].Changes) {
			t.Fatalf("commit %d differs:\nwalk %s %+v\n ref %s %+v", i, h.Commits[i].Hash, h.Commits[i].Changes, ref[i].Hash, ref[i].Changes)
		}
	}
	// Every merge closed or reopened an action on its branch: each is traced there.
	if merged != st.merges {
		t.Errorf("%d changes traced to their branch commit, want %d (one per merge)", merged, st.merges)
	}
	// Built in two goes through the cache, at a past commit then the head.
	mid, err := repo.Resolve("HEAD~500")
	if err != nil {
		t.Fatal(err)
	}
	c, err := walkOn(repo, nil, mid.Hash)
	if err != nil {
		t.Fatal(err)
	}
	c, err = walkOn(repo, c, mustHead(t, repo).Hash)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.Commits, h.Commits) {
		t.Fatal("history built in two goes differs from one walk")
	}
}

// cpuTime is the CPU time this process has used, on every thread.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestHistoryScale measures the walk against git log on a synthetic
// repository: IGF_HISTORY_COMMITS=20000 go test ./pkg/history -run Scale -v
func TestHistoryScale(t *testing.T) {
	n := 0
	fmt.Sscan(os.Getenv("IGF_HISTORY_COMMITS"), &n)
	if n == 0 {
		t.Skip("set IGF_HISTORY_COMMITS to run")
	}
	// IGF_HISTORY_REPO keeps the generated repository for another run.
	dir := os.Getenv("IGF_HISTORY_REPO")
	if dir == "" {
		dir = t.TempDir()
	}
	start := time.Now()
	if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
		os.RemoveAll(filepath.Join(dir, ".git", "igf"))
		t.Logf("reusing %s", dir)
	} else {
		st := genRepo(t, dir, n, 1)
		t.Logf("generated %d commits (%d merges, %d renames, %d toggles, %d meetings) in %v", st.commits, st.merges, st.renames, st.toggles, st.meetings, time.Since(start).Round(time.Millisecond))
	}

	// The machine may be busy: take the best of three runs of each, in turn,
	// and count CPU time as well as wall time.
	var gitLog, gitCPU, cold, coldCPU time.Duration
	var h *History
	if p := os.Getenv("IGF_HISTORY_CPUPROFILE"); p != "" {
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	for round := 0; round < 3; round++ {
		cmd := exec.Command("git", "log", "--name-only", "--format=%H", "--", "records/")
		cmd.Dir = dir
		cmd.Stdout = io.Discard
		start := time.Now()
		if err := cmd.Run(); err != nil {
			t.Fatal(err)
		}
		wall, cpu := time.Since(start), cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime()
		if round == 0 || wall < gitLog {
			gitLog = wall
		}
		if round == 0 || cpu < gitCPU {
			gitCPU = cpu
		}
		os.RemoveAll(filepath.Join(dir, ".git", "igf"))
		cpu0 := cpuTime()
		start = time.Now()
		var err error
		if h, err = load(t, open(t, dir), plumbing.ZeroHash); err != nil {
			t.Fatal(err)
		}
		wall, cpu = time.Since(start), cpuTime()-cpu0
		if round == 0 || wall < cold {
			cold = wall
		}
		if round == 0 || cpu < coldCPU {
			coldCPU = cpu
		}
	}
	var warm time.Duration
	for round := 0; round < 5; round++ {
		start := time.Now()
		h2, err := load(t, open(t, dir), plumbing.ZeroHash)
		if err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); round == 0 || d < warm {
			warm = d
		}
		if !sameEvents(h, h2) {
			t.Fatal("warm history differs")
		}
	}
	events := len(h.Events())
	ms := func(d time.Duration) time.Duration { return d.Round(time.Millisecond) }
	t.Logf("git log --name-only --format=%%H -- records/: %v wall, %v CPU", ms(gitLog), ms(gitCPU))
	t.Logf("igf history, cold: %v wall (%.2fx git log), %v CPU (%.2fx); %d changing commits, %d events",
		ms(cold), float64(cold)/float64(gitLog), ms(coldCPU), float64(coldCPU)/float64(gitCPU), len(h.Commits), events)
	t.Logf("igf history, warm (cached): %v wall (%.3fx git log), best of 5", warm.Round(100*time.Microsecond), float64(warm)/float64(gitLog))
	// On a shared machine wall time swings with the load; CPU time does not.
	if cold > 2*gitLog && coldCPU > 2*gitCPU {
		t.Errorf("cold history took %v (%v CPU), more than twice git log's %v (%v CPU)", cold, coldCPU, gitLog, gitCPU)
	}
}

// benchRepo is a 2,000-commit synthetic repository shared by the benchmarks.
func benchRepo(b *testing.B) string {
	b.Helper()
	dir := b.TempDir()
	genRepo(b, dir, 2000, 1)
	return dir
}

// BenchmarkHistoryCold builds the history of 2,000 commits from nothing.
func BenchmarkHistoryCold(b *testing.B) {
	dir := benchRepo(b)
	b.ResetTimer()
	for b.Loop() {
		os.RemoveAll(filepath.Join(dir, ".git", "igf"))
		if _, err := load(b, open(b, dir), plumbing.ZeroHash); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHistoryWarm reads the cached history of 2,000 commits.
func BenchmarkHistoryWarm(b *testing.B) {
	dir := benchRepo(b)
	if _, err := load(b, open(b, dir), plumbing.ZeroHash); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := load(b, open(b, dir), plumbing.ZeroHash); err != nil {
			b.Fatal(err)
		}
	}
}
