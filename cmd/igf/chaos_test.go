package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/igf-records/igf/bench/corpus"
	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/edit"
)

// TestChaos is the harness behind `make chaos`: igf killed with SIGKILL at
// random moments of --commit and plain edits, igf racing an appending
// editor and a committing git, caches damaged while igf reads them, and a
// corpus of hostile records. It prints a tally and fails on any broken
// repository (git fsck or git status failing), torn or lost file, or wrong
// answer. The short version (make test) runs a few rounds on 200 generated
// records; IGF_CHAOS=full (make chaos) runs hundreds on the 10,000-record
// repository at IGF_CHAOS_REPO, made by go run ./testdata/gen.
func TestChaos(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed: it judges the repositories")
	}
	full := os.Getenv("IGF_CHAOS") == "full"
	c := newChaos(t, full)
	rounds := map[bool][4]int{false: {10, 12, 12, 1}, true: {200, 200, 150, 1}}[full]
	if n, err := strconv.Atoi(os.Getenv("IGF_CHAOS_ROUNDS")); err == nil {
		rounds = [4]int{n, n, n, 1}
	}
	c.killLoop(rounds[0])
	c.concurrentEditor(rounds[1])
	c.concurrentGit(rounds[1])
	c.cacheDamage(rounds[2])
	c.hostile()
	report := c.tally.String() + fmt.Sprintf("  seed                             %d (IGF_CHAOS_SEED repeats the run)\n", c.seed)
	t.Log("\n" + report)
	if out := os.Getenv("IGF_CHAOS_TALLY"); out != "" {
		_ = os.WriteFile(out, []byte(report), 0o644)
	}
	if c.tally.broken+c.tally.torn+c.tally.lost+c.tally.wrong+c.tally.tempVisible > 0 {
		t.Fatalf("chaos found faults:\n%s", strings.Join(c.tally.faults, "\n"))
	}
}

type tally struct {
	mu                                                   sync.Mutex
	runs, kills, refusals, staleLocks, gitRefusals       int
	broken, torn, lost, lostInWindow, wrong, tempVisible int
	appends, records, commits                            int
	faults                                               []string
}

func (t *tally) fault(kind *int, format string, args ...any) {
	t.mu.Lock()
	defer t.mu.Unlock()
	*kind++
	if len(t.faults) < 40 {
		t.faults = append(t.faults, fmt.Sprintf(format, args...))
	}
}

func (t *tally) add(n *int, d int) { t.mu.Lock(); *n += d; t.mu.Unlock() }

func (t *tally) String() string {
	return fmt.Sprintf(`chaos tally (%d records)
  runs of igf                      %d
  killed with SIGKILL              %d
  commits made in the kill loop    %d
  refusals (exit 1 or 2, expected) %d
  stale git locks after a kill     %d (named by igf's next --commit, then removed)
  git refusals (igf held a lock)   %d
  appends by a concurrent editor   %d
  broken repositories              %d (git fsck or git status failed)
  torn files                       %d (neither the old bytes nor the new)
  bytes lost                       %d appends lost outside the documented window, %d inside it
  wrong answers                    %d
  temporary files in git status    %d
`, t.records, t.runs, t.kills, t.commits, t.refusals, t.staleLocks, t.gitRefusals, t.appends, t.broken, t.torn, t.lost, t.lostInWindow, t.wrong, t.tempVisible)
}

type chaos struct {
	t      *testing.T
	full   bool
	bin    string // a directory with igf in it
	repo   string
	branch string
	env    []string
	rnd    *rand.Rand
	seed   int64
	tally  tally
}

