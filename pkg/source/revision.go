package source

import (
	"errors"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/igf-records/igf/pkg/core/record"
)

// Repo is a git repository opened for reading records at past revisions.
type Repo struct {
	Git *git.Repository
	// Prefix is the slash path of the records repository top inside the git
	// work tree ("" when records/ sits at the git top).
	Prefix string
	// Dirs are where git keeps the index, refs and objects.
	Dirs *GitDirs
}

// OpenRepo opens the git repository that holds root (the directory with records/).
func OpenRepo(root string) (*Repo, error) {
	g, dirs, err := OpenGit(root)
	if err != nil {
		if errors.Is(err, git.ErrRepositoryNotExists) {
			return nil, noHistory(fmt.Sprintf("%s is not inside a git repository; history needs one (igf init makes one)", root))
		}
		if errors.Is(err, ErrBare) {
			return nil, err
		}
		return nil, fmt.Errorf("open git repository at %s: %w", root, err)
	}
	r := &Repo{Git: g, Dirs: dirs}
	if wt, err := g.Worktree(); err == nil {
		top := wt.Filesystem.Root()
		if rt, err := filepath.EvalSymlinks(top); err == nil {
			top = rt
		}
		if rr, err := filepath.EvalSymlinks(root); err == nil {
			root = rr
		}
		if rel, err := filepath.Rel(top, root); err == nil && rel != "." && !strings.HasPrefix(rel, "..") {
			r.Prefix = filepath.ToSlash(rel)
		}
	}
	return r, nil
}

// Shallow lists the commits at which a shallow clone's history stops (git
// keeps them in .git/shallow): their parents were never fetched. Empty for
// a complete repository.
func (r *Repo) Shallow() map[plumbing.Hash]bool {
	hs, err := r.Git.Storer.Shallow()
	if err != nil || len(hs) == 0 {
		return nil
	}
	m := make(map[plumbing.Hash]bool, len(hs))
	for _, h := range hs {
		m[h] = true
	}
	return m
}

// RecordsPath is the slash path of records/ inside the git tree.
func (r *Repo) RecordsPath() string { return path.Join(r.Prefix, RecordsDir) }

// Resolve turns a revision (hash, tag, branch, HEAD~3) into its commit.
func (r *Repo) Resolve(rev string) (*object.Commit, error) {
	h, err := r.Git.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		return nil, fmt.Errorf("--at %s: unknown revision (give a commit hash, tag, branch or HEAD~N): %v", rev, err)
	}
	c, err := r.Git.CommitObject(*h)
	if err != nil {
		return nil, fmt.Errorf("--at %s: %s is not a commit: %v", rev, h, err)
	}
	return c, nil
}

// Head is the commit HEAD points at.
func (r *Repo) Head() (*object.Commit, error) {
	ref, err := r.Git.Head()
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return nil, noHistory("the repository has no commits yet: " + err.Error())
	}
	if err != nil {
		return nil, fmt.Errorf("read HEAD: %v", err)
	}
	return r.Git.CommitObject(ref.Hash())
}

// ErrNoHistory is what OpenRepo and Head fail with when there is no history
// to read: no git repository, or one without a commit. Any other failure
// means git holds history igf could not read.
var ErrNoHistory = errors.New("no git history")

type noHistory string

func (e noHistory) Error() string      { return string(e) }
func (noHistory) Is(target error) bool { return target == ErrNoHistory }

// AsOf is the last commit on HEAD's first-parent line committed before cutoff
// (exclusive): what the branch held at that moment. Merged side branches count
// from when they were merged, which is when their content reached the branch.
func (r *Repo) AsOf(cutoff time.Time) (*object.Commit, error) {
	c, err := r.Head()
	if err != nil {
		return nil, err
	}
	var first *object.Commit
	shallow := r.Shallow()
	for {
		if c.Committer.When.Before(cutoff) {
			return c, nil
		}
		first = c
		if c.NumParents() == 0 || shallow[c.Hash] {
			break
		}
		if c, err = c.Parent(0); err != nil {
			return nil, err
		}
	}
	if shallow[first.Hash] {
		return nil, fmt.Errorf("no commit before %s in this shallow clone: its history stops at commit %s of %s, and what came before was not fetched (git fetch --unshallow fetches it)",
			cutoff.UTC().Format("2006-01-02 15:04 MST"), first.Hash.String()[:7], first.Committer.When.UTC().Format("2006-01-02"))
	}
	return nil, fmt.Errorf("no commit before %s: the history starts on %s (commit %s)",
		cutoff.UTC().Format("2006-01-02 15:04 MST"), first.Committer.When.UTC().Format("2006-01-02"), first.Hash.String()[:7])
}

