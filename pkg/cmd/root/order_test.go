package root

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmdutil"
)

// bundledRepo is a git repository holding a copy of the bundled records/,
// committed on 2 January 2024.
func bundledRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "records"), os.DirFS("../../../records")); err != nil {
		t.Fatal(err)
	}
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	if err := wt.AddGlob("records"); err != nil {
		t.Fatal(err)
	}
	sig := &object.Signature{Name: "Test Secretary", Email: "secretary@example.org", When: time.Date(2024, 1, 2, 10, 0, 0, 0, time.UTC)}
	if _, err := wt.Commit("Import the bundled records", &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// run runs the real command tree in this process and returns its stdout,
// stderr and exit code.
func run(dir string, args []string) (string, string, int) {
	var out, errOut bytes.Buffer
	f := &cmdutil.Factory{IO: &cmdutil.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut},
		Loader: cmdutil.LoadWorktree, Now: time.Now}
	cmd := NewCmdRoot(f)
	cmd.SetArgs(append([]string{"--dir", dir}, args...))
	cmd.SetOut(&errOut)
	cmd.SetErr(&errOut)
	err := cmd.Execute()
	if err != nil {
		errOut.WriteString(err.Error())
	}
	return out.String(), errOut.String(), cmdutil.Code(err)
}

// orders are every order of units in which each of the first keep units
// comes after the one before it (a command's words stay in their order;
// flags and arguments go anywhere after the root).
func orders(units [][]string, keep int) [][]string {
	var out [][]string
	var walk func(rest [][]string, done []string, next int)
	walk = func(rest [][]string, done []string, next int) {
		if len(rest) == 0 {
			out = append(out, append([]string(nil), done...))
			return
		}
		for i, u := range rest {
			if i < keep-next && i != 0 {
				continue // a command word before the one it follows
			}
			n := next
			if i == 0 && next < keep {
				n++
			}
			others := append(append([][]string(nil), rest[:i]...), rest[i+1:]...)
			walk(others, append(done, u...), n)
		}
	}
	walk(units, nil, 0)
	return out
}

// --at, --as-of and --today are resolved once after parsing: whatever
// order they are given in, on whichever command of the path, the answer is
// the same, and --today given is today.
func TestHistoryFlagsInEveryOrder(t *testing.T) {
	dir := bundledRepo(t)
	for _, c := range []struct {
		name  string
		units [][]string
		keep  int
		want  string
	}{
		{"as-of and today", [][]string{{"report"}, {"quarterly"}, {"2024-Q1"}, {"--as-of", "2024-Q1"}, {"--today", "2024-06-30"}}, 3,
			"today taken as 30 June 2024"},
		{"as-of alone", [][]string{{"report"}, {"quarterly"}, {"2024-Q1"}, {"--as-of=2024-Q1"}, {"-o", "json"}}, 3,
			`"as_of": "2024-Q1"`},
		{"at and today", [][]string{{"action"}, {"list"}, {"--at", "HEAD"}, {"--today", "2024-06-30"}}, 2,
			"iww-2\t2024-04-mid\toverdue"},
	} {
		t.Run(c.name, func(t *testing.T) {
			all := orders(c.units, c.keep)
			n := 1 // len(units)! / keep!
			for i := c.keep + 1; i <= len(c.units); i++ {
				n *= i
			}
			if len(all) != n {
				t.Fatalf("%d orders, want %d", len(all), n)
			}
			first, firstErr, firstCode := run(dir, all[0])
			if firstCode != 0 || !strings.Contains(first, c.want) {
				t.Fatalf("igf %s: exit %d, stdout without %q:\n%s\nstderr:\n%s", strings.Join(all[0], " "), firstCode, c.want, first, firstErr)
			}
			for _, args := range all[1:] {
				out, errOut, code := run(dir, args)
				if out != first || errOut != firstErr || code != firstCode {
					t.Errorf("igf %s differs from igf %s: exit %d, stderr %q, stdout:\n%s", strings.Join(args, " "), strings.Join(all[0], " "), code, errOut, out)
				}
			}
		})
	}
}

// Resolve runs from the root's PersistentPreRunE; a command with one of its
// own would replace it (cobra runs only the nearest).
func TestNoCommandReplacesTheRootPreRun(t *testing.T) {
	f := &cmdutil.Factory{IO: &cmdutil.IOStreams{In: strings.NewReader("")}}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			if sub.PersistentPreRun != nil || sub.PersistentPreRunE != nil {
				t.Errorf("%s sets a PersistentPreRun: --at, --as-of and --today would not be resolved under it", sub.CommandPath())
			}
			walk(sub)
		}
	}
	walk(NewCmdRoot(f))
}