func newChaos(t *testing.T, full bool) *chaos {
	work := t.TempDir()
	// The short version's choices are the same on every run, so a fault it
	// finds in CI can be run again; the full one draws new ones each time.
	// IGF_CHAOS_SEED repeats a run; the seed is logged.
	seed := int64(1)
	if full {
		seed = time.Now().UnixNano()
	}
	if n, err := strconv.ParseInt(os.Getenv("IGF_CHAOS_SEED"), 10, 64); err == nil {
		seed = n
	}
	t.Logf("IGF_CHAOS_SEED=%d", seed)
	c := &chaos{t: t, full: full, repo: filepath.Join(work, "repo"), rnd: rand.New(rand.NewSource(seed)), seed: seed}
	// The test binary is igf when called by that name (testscript.Main).
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// IGF_CHAOS_BIN puts another igf binary through the same (a build of an
	// older commit, to see what the harness finds there).
	if b := os.Getenv("IGF_CHAOS_BIN"); b != "" {
		exe = b
	}
	c.bin = filepath.Join(work, "bin")
	os.MkdirAll(c.bin, 0o755)
	if err := os.Symlink(exe, filepath.Join(c.bin, "igf")); err != nil {
		t.Fatal(err)
	}
	home := filepath.Join(work, "home")
	os.MkdirAll(home, 0o755)
	c.env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+home, "GIT_CONFIG_NOSYSTEM=1", "NO_COLOR=1",
		"GIT_AUTHOR_NAME=Chaos Secretary", "GIT_AUTHOR_EMAIL=chaos@example.org",
		"GIT_COMMITTER_NAME=Chaos Secretary", "GIT_COMMITTER_EMAIL=chaos@example.org",
		"PATH="+c.bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	if src := os.Getenv("IGF_CHAOS_REPO"); full && src != "" {
		if out, err := exec.Command("cp", "-a", src, c.repo).CombinedOutput(); err != nil {
			t.Fatalf("copy %s: %v\n%s", src, err, out)
		}
	} else {
		n := 200
		if full {
			n = 10000
		}
		if _, err := corpus.Generate(corpus.Options{Records: n, Commits: max(10, n/50), Seed: 7, Out: c.repo}); err != nil {
			t.Fatal(err)
		}
	}
	entries := 0
	filepath.WalkDir(filepath.Join(c.repo, "records"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			entries++
		}
		return nil
	})
	c.tally.records = entries
	out, _ := c.git("symbolic-ref", "--short", "HEAD")
	c.branch = strings.TrimSpace(out)
	if ok, why := c.gitSound(); !ok {
		t.Fatalf("the generated repository is not sound to begin with: %s", why)
	}
	return c
}

// igf runs igf in the repository and returns its exit code and output.
func (c *chaos) igf(args ...string) (code int, stdout, stderr string) {
	c.tally.add(&c.tally.runs, 1)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(c.bin, "igf"), args...)
	cmd.Dir, cmd.Env = c.repo, c.env
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if ctx.Err() != nil {
		c.tally.fault(&c.tally.wrong, "igf %s did not finish in two minutes", strings.Join(args, " "))
	}
	return exitCode(err), o.String(), e.String()
}

func exitCode(err error) int {
	if err == nil {
		return 0
	}
	if ee, ok := err.(*exec.ExitError); ok {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return 128 + int(ws.Signal())
		}
		return ee.ExitCode()
	}
	return -1
}

func (c *chaos) git(args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir, cmd.Env = c.repo, c.env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// gitSound is what git says of the repository: fsck and status must work.
func (c *chaos) gitSound() (bool, string) {
	if out, err := c.git("fsck", "--no-dangling", "--no-progress"); err != nil || strings.Contains(out, "error") || strings.Contains(out, "fatal") {
		return false, "git fsck: " + strings.TrimSpace(out)
	}
	if out, err := c.git("status", "--porcelain"); err != nil {
		return false, "git status: " + strings.TrimSpace(out)
	}
	return true, ""
}

type item struct {
	ID, Status, Kind, Path string
}

func (c *chaos) items() []item {
	code, out, errOut := c.igf("action", "list", "--status", "all", "--kind", "action", "-o", "json")
	if code != 0 {
		c.t.Fatalf("action list: exit %d: %s", code, errOut)
	}
	var raw []map[string]any
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		c.t.Fatalf("action list -o json: %v", err)
	}
	var its []item
	for _, r := range raw {
		id, _ := r["id"].(string)
		st, _ := r["status"].(string)
		p, _ := r["path"].(string)
		if src, ok := r["source"].(string); p == "" && ok {
			p, _, _ = strings.Cut(src, ":")
		}
		if id != "" && p != "" {
			its = append(its, item{ID: id, Status: st, Path: p})
		}
	}
	sort.Slice(its, func(i, j int) bool { return its[i].ID < its[j].ID })
	if len(its) == 0 {
		c.t.Fatal("no actions in the repository")
	}
	return its
}

