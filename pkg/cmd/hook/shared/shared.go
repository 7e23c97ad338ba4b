// Package shared finds and writes the pre-commit hook for `igf hook`.
package shared

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/igf-records/igf/internal/atomicfile"
	"github.com/igf-records/igf/pkg/source"
)

// Marker is in every hook igf writes, so igf only ever replaces its own.
const Marker = "# igf-pre-commit-hook"

// Hook is where the pre-commit hook of the repository holding root lives.
type Hook struct {
	Path   string // the hook file
	Prefix string // records repository top inside the git work tree ("" at the top)
}

// Locate finds the pre-commit hook path: core.hooksPath from the repository's
// (or the user's) git config when set, else .git/hooks.
func Locate(root string) (*Hook, error) {
	repo, err := source.OpenRepo(root)
	if err != nil {
		return nil, err
	}
	dir := ""
	if cfg, err := repo.Git.ConfigScoped(config.GlobalScope); err == nil {
		dir = cfg.Raw.Section("core").Option("hooksPath")
	} else if cfg, err := repo.Git.Config(); err == nil {
		dir = cfg.Raw.Section("core").Option("hooksPath")
	}
	top, err := workTop(repo.Git)
	if err != nil {
		return nil, err
	}
	switch {
	case dir == "":
		fs, ok := repo.Git.Storer.(*filesystem.Storage)
		if !ok {
			return nil, errors.New("the repository keeps no files on disk")
		}
		dir = filepath.Join(fs.Filesystem().Root(), "hooks")
	case strings.HasPrefix(dir, "~/"):
		home, err := os.UserHomeDir()
		if err != nil {
			return nil, err
		}
		dir = filepath.Join(home, dir[2:])
	case !filepath.IsAbs(dir):
		// git runs hooks from the work tree's top and reads the path from there.
		dir = filepath.Join(top, dir)
	}
	return &Hook{Path: filepath.Join(dir, "pre-commit"), Prefix: repo.Prefix}, nil
}

func workTop(g *git.Repository) (string, error) {
	wt, err := g.Worktree()
	if err != nil {
		return "", fmt.Errorf("a pre-commit hook needs a work tree: %w", err)
	}
	return wt.Filesystem.Root(), nil
}

// Script is the hook's text. git runs it from the work tree's top, so a
// records repository in a subdirectory is named with --dir.
func Script(prefix string) []byte {
	dir := ""
	if prefix != "" {
		dir = " --dir '" + strings.ReplaceAll(prefix, "'", `'\''`) + "'"
	}
	return []byte(`#!/bin/sh
` + Marker + `
# Refuses a commit whose staged records do not validate. Written by
# 'igf hook install'; remove it with 'igf hook uninstall'. Skip it once with
# 'git commit --no-verify'.
if ! command -v igf >/dev/null 2>&1; then
	echo "pre-commit: igf is not on PATH; install it with: go install github.com/igf-records/igf/cmd/igf@latest" >&2
	exit 1
fi
exec igf` + dir + ` validate --staged
`)
}

// Ours reports whether the file at path is a hook igf wrote; a missing file
// is not.
func Ours(path string) (exists, ours bool, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, false, nil
	}
	if err != nil {
		return false, false, err
	}
	return true, bytes.Contains(data, []byte(Marker)), nil
}

// Find locates the pre-commit hook of the records repository at root and
// says whether a file is there and whether igf wrote it.
func Find(root string) (h *Hook, exists, ours bool, err error) {
	if h, err = Locate(root); err != nil {
		return nil, false, false, err
	}
	exists, ours, err = Ours(h.Path)
	return h, exists, ours, err
}

// Write puts the hook in place atomically (internal/atomicfile), executable.
func Write(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return atomicfile.Write(path, data, atomicfile.Options{Replace: true, Perm: 0o755, SetPerm: true})
}
