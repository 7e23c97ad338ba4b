package source

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestIgnoreWhyFollowsGitignore(t *testing.T) {
	ig := ParseIgnore([]byte("# drafts stay out\ndrafts/\n*.draft.md\n!keep.draft.md\n/site/\nmeetings/**/old-*.md\r\n\n"))
	cases := []struct {
		path string
		dir  bool
		want string
	}{
		{"records/meetings/2023/2023-12-18-lp.md", false, ""},
		{"records/drafts", true, IgnoreFile + ":2 drafts/"},
		{"records/drafts/a.md", false, IgnoreFile + ":2 drafts/"},
		{"records/meetings/drafts/a.md", false, IgnoreFile + ":2 drafts/"},
		// A file inside an excluded folder cannot be re-included, as in git.
		{"records/drafts/keep.draft.md", false, IgnoreFile + ":2 drafts/"},
		{"records/drafts.md", false, ""}, // drafts/ names folders only
		{"records/meetings/x.draft.md", false, IgnoreFile + ":3 *.draft.md"},
		{"records/meetings/keep.draft.md", false, ""},
		{"records/site/index.md", false, IgnoreFile + ":5 /site/"},
		{"records/meetings/site/index.md", false, ""}, // anchored at records/
		{"records/meetings/2021/old-notes.md", false, IgnoreFile + ":6 meetings/**/old-*.md"},
		{"records/meetings/notes.txt", false, SkipNotMarkdown},
		{"records/meetings/README.md", false, SkipReadme},
		{"records/.igfignore", false, SkipHidden},
		{"records/.obsidian/x.md", false, SkipHidden},
		{"records/meetings/.notes.md", false, ""}, // a dot file that is Markdown is a record, as before
		{"docs/x.md", false, SkipNotMarkdown},
	}
	for _, c := range cases {
		if got := ig.Why(c.path, c.dir); got != c.want {
			t.Errorf("Why(%q, dir=%v) = %q, want %q", c.path, c.dir, got, c.want)
		}
	}
	var none *Ignore
	if got := none.Why("records/drafts/a.md", false); got != "" {
		t.Errorf("no .igfignore: Why = %q, want a record", got)
	}
}

func TestListSkipsIgnoredAndCountsWhy(t *testing.T) {
	top := mkRepo(t)
	write := func(rel, text string) {
		p := filepath.Join(top, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("records/.igfignore", "drafts/\n*.tmp.md\n")
	write("records/meetings/2023/a.md", "x")
	write("records/drafts/b.md", "x")
	write("records/drafts/c.md", "x")
	write("records/meetings/2023/d.tmp.md", "x")
	write("records/meetings/2023/e.txt", "x")
	write("records/meetings/README.md", "x")
	l, err := List(top)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"records/meetings/2023/a.md", "records/registry.md"}; !slices.Equal(l.Paths, want) {
		t.Errorf("paths = %q, want %q", l.Paths, want)
	}
	want := "skipped 1 folder and 3 files: 1 file named README.md (a README is never a record); 1 file not Markdown (*.md); " +
		"1 folder matched by records/.igfignore:1 drafts/; 1 file matched by records/.igfignore:2 *.tmp.md"
	if got := l.Skipped.String(); got != want {
		t.Errorf("skipped:\n got %s\nwant %s", got, want)
	}
	if l.Skipped.Files() != 3 {
		t.Errorf("Files() = %d, want 3", l.Skipped.Files())
	}
}

func TestSkipperCountsAFolderOnce(t *testing.T) {
	s := newSkipper(ParseIgnore([]byte("drafts/\n")))
	for _, p := range []string{"records/drafts/a.md", "records/drafts/b/c.md", "records/x.md", "records/y.txt"} {
		s.keep(p)
	}
	if got, want := s.skipped.String(), "skipped 1 folder and 1 file: 1 file not Markdown (*.md); 1 folder matched by records/.igfignore:1 drafts/"; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}