// expected is the file with the item ticked (done) or cleared.
func expected(path string, data []byte, id string, done bool) []byte {
	rec, _ := parse.File(path, data)
	if rec == nil {
		return nil
	}
	for _, it := range rec.Items {
		if strings.EqualFold(it.ID, id) {
			out, err := edit.SetStatus(data, it, done, "")
			if err != nil {
				return nil
			}
			return out
		}
	}
	return nil
}

// locks are git's lock files a killed writer can leave.
func (c *chaos) locks() []string {
	var out []string
	for _, p := range []string{".git/index.lock", ".git/refs/heads/" + c.branch + ".lock", ".git/HEAD.lock"} {
		if _, err := os.Stat(filepath.Join(c.repo, p)); err == nil {
			out = append(out, p)
		}
	}
	return out
}

func (c *chaos) head() string {
	out, _ := c.git("rev-parse", "HEAD")
	return strings.TrimSpace(out)
}

// tempFiles counts igf's temporary files that git status shows.
func (c *chaos) tempFiles() int {
	out, _ := c.git("status", "--porcelain", "--untracked-files=all")
	return strings.Count(out, "igf-tmp")
}

// killLoop kills igf at random moments of done and reopen, with and without
// --commit, and of new meeting --commit; after each, git must find the
// repository sound, every record must hold its old bytes or the new, and a
// commit that was made must hold exactly the edit.
func (c *chaos) killLoop(rounds int) {
	its := c.items()
	// How long an edit takes here, to spread the kills over its run.
	probe := its[0]
	began := time.Now()
	c.igf("action", "done", probe.ID, "--commit")
	took := time.Since(began)
	c.igf("action", "reopen", probe.ID, "--commit")
	for r := 0; r < rounds; r++ {
		it := its[c.rnd.Intn(len(its))]
		full := filepath.Join(c.repo, filepath.FromSlash(it.Path))
		before, err := os.ReadFile(full)
		if err != nil {
			c.t.Fatal(err)
		}
		rec, _ := parse.File(it.Path, before)
		done := true
		for _, x := range rec.Items {
			if strings.EqualFold(x.ID, it.ID) && x.Status == record.StatusDone {
				done = false
			}
		}
		after := expected(it.Path, before, it.ID, done)
		verb := map[bool]string{true: "done", false: "reopen"}[done]
		commit := c.rnd.Intn(3) > 0
		args := []string{"action", verb, it.ID}
		meeting := c.rnd.Intn(6) == 0
		if meeting {
			args = []string{"new", "meeting", "--body", "LP", "--date", time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r).Format("2006-01-02")}
		}
		if commit || meeting {
			args = append(args, "--commit")
		}
		oldHead := c.head()
		cmd := exec.Command(filepath.Join(c.bin, "igf"), args...)
		cmd.Dir, cmd.Env = c.repo, c.env
		var errOut bytes.Buffer
		cmd.Stderr = &errOut
		if err := cmd.Start(); err != nil {
			c.t.Fatal(err)
		}
		c.tally.add(&c.tally.runs, 1)
		delay := time.Duration(float64(took) * (0.2 + c.rnd.Float64()))
		started := time.Now()
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		var runErr error
		killed := false
		select {
		case runErr = <-exited:
		case <-time.After(delay):
			_ = cmd.Process.Kill()
			runErr = <-exited
			killed = exitCode(runErr) == 128+int(syscall.SIGKILL)
		}
		// Follow how long a run takes now (a shared machine's load
		// changes), so the kills keep falling all over the run, the
		// writes at its end included, rather than all in its first part.
		if killed {
			took = took * 5 / 4
		} else {
			took = (took + time.Since(started)) / 2
		}
		what := fmt.Sprintf("round %d: igf %s (%s)", r, strings.Join(args, " "), map[bool]string{true: "killed", false: "finished"}[killed])
		if killed {
			c.tally.add(&c.tally.kills, 1)
		} else if code := exitCode(runErr); code != 0 {
			c.tally.add(&c.tally.refusals, 1)
			if code != 1 && code != 2 {
				c.tally.fault(&c.tally.wrong, "%s: exit %d: %s", what, code, errOut.String())
			}
		}
		if ok, why := c.gitSound(); !ok {
			c.tally.fault(&c.tally.broken, "%s: %s", what, why)
		}
		if n := c.tempFiles(); n > 0 {
			c.tally.fault(&c.tally.tempVisible, "%s: %d temporary files in git status", what, n)
		}
		// Every file git sees changed must hold whole bytes: the old or
		// the new for the edited record, a record that reads for others.
		now, _ := os.ReadFile(full)
		if !meeting && !bytes.Equal(now, before) && !bytes.Equal(now, after) {
			c.tally.fault(&c.tally.torn, "%s: %s is neither the old bytes nor the new", what, it.Path)
		}
		status, _ := c.git("status", "--porcelain", "--untracked-files=all", "--", "records")
		for _, line := range strings.Split(strings.TrimSpace(status), "\n") {
			if len(line) < 4 {
				continue
			}
			p := strings.TrimSpace(line[3:])
			data, err := os.ReadFile(filepath.Join(c.repo, filepath.FromSlash(p)))
			if err != nil {
				continue // deleted: reported by git itself
			}
			if r, _ := parse.File(p, data); r == nil {
				c.tally.fault(&c.tally.torn, "%s: %s does not read as a record", what, p)
			}
			if !meeting && p != it.Path {
				c.tally.fault(&c.tally.wrong, "%s: %s changed, though igf edited only %s", what, p, it.Path)
			}
		}
		// A commit that was made holds the edit and nothing else.
		if h := c.head(); h != oldHead {
			c.tally.add(&c.tally.commits, 1)
			if !commit && !meeting {
				c.tally.fault(&c.tally.wrong, "%s: HEAD moved without --commit", what)
			}
			files, _ := c.git("diff", "--name-only", oldHead, h)
			if !meeting {
				if strings.TrimSpace(files) != it.Path {
					c.tally.fault(&c.tally.wrong, "%s: the commit changed %q, want %s only", what, strings.TrimSpace(files), it.Path)
				}
				blob, _ := c.git("show", h+":"+it.Path)
				if blob != string(after) {
					c.tally.fault(&c.tally.wrong, "%s: the commit does not hold the edit", what)
				}
				if !bytes.Equal(now, after) {
					c.tally.fault(&c.tally.wrong, "%s: committed, but the work tree does not hold the edit", what)
				}
			}
			if msg, _ := c.git("reflog", "-1", "--format=%gs"); !strings.HasPrefix(msg, "commit") {
				c.tally.fault(&c.tally.wrong, "%s: no reflog entry for the commit (%q)", what, msg)
			}
		} else if !killed && exitCode(runErr) == 0 && (commit || meeting) {
			c.tally.fault(&c.tally.wrong, "%s: exit 0 but nothing committed", what)
		}
		if !killed && exitCode(runErr) == 0 && !meeting && !bytes.Equal(now, after) {
			c.tally.fault(&c.tally.wrong, "%s: exit 0 but the file does not hold the edit", what)
		}
		// A lock a kill left: igf must name it and refuse, as git would.
		if locks := c.locks(); len(locks) > 0 {
			c.tally.add(&c.tally.staleLocks, 1)
			code, _, e := c.igf("action", verb, it.ID, "--commit")
			if code != 2 || !strings.Contains(e, ".lock exists") {
				c.tally.fault(&c.tally.wrong, "%s: left %v, and igf's next --commit said (exit %d) %s", what, locks, code, e)
			}
			for _, l := range locks {
				os.Remove(filepath.Join(c.repo, l))
			}
		}
		// Back to a clean state for the next round, as a user would.
		c.git("reset", "-q", "--hard")
		c.git("clean", "-fdq", "--", "records")
	}
}

