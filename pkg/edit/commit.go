package edit

import (
	"fmt"
	"os"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Identity is who a commit is by: the repository's user.name and user.email,
// else the global ~/.gitconfig's, else GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL.
func Identity(repo *git.Repository) (name, email string, err error) {
	if cfg, err := repo.Config(); err == nil {
		name, email = cfg.User.Name, cfg.User.Email
	}
	if name == "" || email == "" {
		if cfg, err := config.LoadConfig(config.GlobalScope); err == nil {
			name, email = orElse(name, cfg.User.Name), orElse(email, cfg.User.Email)
		}
	}
	name, email = orElse(name, os.Getenv("GIT_AUTHOR_NAME")), orElse(email, os.Getenv("GIT_AUTHOR_EMAIL"))
	if name == "" || email == "" {
		return "", "", fmt.Errorf("git does not know who you are: run git config user.name \"Your Name\" and git config user.email you@example.org")
	}
	return name, email, nil
}

// envTime reads a date git takes from the environment (GIT_AUTHOR_DATE,
// GIT_COMMITTER_DATE), in RFC 3339, "2006-01-02 15:04:05 -0700" or git's
// internal "@1704880800 +0000" form; unset means def.
func envTime(name string, def time.Time) (time.Time, error) {
	v := strings.TrimSpace(os.Getenv(name))
	if v == "" {
		return def, nil
	}
	if strings.HasPrefix(v, "@") {
		secs, zone, _ := strings.Cut(v[1:], " ")
		n, err := strconv.ParseInt(secs, 10, 64)
		if err == nil {
			t := time.Unix(n, 0).UTC()
			if z, err := time.Parse("-0700", zone); err == nil {
				t = t.In(z.Location())
			}
			return t, nil
		}
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02 15:04:05 -0700", "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%s=%q: give a date like 2024-01-10T12:00:00Z", name, v)
}

// Clean refuses to go on when any of paths (slash, from the work tree's
// top) has changes not yet committed: a --commit would carry them too.
func Clean(repo *git.Repository, paths []string) error {
	wt, err := repo.Worktree()
	if err != nil {
		return fmt.Errorf("--commit needs a work tree: %v", err)
	}
	status, err := wt.Status()
	if err != nil {
		return err
	}
	for _, p := range paths {
		if st := status.File(path.Clean(p)); st.Staging != git.Unmodified || st.Worktree != git.Unmodified {
			if st.Staging == git.Untracked && st.Worktree == git.Untracked {
				continue // a new file: it will be added whole
			}
			return fmt.Errorf("--commit: %s has changes that are not committed; commit them first, or leave out --commit", p)
		}
	}
	return nil
}

func orElse(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Commit records the given files (slash paths relative to the git work tree)
// in a new commit with message, by the configured identity. It refuses when
// other changes are already staged, so a commit never carries more than igf
// wrote. It returns the new commit's hash.
func Commit(repo *git.Repository, paths []string, message string) (plumbing.Hash, error) {
	name, email, err := Identity(repo)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	wt, err := repo.Worktree()
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("--commit needs a work tree: %v", err)
	}
	status, err := wt.Status()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	mine := map[string]bool{}
	for _, p := range paths {
		mine[path.Clean(p)] = true
	}
	for p, st := range status {
		if !mine[p] && st.Staging != git.Unmodified && st.Staging != git.Untracked {
			return plumbing.ZeroHash, fmt.Errorf("--commit: %s is already staged; commit or unstage it first, so this commit holds only igf's change", p)
		}
	}
	for _, p := range paths {
		if _, err := wt.Add(p); err != nil {
			return plumbing.ZeroHash, fmt.Errorf("git add %s: %v", p, err)
		}
	}
	when, err := envTime("GIT_AUTHOR_DATE", time.Now())
	if err != nil {
		return plumbing.ZeroHash, err
	}
	committed, err := envTime("GIT_COMMITTER_DATE", when)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	author := &object.Signature{Name: name, Email: email, When: when}
	committer := &object.Signature{Name: name, Email: email, When: committed}
	h, err := wt.Commit(message, &git.CommitOptions{Author: author, Committer: committer})
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("git commit: %v", err)
	}
	return h, nil
}
