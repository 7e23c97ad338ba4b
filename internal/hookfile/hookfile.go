// Package hookfile finds, writes and recognises igf's pre-commit hook (igf hook
// install and uninstall, igf init).
package hookfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
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

// InstallCommand is the command that gets igf, for messages.
const InstallCommand = "go install github.com/igf-records/igf/cmd/igf@latest"

// Script is the hook's text. git runs it from the work tree's top, so a
// records repository in a subdirectory is named with --dir. igf is run from
// exe, where it was when the hook was installed — git GUIs and shells
// without ~/go/bin on PATH still find it — else from PATH. When igf cannot
// be found at all, a commit that stages no record goes through, and one
// that does is refused with the command that fixes it.
func Script(prefix, exe string) []byte {
	dir, top := "", "records"
	if prefix != "" {
		dir = " --dir " + shellQuote(prefix)
		top = prefix + "/records"
	}
	// Record files: *.md under records/, README.md files aside.
	records := shellQuote(top+"/*.md") + " " + shellQuote(":(exclude,glob)"+top+"/**/README.md")
	where := "'on PATH'"
	if exe != "" {
		where = `"at $installed (where it was when the hook was installed) or on PATH"`
	}
	return []byte(`#!/bin/sh
` + Marker + `
# Refuses a commit whose staged records do not validate. Written by
# 'igf hook install'; remove it with 'igf hook uninstall'. Skip it once with
# 'git commit --no-verify'.
installed=` + shellQuote(exe) + `
igf=$installed
if [ -z "$igf" ] || [ ! -x "$igf" ]; then
	igf=$(command -v igf 2>/dev/null) || igf=
fi
if [ -z "$igf" ]; then
	# Without igf, only a commit that touches no record can go through.
	if git diff --cached --quiet -- ` + records + `; then
		exit 0
	fi
	echo 'pre-commit: records are staged, and igf is not '` + where + ` >&2
	echo '  install it:  ` + InstallCommand + `' >&2
	echo '  then run:    igf hook install   (records where igf is)' >&2
	echo '  or skip the check once: git commit --no-verify' >&2
	exit 1
fi
exec "$igf"` + dir + ` validate --staged
`)
}

// shellQuote quotes s for sh, in single quotes.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// Executable is the igf the hook should run: the path igf was started by,
// made absolute (a symlink such as /usr/local/bin/igf kept as it is, so an
// upgrade behind it is followed). It is "" when igf runs from a temporary
// build (go run), which will be gone by the next commit; the hook then finds
// igf on PATH.
func Executable(arg0 string) string {
	p := arg0
	if !strings.ContainsRune(p, filepath.Separator) {
		found, err := exec.LookPath(p)
		if err != nil {
			return ""
		}
		p = found
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return ""
	}
	if st, err := os.Stat(abs); err != nil || st.IsDir() || st.Mode()&0o111 == 0 {
		return ""
	}
	tmp := os.TempDir()
	if rel, err := filepath.Rel(tmp, abs); err == nil && !strings.HasPrefix(rel, "..") && strings.Contains(abs, "go-build") {
		return ""
	}
	return abs
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

// Install writes igf's pre-commit hook for the records repository at root
// (igf hook install, igf init), saying on w where it went and what it runs.
// A hook igf did not write is refused unless force.
func Install(w io.Writer, root string, force bool) error {
	h, exists, ours, err := Find(root)
	if err != nil {
		return err
	}
	if exists && !ours && !force {
		return fmt.Errorf("%s exists and igf did not write it; left as is (merge it by hand, or replace it with --force)", h.Path)
	}
	exe := Executable(os.Args[0])
	if err := Write(h.Path, Script(h.Prefix, exe)); err != nil {
		return fmt.Errorf("write %s: %w", h.Path, err)
	}
	fmt.Fprintf(w, "installed %s: commits now run igf validate --staged\n", h.Path)
	if exe == "" {
		fmt.Fprintf(w, "igf runs from a temporary build here (go run?), so the hook looks for igf on PATH; install it (%s) and run igf hook install again\n", InstallCommand)
	} else {
		fmt.Fprintf(w, "the hook runs %s (or igf from PATH if that is gone)\n", exe)
	}
	return nil
}