// concurrentEditor races edits of one record against an editor that
// appends a line to it, open-write-close, again and again: every appended
// line must be in the file at the end.
func (c *chaos) concurrentEditor(rounds int) {
	its := c.items()
	it := its[len(its)/2]
	full := filepath.Join(c.repo, filepath.FromSlash(it.Path))
	appended := 0
	// linked[k] says the file append k went into still had its name just
	// after the write: the write came before any rename of igf's, so igf
	// must have seen it. Only an append into a file igf had already
	// replaced can fall in the documented window.
	var linked, written []bool
	// At most perRound appends while one igf run lasts: on a loaded
	// machine an unbounded editor grew the record by megabytes, towards
	// the 4 MiB cap, and every run slower.
	const perRound = 64
	var thisRound atomic.Int32
	stop := meanwhile(func(k int) {
		for thisRound.Load() >= perRound {
			time.Sleep(time.Millisecond)
		}
		thisRound.Add(1)
		f, err := os.OpenFile(full, os.O_WRONLY|os.O_APPEND, 0)
		if err == nil {
			fmt.Fprintf(f, "\n<!-- appended by an editor: %d -->\n", k)
			linked = append(linked, linkCount(f) > 0)
			written = append(written, true)
			f.Close()
			appended = k + 1
		} else {
			linked, written = append(linked, false), append(written, false)
		}
		time.Sleep(time.Duration(200+k%800) * time.Microsecond)
	})
	for r := 0; r < rounds; r++ {
		verb := []string{"done", "reopen"}[r%2]
		thisRound.Store(0)
		code, _, e := c.igf("action", verb, it.ID)
		if code != 0 {
			c.tally.add(&c.tally.refusals, 1)
			if code != 1 || !strings.Contains(e, "changed") {
				c.tally.fault(&c.tally.wrong, "concurrent editor: igf action %s: exit %d: %s", verb, code, e)
			}
		}
	}
	thisRound.Store(-perRound) // lets a waiting append go, so stop returns
	stop()
	c.tally.add(&c.tally.appends, appended)
	data, _ := os.ReadFile(full)
	saved, _ := filepath.Glob(filepath.Join(c.repo, ".git", "igf", "saved", "*"))
	for _, s := range saved {
		b, _ := os.ReadFile(s)
		data = append(data, b...)
	}
	// One pass over the file for the lines there (a search per line was
	// quadratic: minutes at 100,000 lines).
	found := map[int]bool{}
	const mark = "<!-- appended by an editor: "
	for rest := data; ; {
		i := bytes.Index(rest, []byte(mark))
		if i < 0 {
			break
		}
		rest = rest[i+len(mark):]
		if j := bytes.Index(rest, []byte(" -->")); j > 0 {
			if k, err := strconv.Atoi(string(rest[:j])); err == nil {
				found[k] = true
			}
		}
	}
	for k := 0; k < appended; k++ {
		if !written[k] || found[k] {
			continue
		}
		if linked[k] {
			c.tally.fault(&c.tally.lost, "concurrent editor: append %d, written while the file still had its name, is lost", k)
			continue
		}
		// The documented window: a write into the replaced file, by a
		// program that opened it before igf's rename.
		c.tally.add(&c.tally.lostInWindow, 1)
	}
	if ok, why := c.gitSound(); !ok {
		c.tally.fault(&c.tally.broken, "concurrent editor: %s", why)
	}
	c.git("reset", "-q", "--hard")
}

