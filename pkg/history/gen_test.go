package history

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// genRepo builds, with git fast-import, a repository of n first-parent
// commits for scale tests: the bundled records first, then synthetic LP
// meetings added, actions closed and reopened, files renamed, commits that
// touch nothing under records/, and a merged side branch every 500 commits.
// It returns what it did, so tests can check the walk against it.
type genStats struct {
	commits, merges, renames, toggles, meetings, outside int
}

func genRepo(tb testing.TB, dir string, n int, seed int64) genStats {
	tb.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		tb.Skip("git is not installed")
	}
	run(tb, dir, "git", "init", "-q", "-b", "main")
	files := map[string][]byte{}
	err := filepath.WalkDir("../../records", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel("../..", p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	var st genStats
	rng := rand.New(rand.NewSource(seed))
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	when := int64(1700000000) // November 2023
	mark := 0
	var meetings []string
	commit := func(branch, msg string, from int, merge int, ops func()) int {
		mark++
		when += 3600
		fmt.Fprintf(w, "commit refs/heads/%s\nmark :%d\n", branch, mark)
		fmt.Fprintf(w, "author Member %d <m%d@example.org> %d +0000\n", mark%7, mark%7, when)
		fmt.Fprintf(w, "committer Member %d <m%d@example.org> %d +0000\n", mark%7, mark%7, when)
		fmt.Fprintf(w, "data %d\n%s\n", len(msg), msg)
		if from > 0 {
			fmt.Fprintf(w, "from :%d\n", from)
		}
		if merge > 0 {
			fmt.Fprintf(w, "merge :%d\n", merge)
		}
		ops()
		w.WriteString("\n")
		return mark
	}
	put := func(p string) {
		fmt.Fprintf(w, "M 100644 inline %s\ndata %d\n%s\n", p, len(files[p]), files[p])
	}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	head := commit("main", "Import the bundled records", 0, 0, func() {
		for _, p := range paths {
			put(p)
		}
	})
	st.commits++
	toggle := func() (string, bool) {
		if len(meetings) == 0 {
			return "", false
		}
		p := meetings[rng.Intn(len(meetings))]
		data := files[p]
		i := rng.Intn(5)
		needle := fmt.Sprintf("{#%s-a%d}", meetingID(p), i+1)
		end := bytes.Index(data, []byte(needle))
		start := bytes.LastIndex(data[:end], []byte("- ["))
		if data[start+3] == ' ' {
			data[start+3] = 'x'
		} else {
			data[start+3] = ' '
		}
		st.toggles++
		return p, true
	}
	for st.commits < n {
		k := st.commits
		switch {
		case k%500 == 499 && len(meetings) > 0:
			// A side branch closes an action; main merges it with --no-ff.
			var p string
			side := commit("side", "Close an action on a branch", head, 0, func() {
				p, _ = toggle()
				put(p)
			})
			// fast-import starts a merge from its first parent's tree: the
			// merge brings the branch's change by writing the file.
			head = commit("main", "Merge branch side", head, side, func() { put(p) })
			st.merges++
			st.commits++
		case k%10 == 1 || len(meetings) == 0:
			p, data := meeting(len(meetings))
			files[p] = data
			meetings = append(meetings, p)
			st.meetings++
			head = commit("main", "Add "+p, 0, 0, func() { put(p) })
		case k%250 == 7:
			i := rng.Intn(len(meetings))
			old := meetings[i]
			p := strings.Replace(old, "/meetings/", "/meetings/moved/", 1)
			if strings.Contains(old, "/moved/") {
				p = strings.Replace(old, "/moved/", "/", 1)
			}
			files[p] = files[old]
			delete(files, old)
			meetings[i] = p
			st.renames++
			head = commit("main", "Move "+old, 0, 0, func() { fmt.Fprintf(w, "R %s %s\n", old, p) })
		case k%20 == 3:
			st.outside++
			head = commit("main", "Notes", 0, 0, func() {
				fmt.Fprintf(w, "M 100644 inline notes.txt\ndata %d\n%d\n", len(fmt.Sprint(k))+1, k)
			})
		default:
			head = commit("main", "Update an action", 0, 0, func() {
				p, _ := toggle()
				put(p)
			})
		}
		st.commits++
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command("git", "fast-import", "--quiet")
	cmd.Dir = dir
	cmd.Stdin = &buf
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("git fast-import: %v\n%s", err, out)
	}
	run(tb, dir, "git", "checkout", "-q", "main")
	// Pack as a real repository would be, without a commit-graph, so git log
	// gets no help go-git cannot use.
	run(tb, dir, "git", "repack", "-adq")
	return st
}

func meetingID(p string) string {
	base := p[strings.LastIndexByte(p, '/')+1:]
	return "syn-" + strings.TrimSuffix(base, ".md")
}

// meeting is a synthetic LP meeting report of the bundled records' shape:
// front matter, a decision and five actions with owners from the registry.
func meeting(i int) (string, []byte) {
	p := fmt.Sprintf("records/meetings/syn/%05d.md", i)
	id := meetingID(p)
	owners := []string{"VC", "LF", "MG", "CR", "GS", "Sect", "LP"}
	var b strings.Builder
	fmt.Fprintf(&b, "---\nid: %s\ntype: meeting\ntitle: IGF Leadership Panel meeting %d\nbody: LP\ndate: \"2024-%02d-%02d\"\n", id, i, 1+i%12, 1+i%28)
	fmt.Fprintf(&b, "time: \"16:00-17:00 UTC\"\nformat: virtual\nlocation: Online\nchair: [VC]\nattendees: [VC, LF, MG, CR, GS]\nitems: action\ntags: [synthetic]\n---\n")
	fmt.Fprintf(&b, "# IGF Leadership Panel\n\nThe Panel met virtually to review the work of its groups.\n\n## Decisions\n\n")
	fmt.Fprintf(&b, "- The Panel agreed to share the draft with the MAG before the next meeting. {#%s-d1}\n\n## Action items\n\n", id)
	for a := 1; a <= 5; a++ {
		fmt.Fprintf(&b, "- [ ] Prepare item %d of the follow-up and circulate it to the Panel. @%s due:2024-%02d {#%s-a%d}\n", a, owners[(i+a)%len(owners)], 1+(i+a)%12, id, a)
	}
	return p, []byte(b.String())
}

func run(tb testing.TB, dir string, name string, args ...string) string {
	tb.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		tb.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}
