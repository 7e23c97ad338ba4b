package source

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5"
)

// FindRootOf finds the records repository holding every path given (files
// or directories, relative to the current directory): the pre-commit
// framework runs a hook from the top of the git repository, which may hold
// records/ deeper down. The paths must share one records repository.
func FindRootOf(paths []string) (string, error) {
	root := ""
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return "", err
		}
		dir := abs
		if st, err := os.Stat(abs); err != nil || !st.IsDir() {
			dir = filepath.Dir(abs)
		}
		r, err := FindRoot(dir)
		if err != nil {
			return "", fmt.Errorf("%s: %w", p, err)
		}
		if root != "" && r != root {
			return "", fmt.Errorf("the files given are in two records repositories, %s and %s: check each on its own, or name one with --dir", root, r)
		}
		root = r
	}
	if root == "" {
		return "", ErrNoRecords
	}
	return root, nil
}

// FindRootInGit finds the records repository inside the git repository
// holding dir, from the index: the one directory whose records/registry.md
// git tracks. It is how a hook run from the git top, given no file names,
// finds records/ kept in a subdirectory.
func FindRootInGit(dir string) (string, error) {
	g, err := git.PlainOpenWithOptions(dir, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if err != nil {
		return "", ErrNoRecords
	}
	wt, err := g.Worktree()
	if err != nil {
		return "", ErrNoRecords
	}
	idx, err := g.Storer.Index()
	if err != nil {
		return "", fmt.Errorf("read the git index: %w", err)
	}
	var tops []string
	for _, e := range idx.Entries {
		if e.Name == RecordsDir+"/registry.md" || strings.HasSuffix(e.Name, "/"+RecordsDir+"/registry.md") {
			tops = append(tops, path.Dir(path.Dir(e.Name)))
		}
	}
	sort.Strings(tops)
	switch len(tops) {
	case 0:
		return "", ErrNoRecords
	case 1:
		return filepath.Join(wt.Filesystem.Root(), filepath.FromSlash(tops[0])), nil
	}
	return "", errors.New("the git repository holds several records repositories (" + strings.Join(tops, ", ") + "): name one with --dir")
}
