package edit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
)

func TestIdentityRepoThenGlobalThenEnvironment(t *testing.T) {
	dir := t.TempDir()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	t.Setenv("GIT_AUTHOR_NAME", "Env Name")
	t.Setenv("GIT_AUTHOR_EMAIL", "env@example.org")
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	check := func(wantName, wantEmail string) {
		t.Helper()
		name, email, err := Identity(repo)
		if err != nil || name != wantName || email != wantEmail {
			t.Fatalf("Identity = %q %q %v; want %q %q", name, email, err, wantName, wantEmail)
		}
	}
	check("Env Name", "env@example.org")
	if err := os.WriteFile(filepath.Join(home, ".gitconfig"), []byte("[user]\n\tname = Global Name\n\temail = global@example.org\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	check("Global Name", "global@example.org")
	cfg, err := repo.Config()
	if err != nil {
		t.Fatal(err)
	}
	cfg.User.Name = "Repo Name"
	if err := repo.SetConfig(cfg); err != nil {
		t.Fatal(err)
	}
	// A repository name with the global email: each field falls back alone.
	check("Repo Name", "global@example.org")

	os.Remove(filepath.Join(home, ".gitconfig"))
	t.Setenv("GIT_AUTHOR_EMAIL", "")
	if _, _, err := Identity(repo); err == nil || !strings.Contains(err.Error(), "git config user.email") {
		t.Fatalf("no email anywhere: %v", err)
	}
}

func TestCommitOnlyIgfsFilesWithGitsDates(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("HOME", t.TempDir())
	t.Setenv("GIT_AUTHOR_NAME", "Celine Bal")
	t.Setenv("GIT_AUTHOR_EMAIL", "celine@example.org")
	t.Setenv("GIT_AUTHOR_DATE", "2024-01-10T12:00:00Z")
	t.Setenv("GIT_COMMITTER_DATE", "@1704974400 +0100")
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"a.md", "b.md"} {
		os.WriteFile(filepath.Join(dir, n), []byte(n), 0o644)
	}
	wt, _ := repo.Worktree()
	if _, err := wt.Add("b.md"); err != nil {
		t.Fatal(err)
	}
	// b.md is staged by someone else: igf refuses to sweep it into its commit.
	if _, err := Commit(repo, []string{"a.md"}, "Close x"); err == nil || !strings.Contains(err.Error(), "b.md is already staged") {
		t.Fatalf("commit with other staged files: %v", err)
	}
	h, err := Commit(repo, []string{"a.md", "b.md"}, "Close x and y")
	if err != nil {
		t.Fatal(err)
	}
	c, err := repo.CommitObject(h)
	if err != nil {
		t.Fatal(err)
	}
	if c.Author.Name != "Celine Bal" || !c.Author.When.Equal(time.Date(2024, 1, 10, 12, 0, 0, 0, time.UTC)) ||
		!c.Committer.When.Equal(time.Unix(1704974400, 0)) || c.Message != "Close x and y" {
		t.Fatalf("commit: %+v", c)
	}
	if err := Clean(repo, []string{"a.md"}); err != nil {
		t.Fatalf("a committed file is not clean: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "a.md"), []byte("changed"), 0o644)
	if err := Clean(repo, []string{"a.md"}); err == nil {
		t.Fatal("a changed file passed as clean")
	}
}
