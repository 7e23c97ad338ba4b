package source

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/filesystem/dotgit"
)

// GitDirs are where a git repository keeps what igf reads and writes.
type GitDirs struct {
	Top       string // the work tree's top
	GitDir    string // this work tree's git directory: HEAD, index, logs/HEAD, config.worktree
	CommonDir string // objects, refs, packed-refs, config, shallow (GitDir but for a linked worktree)
}

// ErrBare says igf was pointed at a bare repository.
var ErrBare = errors.New("bare repository")

// OpenGit opens the git repository that holds dir, found as git finds it:
// the nearest .git directory (or .git file, for a linked worktree or a
// submodule) at or above dir.
//
// go-git refuses any repository extension it does not implement. igf
// accepts extensions.worktreeConfig, which git sparse-checkout sets and
// sparse-checkout disable leaves behind: it only lets config.worktree hold
// settings of one work tree, which igf reads where it reads settings
// (identity, attributes). Everything else igf cannot read is refused here,
// with what to do: SHA-256 object names, a partial clone, other extensions.
func OpenGit(dir string) (*git.Repository, *GitDirs, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, nil, err
	}
	d := &GitDirs{}
	for at := abs; ; {
		g := filepath.Join(at, ".git")
		if st, err := os.Stat(g); err == nil {
			d.Top = at
			if st.IsDir() {
				d.GitDir = g
			} else if d.GitDir, err = gitFile(g); err != nil {
				return nil, nil, err
			}
			break
		}
		if isBare(at) {
			return nil, nil, bareError(at)
		}
		parent := filepath.Dir(at)
		if parent == at {
			return nil, nil, git.ErrRepositoryNotExists
		}
		at = parent
	}
	d.CommonDir = d.GitDir
	if b, err := os.ReadFile(filepath.Join(d.GitDir, "commondir")); err == nil {
		c := strings.TrimSpace(string(b))
		if !filepath.IsAbs(c) {
			c = filepath.Join(d.GitDir, c)
		}
		d.CommonDir = filepath.Clean(c)
	}
	var fs = osfs.New(d.GitDir)
	if d.CommonDir != d.GitDir {
		fs = dotgit.NewRepositoryFilesystem(osfs.New(d.GitDir), osfs.New(d.CommonDir))
	}
	if err := checkAlternates(d.CommonDir); err != nil {
		return nil, nil, err
	}
	st := filesystem.NewStorageWithOptions(fs, cache.NewObjectLRUDefault(), StorageOptions(filesystem.Options{}))
	cfg, err := st.Config()
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %v", filepath.Join(d.CommonDir, "config"), err)
	}
	if err := checkExtensions(cfg, d.CommonDir); err != nil {
		return nil, nil, err
	}
	g, err := git.Open(withoutWorktreeConfig{st}, osfs.New(d.Top))
	if err != nil {
		return nil, nil, err
	}
	// go-git checked the extensions through the wrapper; from here on it
	// uses the storage itself, which callers may look into.
	g.Storer = st
	return g, d, nil
}

// gitFile reads a .git file ("gitdir: PATH").
func gitFile(p string) (string, error) {
	b, err := os.ReadFile(p)
	if err != nil {
		return "", err
	}
	s, ok := strings.CutPrefix(strings.TrimSpace(string(b)), "gitdir:")
	if !ok {
		return "", fmt.Errorf("%s is a file but does not name a git directory (gitdir: PATH)", p)
	}
	s = strings.TrimSpace(strings.SplitN(s, "\n", 2)[0])
	if !filepath.IsAbs(s) {
		s = filepath.Join(filepath.Dir(p), s)
	}
	return filepath.Clean(s), nil
}

// isBare reports whether dir is the directory of a bare repository.
func isBare(dir string) bool {
	if !isFile(filepath.Join(dir, "HEAD")) || !isDir(filepath.Join(dir, "objects")) || !isDir(filepath.Join(dir, "refs")) {
		return false
	}
	b, err := os.ReadFile(filepath.Join(dir, "config"))
	if err != nil {
		return false
	}
	cfg := config.NewConfig()
	if err := cfg.Unmarshal(b); err != nil {
		return false
	}
	return cfg.Core.IsBare
}

