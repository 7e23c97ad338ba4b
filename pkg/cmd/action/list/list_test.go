package list

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/igf-records/igf/bench/corpus"
	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/source"
)

// list runs `igf action list args...` on the repository at dir and returns
// what it wrote to stdout and stderr.
func list(t *testing.T, dir string, args ...string) string { return listFrom(t, dir, nil, args...) }

// listFrom is list; with parsed, the answer comes from that full parse of
// every file (source.LoadWorktree), with no store.
func listFrom(t *testing.T, dir string, parsed *source.Loaded, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	f := &cmdutil.Factory{IO: &cmdutil.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut},
		Dir: dir, TodayFlag: "2016-06-30", Loader: cmdutil.LoadWorktree, Now: time.Now}
	if parsed != nil {
		f.Loader = func(*cmdutil.Factory) (*source.Loaded, error) { return parsed, nil }
	}
	cmd := newCmdList(f, &options{parse: parsed != nil})
	cmd.SetArgs(args)
	cmd.SetOut(&errOut)
	cmd.SetErr(&errOut)
	err := cmd.Execute()
	return out.String() + "\n--- stderr\n" + errOut.String() + "\n--- exit " + strings.TrimSpace(strings.ReplaceAll(errString(err), "\n", " "))
}

func errString(err error) string {
	if err == nil {
		return "0"
	}
	return err.Error()
}

// queries cover IDs, initials and aliases in any case, bodies, several
// owners, unknown names, every status and the output formats.
var queries = [][]string{
	{"--owner", "LF"},
	{"--owner", "lf"},
	{"--owner", "lise fuhr"},
	{"--owner", "LF", "--via-bodies"},
	{"--owner", "VC", "--via-bodies", "--status", "all"},
	{"--owner", "LF", "--status", "done", "-o", "csv"},
	{"--owner", "GS", "--owner", "Sect", "-o", "json"},
	{"--owner", "Secretariat", "--status", "all"},
	{"--owner", "igf mag", "--kind", "action"},
	{"--owner", "LP"},
	{"--owner", "zed"},
	{"--owner", "TBD", "--status", "all"},
	{"--owner", "LF,GS", "--overdue"},
}

// compare fails unless every query gives the same answer from the store
// (where the indexes pick the items, and only the registry is decoded in
// full) as from a fresh parse of every file.
func compare(t *testing.T, what, dir string) {
	t.Helper()
	parsed, err := source.LoadWorktree(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range queries {
		got := list(t, dir, q...)
		want := listFrom(t, dir, parsed, q...)
		if got != want {
			t.Fatalf("%s: action list %s differs from a fresh parse:\n%s\nwant:\n%s", what, strings.Join(q, " "), head(got), head(want))
		}
	}
}

func head(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}

func edit(t *testing.T, path string, f func(string) string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(f(string(data))), 0o644); err != nil {
		t.Fatal(err)
	}
}

// recordFiles lists the generated meeting files, sorted.
func recordFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	_ = filepath.WalkDir(filepath.Join(dir, "records", "meetings"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	if len(out) < 50 {
		t.Fatalf("fixture: %d meeting files", len(out))
	}
	return out
}

// Answers from the store equal those of a full parse: cold, warm, and after
// edits, renames, deletions and registry changes. (Files this young are
// racy, so the store hashes them; internal/store's tests cover the
// trusted-by-stat path with git's own index.)
func TestStoreAnswersAsFullParse(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "repo")
	if _, err := corpus.Generate(corpus.Options{Records: 600, Seed: 11, Out: dir}); err != nil {
		t.Fatal(err)
	}
	// The cache lives in .git/igf, as it does in a real repository.
	if err := os.MkdirAll(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	compare(t, "cold", dir)
	compare(t, "warm", dir)

	files := recordFiles(t, dir)
	// An owner moves from one item to another, in two files.
	edit(t, files[3], func(s string) string { return strings.Replace(s, " @", " @LF @", 1) })
	edit(t, files[7], func(s string) string { return strings.ReplaceAll(s, "@LF ", "@GS ") })
	// A box ticked and another unticked.
	edit(t, files[11], func(s string) string { return strings.Replace(s, "- [ ]", "- [x]", 1) })
	edit(t, files[12], func(s string) string { return strings.Replace(s, "- [x]", "- [ ]", 1) })
	compare(t, "after edits", dir)

	// A rename and a deletion.
	if err := os.Rename(files[20], strings.TrimSuffix(files[20], ".md")+"-renamed.md"); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(files[21]); err != nil {
		t.Fatal(err)
	}
	compare(t, "after a rename and a deletion", dir)

	// An owner nobody knows, cached while unknown; then the registry gives
	// LF that alias: the unchanged file must now be selected for LF.
	edit(t, files[30], func(s string) string {
		lines := strings.Split(s, "\n")
		for i, l := range lines {
			if strings.HasPrefix(l, "- [ ] ") && strings.Contains(l, " @") {
				lines[i] = "- [ ] Call Zed back: " + strings.Replace(l[len("- [ ] "):], " @", " @Zed @", 1)
				break
			}
		}
		return strings.Join(lines, "\n")
	})
	compare(t, "with an unknown owner", dir)
	edit(t, filepath.Join(dir, "records", "registry.md"), func(s string) string {
		return strings.Replace(s, "aliases: [Lise Fuhr]", "aliases: [Lise Fuhr, Zed]", 1)
	})
	compare(t, "after the registry changed", dir)
	if !strings.Contains(list(t, dir, "--owner", "LF"), "Call Zed back") {
		t.Fatal("fixture: LF's new alias Zed owns no listed item")
	}
}