// LoadCommit reads and parses every record in the commit's tree, as
// LoadWorktree does for the working tree. Paths are "records/...".
func (r *Repo) LoadCommit(c *object.Commit) (*Loaded, error) {
	cl, err := r.ListCommit(c)
	if err != nil {
		return nil, err
	}
	// go-git's object storage is not safe for concurrent reads: read the
	// blobs in turn, then parse them on every core.
	files := make([]File, len(cl.Paths))
	for i, p := range cl.Paths {
		data, err := ReadBlob(r.Git, cl.Hashes[i])
		if err != nil {
			f := record.At(p, record.Pos{}, "unreadable", err.Error(), "the git object store may be damaged; run git fsck")
			files[i] = File{Path: p, Err: &f}
			continue
		}
		files[i] = File{Path: p, Data: data}
	}
	l := ParseAll(len(files), func(i int) File { return files[i] })
	l.Skipped = cl.Skipped
	return l, nil
}

// CommitListing is the record files of a commit's tree.
type CommitListing struct {
	Paths   []string        // sorted, "records/..."
	Hashes  []plumbing.Hash // Hashes[i] is the blob of Paths[i]
	Skipped Skipped         // what records/.igfignore left out
}

// ListCommit lists the record files of a commit's tree as LoadCommit reads
// them: regular files under records/ that records/.igfignore (as the
// commit holds it) keeps; symlinks are not followed in history.
func (r *Repo) ListCommit(c *object.Commit) (*CommitListing, error) {
	tree, err := c.Tree()
	if err != nil {
		return nil, err
	}
	sub, err := tree.Tree(r.RecordsPath())
	if e, ferr := tree.FindEntry(r.RecordsPath()); errors.Is(err, object.ErrDirectoryNotFound) && ferr == nil && e.Mode == filemode.Symlink {
		return nil, fmt.Errorf("commit %s: %v", c.Hash.String()[:7], errSymlinkedRecords(r.RecordsPath()))
	}
	if errors.Is(err, object.ErrDirectoryNotFound) {
		return nil, fmt.Errorf("commit %s holds no %s/ directory", c.Hash.String()[:7], r.RecordsPath())
	}
	if err != nil {
		return nil, err
	}
	type blob struct {
		path string
		hash plumbing.Hash
	}
	var blobs []blob
	ig, err := r.treeIgnore(sub)
	if err != nil {
		return nil, fmt.Errorf("commit %s: %v", c.Hash.String()[:7], err)
	}
	skip := newSkipper(ig)
	walker := object.NewTreeWalker(sub, true, nil)
	defer walker.Close()
	for {
		name, e, err := walker.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		p := RecordsDir + "/" + name
		// Symlinks are not followed in history: a link is not the record.
		if e.Mode != filemode.Regular && e.Mode != filemode.Executable {
			continue
		}
		if !skip.keep(p) {
			continue
		}
		blobs = append(blobs, blob{p, e.Hash})
	}
	sort.Slice(blobs, func(i, j int) bool { return blobs[i].path < blobs[j].path })
	cl := &CommitListing{Paths: make([]string, len(blobs)), Hashes: make([]plumbing.Hash, len(blobs)), Skipped: skip.skipped}
	for i, b := range blobs {
		cl.Paths[i], cl.Hashes[i] = b.path, b.hash
	}
	return cl, nil
}

// errSymlinkedRecords refuses a records/ that git holds as a symbolic link:
// git keeps the link, not the records it leads to.
func errSymlinkedRecords(p string) error {
	return fmt.Errorf("%s is a symbolic link in git, which stores the link and not the records it leads to; "+
		"commit the records directory itself, or run igf with --dir pointing at the directory the link leads to", p)
}

// treeIgnore reads .igfignore from a revision's records/ tree.
func (r *Repo) treeIgnore(records *object.Tree) (*Ignore, error) {
	f, err := records.File(path.Base(IgnoreFile))
	if errors.Is(err, object.ErrFileNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if f.Size > maxIgnoreSize {
		return nil, fmt.Errorf("%s is %d bytes; it is at most %d", IgnoreFile, f.Size, maxIgnoreSize)
	}
	data, err := ReadBlob(r.Git, f.Hash)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", IgnoreFile, err)
	}
	return ParseIgnore(data), nil
}

// ReadBlob reads a blob's bytes, refusing ones larger than a record may be
// (the parser reports those from their size).
func ReadBlob(g *git.Repository, h plumbing.Hash) ([]byte, error) {
	b, err := g.BlobObject(h)
	if err != nil {
		return nil, err
	}
	rd, err := b.Reader()
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	return io.ReadAll(io.LimitReader(rd, 64<<20))
}