// checkExtensions refuses a repository whose extensions igf cannot honour.
func checkExtensions(cfg *config.Config, dir string) error {
	if !cfg.Raw.HasSection("extensions") {
		return nil
	}
	var unknown []string
	for _, o := range cfg.Raw.Section("extensions").Options {
		switch strings.ToLower(o.Key) {
		case "worktreeconfig", "noop", "noop-v1":
		case "objectformat":
			if v := strings.ToLower(o.Value); v != "" && v != "sha1" {
				return fmt.Errorf("%s uses %s object names (extensions.objectFormat = %s); igf reads and writes git repositories with SHA-1 names, the default: make the records repository with git init --object-format=sha1", dir, strings.ToUpper(v), o.Value)
			}
		case "partialclone":
			return fmt.Errorf("%s is a partial clone (extensions.partialClone = %s): some objects are only on the server, and igf reads every object itself; clone it in full (git clone without --filter), or fetch the rest with git fetch --refetch", dir, o.Value)
		default:
			unknown = append(unknown, o.Key)
		}
	}
	if len(unknown) > 0 {
		return fmt.Errorf("%s uses git extensions igf cannot honour (%s); igf would read the repository wrongly, so it does not open it", dir, strings.Join(unknown, ", "))
	}
	return nil
}

// alternatesFS is the file system go-git reads borrowed objects through:
// the paths in objects/info/alternates are absolute (git clone --shared and
// --reference write them so), and without it go-git looks for them inside
// the .git directory and finds no object at all.
var alternatesFS = osfs.New(string(filepath.Separator))

// StorageOptions are o for a go-git storage over a repository's .git:
// objects borrowed from another repository are read from where
// objects/info/alternates says.
func StorageOptions(o filesystem.Options) filesystem.Options {
	o.AlternatesFS = AlternatesFS()
	return o
}

// AlternatesFS is the file system to open the object directories that
// objects/info/alternates names through.
func AlternatesFS() billy.Filesystem { return alternatesFS }

// checkAlternates refuses an alternates file go-git would misread: it takes
// a relative path as one from the file system's root, not from the objects
// directory as git does, and a comment as a path.
func checkAlternates(commonDir string) error {
	file := filepath.Join(commonDir, "objects", "info", "alternates")
	b, err := os.ReadFile(file)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read %s: %v", file, err)
	}
	for i, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimRight(line, "\r"); line != "" && !filepath.IsAbs(line) {
			return fmt.Errorf("%s:%d: %q is not an absolute path; igf reads the objects this repository borrows only from absolute paths\nhint: write the full path of the other repository's objects directory on that line (git clone --shared and --reference write one)", file, i+1, line)
		}
	}
	return nil
}

// withoutWorktreeConfig is the storage as go-git's extension check should
// see it: extensions.worktreeConfig is honoured by igf itself.
type withoutWorktreeConfig struct{ *filesystem.Storage }

func (s withoutWorktreeConfig) Config() (*config.Config, error) {
	cfg, err := s.Storage.Config()
	if err != nil || !cfg.Raw.HasSection("extensions") {
		return cfg, err
	}
	cfg.Raw.Section("extensions").RemoveOption("worktreeConfig")
	if len(cfg.Raw.Section("extensions").Options) == 0 {
		cfg.Raw.RemoveSection("extensions")
	}
	return cfg, nil
}

// IgfDir is where igf keeps its files for the repository whose top is root:
// .git/igf of the git repository holding it (a linked worktree's or
// submodule's own git directory when .git is a file), else igf's directory
// in the user cache directory, else "".
func IgfDir(root string) string {
	for d := root; ; {
		g := filepath.Join(d, ".git")
		if st, err := os.Stat(g); err == nil {
			if st.IsDir() {
				return filepath.Join(g, "igf")
			}
			if b, err := os.ReadFile(g); err == nil {
				if s, ok := strings.CutPrefix(strings.TrimSpace(string(b)), "gitdir:"); ok {
					s = strings.TrimSpace(s)
					if !filepath.IsAbs(s) {
						s = filepath.Join(d, s)
					}
					return filepath.Join(s, "igf")
				}
			}
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	if uc, err := os.UserCacheDir(); err == nil {
		return filepath.Join(uc, "igf")
	}
	return ""
}
