package corpus

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/source"
)

func generate(t *testing.T, opt Options) (string, Stats) {
	t.Helper()
	opt.Out = filepath.Join(t.TempDir(), "repo")
	st, err := Generate(opt)
	if err != nil {
		t.Fatal(err)
	}
	return opt.Out, st
}

func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(filepath.Join(dir, "records"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A small corpus with history parses without a single finding, keeps every
// ID unique, looks like the real records, and leaves git clean.
func TestGeneratedCorpus(t *testing.T) {
	t.Setenv("IGF_CACHE", "off")
	dir, st := generate(t, Options{Records: 400, Commits: 60, Seed: 3})
	if st.Records != 400 || st.Commits != 60 || st.Renames == 0 || st.Open == 0 || st.Open == st.Items {
		t.Fatalf("stats: %+v", st)
	}
	l, err := source.LoadWorktree(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range l.Findings {
		t.Errorf("finding: %s", f)
	}
	if l.Files != 400 || len(l.Set.Records) != 400 {
		t.Fatalf("%d files, %d records", l.Files, len(l.Set.Records))
	}

	ids := map[string]string{}
	owners := map[string]int{}
	kinds := map[string]int{}
	forms := map[string]bool{}
	for _, r := range l.Set.Records {
		kinds[r.Type]++
		if prev, dup := ids[strings.ToLower(r.ID)]; dup {
			t.Errorf("ID %s in %s and %s", r.ID, prev, r.Path)
		}
		ids[strings.ToLower(r.ID)] = r.Path
		for _, it := range r.Items {
			if prev, dup := ids[strings.ToLower(it.ID)]; dup {
				t.Errorf("ID %s in %s and %s", it.ID, prev, r.Path)
			}
			ids[strings.ToLower(it.ID)] = r.Path
			for _, o := range it.Owners {
				owners[o]++
				if _, known := l.Set.Resolve(o); o != record.TBD && !known {
					t.Errorf("%s: owner %s is not in the registry", it.ID, o)
				}
			}
			if it.Trackable() {
				forms[precision(it.Due.String())] = true
			}
		}
	}
	for _, k := range []string{record.TypeMeeting, record.TypeDecision, record.TypeTimeline, record.TypeRegistry} {
		if kinds[k] == 0 {
			t.Errorf("no %s records", k)
		}
	}
	for _, f := range []string{"day", "month", "quarter", "half", "year", "month-part", "year-part", "range", "TBD"} {
		if !forms[f] {
			t.Errorf("no due date of the form %s", f)
		}
	}
	// Zipf-like owners: LF among the three busiest.
	type kv struct {
		k string
		v int
	}
	var ranked []kv
	for k, v := range owners {
		ranked = append(ranked, kv{k, v})
	}
	sort.Slice(ranked, func(i, j int) bool { return ranked[i].v > ranked[j].v })
	if len(ranked) < 50 || (ranked[0].k != "LF" && ranked[1].k != "LF" && ranked[2].k != "LF") {
		t.Errorf("owners, busiest first: %v", ranked[:min(5, len(ranked))])
	}
	if people := len(l.Set.Registry.People); people < 300 {
		t.Errorf("%d people in the registry, want hundreds", people)
	}
	for p, data := range files(t, dir) {
		if p != "records/registry.md" && (len(data) < 1000 || len(data) > 8192) {
			t.Errorf("%s is %d bytes, want 1-8 KB", p, len(data))
		}
	}

	repo, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	head, err := repo.Head()
	if err != nil {
		t.Fatal(err)
	}
	commits := 0
	renamed := false
	iter, _ := repo.Log(&git.LogOptions{From: head.Hash()})
	_ = iter.ForEach(func(c *object.Commit) error {
		commits++
		renamed = renamed || strings.Contains(c.Message, "Rename ")
		return nil
	})
	if commits != 60 || !renamed {
		t.Errorf("%d commits (want 60), renames in history: %v", commits, renamed)
	}
	wt, _ := repo.Worktree()
	status, err := wt.Status()
	if err != nil {
		t.Fatal(err)
	}
	if !status.IsClean() {
		t.Errorf("the working tree is not clean after generation:\n%s", status)
	}
}

// precision names the form a written date takes.
func precision(s string) string {
	switch {
	case s == "TBD":
		return s
	case strings.Contains(s, "/"):
		return "range"
	case strings.HasSuffix(s, "early") || strings.HasSuffix(s, "mid") || strings.HasSuffix(s, "late"):
		if strings.Count(s, "-") == 2 {
			return "month-part"
		}
		return "year-part"
	case strings.Contains(s, "-Q"):
		return "quarter"
	case strings.Contains(s, "-H"):
		return "half"
	}
	switch strings.Count(s, "-") {
	case 0:
		return "year"
	case 1:
		return "month"
	}
	return "day"
}

// The same options write the same bytes; another seed writes others.
func TestDeterministic(t *testing.T) {
	a, _ := generate(t, Options{Records: 120, Seed: 9})
	b, _ := generate(t, Options{Records: 120, Seed: 9})
	c, _ := generate(t, Options{Records: 120, Seed: 10})
	fa, fb, fc := files(t, a), files(t, b), files(t, c)
	if len(fa) != 120 || len(fa) != len(fb) {
		t.Fatalf("%d and %d files", len(fa), len(fb))
	}
	differ := false
	for p, data := range fa {
		if !bytes.Equal(data, fb[p]) {
			t.Fatalf("%s differs between two runs with one seed", p)
		}
		differ = differ || !bytes.Equal(data, fc[p])
	}
	if !differ {
		t.Fatal("another seed wrote the same corpus")
	}
}
