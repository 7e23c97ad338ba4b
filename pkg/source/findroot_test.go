package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// From the top of a git repository, the records repository deeper down is
// found from the files named, and from git's index when none is.
func TestFindRootBelowTheGitTop(t *testing.T) {
	top := t.TempDir()
	gov := filepath.Join(top, "governance")
	for _, d := range []string{"governance/records/meetings", "other/records"} {
		if err := os.MkdirAll(filepath.Join(top, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"governance/records/registry.md", "other/records/registry.md", "governance/records/meetings/m.md"} {
		if err := os.WriteFile(filepath.Join(top, f), []byte("---\ntype: registry\n---\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(top)
	if got, err := FindRootOf([]string{"governance/records/meetings/m.md", "governance/records"}); err != nil || got != gov {
		t.Errorf("FindRootOf = %q, %v; want %q", got, err, gov)
	}
	if _, err := FindRootOf([]string{"governance/records/meetings/m.md", "other/records/registry.md"}); err == nil || !strings.Contains(err.Error(), "two records repositories") {
		t.Errorf("two repositories: %v", err)
	}

	repo, err := git.PlainInit(top, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := FindRootInGit(top); err != ErrNoRecords {
		t.Errorf("nothing tracked yet: %v, want ErrNoRecords", err)
	}
	wt, _ := repo.Worktree()
	if _, err := wt.Add("governance/records/registry.md"); err != nil {
		t.Fatal(err)
	}
	if got, err := FindRootInGit(top); err != nil || got != gov {
		t.Errorf("FindRootInGit = %q, %v; want %q", got, err, gov)
	}
	if _, err := wt.Add("other/records/registry.md"); err != nil {
		t.Fatal(err)
	}
	sig := &object.Signature{Name: "T", Email: "t@example.org", When: time.Unix(0, 0)}
	if _, err := wt.Commit("x", &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
		t.Fatal(err)
	}
	if _, err := FindRootInGit(filepath.Join(top, "other")); err == nil || !strings.Contains(err.Error(), "governance, other") {
		t.Errorf("two tracked repositories: %v", err)
	}
}