// concurrentGit races igf --commit against git add and git commit of
// another file: each respects the other's index.lock; every commit either
// reports survives in the history, and the index ends up sound.
func (c *chaos) concurrentGit(rounds int) {
	its := c.items()
	it := its[len(its)/3]
	other := filepath.Join(c.repo, "NOTES.txt")
	stop := meanwhile(func(k int) {
		os.WriteFile(other, []byte(fmt.Sprintf("note %d\n", k)), 0o644)
		if out, err := c.git("add", "NOTES.txt"); err != nil {
			if strings.Contains(out, "index.lock") {
				c.tally.add(&c.tally.gitRefusals, 1)
			}
			return
		}
		if out, err := c.git("commit", "-q", "--no-verify", "-m", fmt.Sprintf("Note %d", k), "--", "NOTES.txt"); err != nil && strings.Contains(out, ".lock") {
			c.tally.add(&c.tally.gitRefusals, 1)
		}
	})
	var made []string
	for r := 0; r < rounds; r++ {
		verb := []string{"done", "reopen"}[r%2]
		code, _, e := c.igf("action", verb, it.ID, "--commit")
		switch {
		case code == 0:
			if i := strings.Index(e, "committed "); i >= 0 && len(e) >= i+17 {
				made = append(made, e[i+10:i+17])
			}
		case code == 2 && (strings.Contains(e, ".lock exists") || strings.Contains(e, "already staged")):
			c.tally.add(&c.tally.refusals, 1)
		case code == 1 || code == 2:
			c.tally.add(&c.tally.refusals, 1)
		default:
			c.tally.fault(&c.tally.wrong, "concurrent git: igf action %s --commit: exit %d: %s", verb, code, e)
		}
	}
	stop()
	for _, h := range made {
		if _, err := c.git("merge-base", "--is-ancestor", h, "HEAD"); err != nil {
			c.tally.fault(&c.tally.lost, "concurrent git: igf's commit %s is not in the history", h)
		}
	}
	if ok, why := c.gitSound(); !ok {
		c.tally.fault(&c.tally.broken, "concurrent git: %s", why)
	}
	if out, err := c.git("diff", "--cached", "--name-only", "--", "records"); err != nil || strings.TrimSpace(out) != "" {
		c.tally.fault(&c.tally.wrong, "concurrent git: the index differs from HEAD under records/: %q", out)
	}
	c.git("reset", "-q", "--hard")
}

// meanwhile runs step(0), step(1), ... in the background until stop is
// called (which waits for the step under way).
func meanwhile(step func(k int)) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for k := 0; ; k++ {
			select {
			case <-done:
				return
			default:
				step(k)
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

// cacheDamage flips bits of, cuts and swaps files under .git/igf between
// questions and while they are asked: every answer must be the one igf
// gives with no cache at all, and igf must never die of a signal.
func (c *chaos) cacheDamage(rounds int) {
	questions := [][]string{{"action", "list", "--owner", "LF", "-o", "csv"}, {"log", "--limit", "30", "-o", "json"}, {"show", c.items()[0].ID}}
	want := make([]string, len(questions))
	for i, q := range questions {
		os.RemoveAll(filepath.Join(c.repo, ".git", "igf"))
		code, out, e := c.igf(q...)
		if code != 0 {
			c.t.Fatalf("igf %s with no cache: exit %d: %s", strings.Join(q, " "), code, e)
		}
		want[i] = out
	}
	igfDir := filepath.Join(c.repo, ".git", "igf")
	for r := 0; r < rounds; r++ {
		q := r % len(questions)
		files := cacheFiles(igfDir)
		damage := func() {
			if len(files) == 0 {
				return
			}
			p := files[c.rnd.Intn(len(files))]
			data, err := os.ReadFile(p)
			if err != nil || len(data) == 0 {
				return
			}
			switch c.rnd.Intn(3) {
			case 0:
				pos := c.rnd.Intn(len(data))
				data[pos] ^= 1 << c.rnd.Intn(8)
				os.WriteFile(p, data, 0o644)
			case 1:
				os.Truncate(p, int64(c.rnd.Intn(len(data))))
			default:
				other, _ := os.ReadFile(files[c.rnd.Intn(len(files))])
				os.WriteFile(p, other, 0o644)
			}
		}
		if r%2 == 0 {
			damage()
			code, out, e := c.igf(questions[q]...)
			if code != 0 || out != want[q] {
				c.tally.fault(&c.tally.wrong, "cache damaged before igf %s: exit %d: %s: %s", strings.Join(questions[q], " "), code, firstDiff(want[q], out), e)
			}
			continue
		}
		// Damage while igf runs: truncate a file it is reading.
		cmd := exec.Command(filepath.Join(c.bin, "igf"), questions[q]...)
		cmd.Dir, cmd.Env = c.repo, c.env
		var o, e bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &e
		cmd.Start()
		c.tally.add(&c.tally.runs, 1)
		time.Sleep(time.Duration(c.rnd.Intn(20)) * time.Millisecond)
		for _, p := range files {
			os.Truncate(p, 0)
		}
		code := exitCode(cmd.Wait())
		if code != 0 || o.String() != want[q] {
			c.tally.fault(&c.tally.wrong, "cache truncated during igf %s: exit %d: %s: %s", strings.Join(questions[q], " "), code, firstDiff(want[q], o.String()), e.String())
		}
	}
}

// firstDiff shows where got first differs from want, line by line.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("answer differs at line %d: want %q, got %q", i+1, a, b)
		}
	}
	return "same answer"
}

func cacheFiles(dir string) []string {
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// hostile puts the hostile-value corpus into a copy of the bundled records
// — every file of testdata/invalid, escape sequences, formula cells, a
// registry ID that climbs out, look-alike IDs — and asks every kind of
// question: igf must answer or refuse (exit 0, 1 or 2), never panic or
// hang, never let a control character reach a table, a view or a message,
// never write a CSV formula, never make a file outside records/.
func (c *chaos) hostile() {
	work := filepath.Join(c.t.TempDir(), "hostile")
	repo := filepath.Join(work, "repo")
	if err := os.CopyFS(filepath.Join(repo, "records"), os.DirFS("../../records")); err != nil {
		c.t.Fatal(err)
	}
	dir := filepath.Join(repo, "records", "meetings", "hostile")
	os.MkdirAll(dir, 0o755)
	invalid, _ := filepath.Glob("../../testdata/invalid/*.md")
	for _, p := range invalid {
		data, _ := os.ReadFile(p)
		os.WriteFile(filepath.Join(dir, filepath.Base(p)), data, 0o644)
	}
	hostile := "---\nid: hx-2024-01-01\ntype: meeting\ntitle: \"\\e]0;owned\\a\\e[2J\\rHostile \\u202egnp.exe\"\nbody: LP\ndate: \"2024-01-01\"\nformat: virtual\n---\n" +
		"- [ ] =HYPERLINK(\"https://evil.example/\",\"x\") @LF due:2024-03-01 {#hx-a1}\n" +
		"- [ ] \x1b]8;;https://evil.example/\x07Click\x1b]8;;\x07 @LF due:2024-03-01 {#hx-a2}\n" +
		"- [ ] @SUM(1) \u009b2J @LF due:2024-03-01 {#\u0130ww-1}\n" +
		"- [ ] -cmd|' /C calc'!A0 @LF due:2024-03-01 {#hx-a4}\n"
	os.WriteFile(filepath.Join(dir, "\x1b[2Jhostile.md"), []byte(hostile), 0o644)
	reg, _ := os.ReadFile(filepath.Join(repo, "records", "registry.md"))
	reg = bytes.Replace(reg, []byte("bodies:\n"), []byte("bodies:\n  - id: ../../outside\n    aliases: [Outside]\n"), 1)
	os.WriteFile(filepath.Join(repo, "records", "registry.md"), reg, 0o644)
	before := listing(work)
	save := c.repo
	c.repo = repo
	defer func() { c.repo = save }()
	questions := [][]string{
		{"action", "list", "--owner", "LF"}, {"action", "list", "--status", "all", "-o", "csv"}, {"action", "list", "--status", "all", "-o", "json"},
		{"meeting", "list"}, {"decision", "list"}, {"people", "list"}, {"show", "hx-2024-01-01"}, {"show", "hx-a2"}, {"show", "iww-1"},
		{"validate"}, {"validate", "-o", "github"}, {"report", "quarterly", "2024-Q1", "--today", "2024-04-15"},
		{"report", "outstanding", "--today", "2024-04-15"}, {"calendar", "--owner", "LF"}, {"timeline", "show", "iww-2024"},
		{"id", "assign", "--dry-run"}, {"new", "meeting", "--body", "Outside", "--date", "2024-02-26"},
		{"new", "meeting", "--body", "LP", "--date", "2024-02-27", "--template", "/dev/zero"},
	}
	for _, q := range questions {
		code, out, e := c.igf(q...)
		what := "hostile corpus: igf " + strings.Join(q, " ")
		if code != 0 && code != 1 && code != 2 {
			c.tally.fault(&c.tally.wrong, "%s: exit %d: %s", what, code, firstLine(e))
		}
		if strings.Contains(e, "panic") || strings.Contains(e, "goroutine ") {
			c.tally.fault(&c.tally.wrong, "%s: the runtime spoke: %s", what, firstLine(e))
		}
		if bad := controls(e); bad != "" {
			c.tally.fault(&c.tally.wrong, "%s: %s reached stderr", what, bad)
		}
		format := ""
		for i, a := range q {
			if a == "-o" && i+1 < len(q) {
				format = q[i+1]
			}
		}
		isTerminalText := format == "" && q[0] != "report" && q[0] != "calendar" && q[0] != "timeline"
		if isTerminalText {
			if bad := controls(out); bad != "" {
				c.tally.fault(&c.tally.wrong, "%s: %s reached stdout", what, bad)
			}
		}
		if format == "csv" {
			rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil {
				c.tally.fault(&c.tally.wrong, "%s: CSV does not parse: %v", what, err)
			}
			for _, row := range rows {
				for _, cell := range row {
					if cell != "" && cell != "-" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
						c.tally.fault(&c.tally.wrong, "%s: a CSV cell a spreadsheet would run: %q", what, cell)
					}
				}
			}
		}
	}
	if after := listing(work); !sameListing(before, after) {
		c.tally.fault(&c.tally.wrong, "hostile corpus: files appeared outside records/: %v", newFiles(before, after))
	}
}

func firstLine(s string) string { l, _, _ := strings.Cut(strings.TrimSpace(s), "\n"); return l }

// controls names a character of s that a terminal would act on.
func controls(s string) string {
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
			return strconv.QuoteRune(r)
		}
	}
	return ""
}

// listing is every file under dir except records/ and .git.
func listing(dir string) map[string]bool {
	m := map[string]bool{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() && (d.Name() == ".git" || rel == filepath.Join("repo", "records")) {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			m[rel] = true
		}
		return nil
	})
	return m
}

func sameListing(a, b map[string]bool) bool { return len(newFiles(a, b)) == 0 }

func newFiles(a, b map[string]bool) []string {
	var out []string
	for p := range b {
		if !a[p] {
			out = append(out, p)
		}
	}
	return out
}
