package edit

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/igf-records/igf/pkg/source"
)

// gitCommit is a commit in the making, as git makes one: the index and the
// branch are locked (index.lock, refs/heads/NAME.lock) from the first check
// to the last write, so no other git writes them meanwhile; the new index is
// complete in index.lock before any record file is written, so the checks
// of the pre-commit hook run on exactly what will be committed; the branch
// moves by renaming its lock, with a reflog entry, and the index last.
type gitCommit struct {
	repo    *source.Repo
	dirs    *source.GitDirs
	cfg     gitConfig
	attrs   *attributes
	index   *lockFile
	ref     *lockFile
	refName plumbing.ReferenceName // what HEAD points at, or HEAD when detached
	head    plumbing.Hash          // the parent; zero on an unborn branch
	idx     *index.Index
	author  Signature
	commit  Signature
	message string
	now     time.Time
}

// beginCommit checks everything a commit of files can be refused for and
// prepares it: identity, locks, the index, what else is staged, whether
// each file has changes of its own, attributes. It writes the new blobs
// (objects no ref points at are harmless: git's gc removes them) and the
// new index into index.lock. Nothing else is written.
func beginCommit(root string, files []*txFile, message string) (g *gitCommit, err error) {
	if g, err = openCommit(root, message); err != nil {
		return g, err
	}
	defer func() {
		if err != nil {
			g.abort()
			g = nil
		}
	}()
	if err := g.othersStaged(files); err != nil {
		return g, err
	}
	for _, f := range files {
		if err := g.stage(f); err != nil {
			return g, err
		}
	}
	return g, g.writeIndex()
}

// openCommit is the start of every commit: identity, HEAD, git's locks on
// the index and the branch, the index read. On error nothing is held.
func openCommit(root, message string) (g *gitCommit, err error) {
	repo, err := source.OpenRepo(root)
	if err != nil {
		return nil, err
	}
	if repo.Dirs == nil {
		return nil, errors.New("--commit needs a git repository on disk")
	}
	g = &gitCommit{repo: repo, dirs: repo.Dirs, message: message, now: time.Now()}
	g.cfg = loadGitConfig(g.dirs)
	if g.author, g.commit, err = identities(g.cfg, g.now); err != nil {
		return nil, err
	}
	g.attrs = loadAttributes(g.dirs, g.cfg)
	headRef, err := repo.Git.Storer.Reference(plumbing.HEAD)
	if err != nil {
		return nil, fmt.Errorf("read HEAD: %v", err)
	}
	g.refName = plumbing.HEAD
	if headRef.Type() == plumbing.SymbolicReference {
		g.refName = headRef.Target()
		if !g.refName.IsBranch() {
			return nil, fmt.Errorf("HEAD points at %s, not a branch; igf commits only on a branch or a detached HEAD", g.refName)
		}
	}
	defer func() {
		if err != nil {
			g.abort()
			g = nil
		}
	}()
	if g.index, err = lock(filepath.Join(g.dirs.GitDir, "index")); err != nil {
		return g, err
	}
	if g.ref, err = lock(g.refPath(g.refName)); err != nil {
		return g, err
	}
	// With both locks held, nobody else moves the branch or the index.
	if r, err := repo.Git.Storer.Reference(g.refName); err == nil {
		g.head = r.Hash()
	} else if !errors.Is(err, plumbing.ErrReferenceNotFound) {
		return g, fmt.Errorf("read %s: %v", g.refName, err)
	}
	return g, g.readIndex()
}

// unchangedIn reports whether f's bytes as read are what the index holds,
// converted as git would store them.
func (g *gitCommit) unchangedIn(f *txFile) (bool, error) {
	e := g.entry(f.gitPath)
	if e == nil {
		return false, nil
	}
	rule, err := g.attrs.rule(f.gitPath)
	if err != nil {
		return false, err
	}
	indexed, err := g.blob(e.Hash)
	if err != nil {
		return false, err
	}
	return blobHash(rule.toGit(f.read, indexed)) == e.Hash, nil
}

func (g *gitCommit) refPath(name plumbing.ReferenceName) string {
	if name == plumbing.HEAD {
		return filepath.Join(g.dirs.GitDir, "HEAD")
	}
	return filepath.Join(g.dirs.CommonDir, filepath.FromSlash(name.String()))
}

// indexFile is the index the commit will hold, for the pre-commit checks.
func (g *gitCommit) indexFile() string { return g.index.name() }

func (g *gitCommit) abort() {
	if g == nil {
		return
	}
	g.index.rollback()
	g.ref.rollback()
}

func (g *gitCommit) readIndex() error {
	file := filepath.Join(g.dirs.GitDir, "index")
	if _, err := os.Stat(file); errors.Is(err, os.ErrNotExist) {
		g.idx = &index.Index{Version: 2}
		return nil
	}
	idx, err := source.ReadIndex(file)
	if err != nil {
		return err
	}
	for _, e := range idx.Entries {
		if e.Stage != 0 { // go-git names stage 1 "Merged"; git's merged stage is 0
			return fmt.Errorf("--commit: %s is in conflict (a merge is under way); resolve it and commit with git first", e.Name)
		}
	}
	g.idx = idx
	return nil
}

func (g *gitCommit) entry(name string) *index.Entry {
	for _, e := range g.idx.Entries {
		if e.Name == name {
			return e
		}
	}
	return nil
}

// othersStaged refuses when the index differs from HEAD: the commit would
// carry changes igf did not make.
func (g *gitCommit) othersStaged(files []*txFile) error {
	tree, err := g.buildTrees(false)
	if err != nil {
		return err
	}
	var headTree plumbing.Hash
	if !g.head.IsZero() {
		c, err := g.repo.Git.CommitObject(g.head)
		if err != nil {
			return fmt.Errorf("read HEAD commit %s: %v", g.head.String()[:7], err)
		}
		headTree = c.TreeHash
	}
	if tree == headTree || (g.head.IsZero() && len(g.idx.Entries) == 0) {
		return nil
	}
	// Name what is staged.
	inHead := map[string]plumbing.Hash{}
	if !headTree.IsZero() {
		t, err := g.repo.Git.TreeObject(headTree)
		if err == nil {
			_ = t.Files().ForEach(func(f *object.File) error {
				inHead[f.Name] = f.Hash
				return nil
			})
		}
	}
	seen := map[string]bool{}
	for _, e := range g.idx.Entries {
		seen[e.Name] = true
		if h, ok := inHead[e.Name]; (!ok || h != e.Hash) && !e.IntentToAdd {
			return g.stagedError(e.Name)
		}
	}
	for p := range inHead {
		if !seen[p] {
			return g.stagedError(p)
		}
	}
	return g.stagedError("a change")
}

func (g *gitCommit) stagedError(p string) error {
	return fmt.Errorf("--commit: %s is already staged; commit or unstage it first (git restore --staged %s), so this commit holds only igf's change", p, p)
}

// stage puts a file's new content in the index: checked, converted as git
// would store it, written as a blob.
func (g *gitCommit) stage(f *txFile) error {
	rule, err := g.attrs.rule(f.gitPath)
	if err != nil {
		return err
	}
	e := g.entry(f.gitPath)
	var indexed []byte
	switch {
	case f.create && e != nil:
		return fmt.Errorf("--commit: %s is already in the git index; igf does not replace it", f.gitPath)
	case e != nil && (e.SkipWorktree || e.IntentToAdd):
		return fmt.Errorf("--commit: %s is marked skip-worktree or intent-to-add in the index; commit with git instead", f.gitPath)
	case e != nil && e.Mode != filemode.Regular && e.Mode != filemode.Executable:
		return fmt.Errorf("--commit: %s is a %s in the index, not a file", f.gitPath, e.Mode)
	case e != nil:
		if indexed, err = g.blob(e.Hash); err != nil {
			return err
		}
		if blobHash(rule.toGit(f.read, indexed)) != e.Hash {
			return fmt.Errorf("--commit: %s has changes that are not committed; commit them first, or leave out --commit", f.gitPath)
		}
	}
	if f.create {
		// A new file looks as git would check it out.
		f.data = rule.toWorktree(f.data)
	}
	content := rule.toGit(f.data, indexed)
	h, err := g.writeObject(plumbing.BlobObject, content)
	if err != nil {
		return err
	}
	if e == nil {
		e = &index.Entry{Name: f.gitPath, Mode: filemode.Regular}
		g.idx.Entries = append(g.idx.Entries, e)
	}
	e.Hash = h
	e.Size = uint32(len(f.data))
	e.CreatedAt, e.ModifiedAt = time.Time{}, time.Time{} // until the file is written
	f.entry = e
	return nil
}

func (g *gitCommit) blob(h plumbing.Hash) ([]byte, error) {
	b, err := g.repo.Git.BlobObject(h)
	if err != nil {
		return nil, fmt.Errorf("read blob %s: %v", h.String()[:7], err)
	}
	r, err := b.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

func blobHash(data []byte) plumbing.Hash {
	return plumbing.ComputeHash(plumbing.BlobObject, data)
}

func (g *gitCommit) writeObject(t plumbing.ObjectType, data []byte) (plumbing.Hash, error) {
	h := plumbing.ComputeHash(t, data)
	if g.repo.Git.Storer.HasEncodedObject(h) == nil {
		return h, nil
	}
	obj := g.repo.Git.Storer.NewEncodedObject()
	obj.SetType(t)
	obj.SetSize(int64(len(data)))
	w, err := obj.Writer()
	if err != nil {
		return h, err
	}
	if _, err := w.Write(data); err != nil {
		return h, err
	}
	if err := w.Close(); err != nil {
		return h, err
	}
	if _, err := g.repo.Git.Storer.SetEncodedObject(obj); err != nil {
		return h, fmt.Errorf("write git object: %v", err)
	}
	return h, nil
}

// writeIndex encodes the index into index.lock with go-git's encoder.
func (g *gitCommit) writeIndex() error {
	var b bytes.Buffer
	if err := index.NewEncoder(&b).Encode(g.idx); err != nil {
		return fmt.Errorf("encode the git index: %v", err)
	}
	return g.index.write(b.Bytes())
}

// buildTrees makes the tree objects of the index, writing them when write
// is set, and returns the root's hash. Intent-to-add entries are left out,
// as git leaves them out of a commit.
func (g *gitCommit) buildTrees(write bool) (plumbing.Hash, error) {
	type dir struct {
		entries []object.TreeEntry
		subdirs map[string]*dir
	}
	root := &dir{subdirs: map[string]*dir{}}
	for _, e := range g.idx.Entries {
		if e.IntentToAdd {
			continue
		}
		parts := strings.Split(e.Name, "/")
		d := root
		for _, p := range parts[:len(parts)-1] {
			sub := d.subdirs[p]
			if sub == nil {
				sub = &dir{subdirs: map[string]*dir{}}
				d.subdirs[p] = sub
			}
			d = sub
		}
		d.entries = append(d.entries, object.TreeEntry{Name: parts[len(parts)-1], Mode: e.Mode, Hash: e.Hash})
	}
	var hashDir func(d *dir) (plumbing.Hash, error)
	hashDir = func(d *dir) (plumbing.Hash, error) {
		entries := append([]object.TreeEntry(nil), d.entries...)
		for name, sub := range d.subdirs {
			h, err := hashDir(sub)
			if err != nil {
				return h, err
			}
			entries = append(entries, object.TreeEntry{Name: name, Mode: filemode.Dir, Hash: h})
		}
		// git's order: names compared as if a directory's ended with "/".
		key := func(e object.TreeEntry) string {
			if e.Mode == filemode.Dir {
				return e.Name + "/"
			}
			return e.Name
		}
		sort.Slice(entries, func(i, j int) bool { return key(entries[i]) < key(entries[j]) })
		t := &object.Tree{Entries: entries}
		obj := &plumbing.MemoryObject{}
		if err := t.Encode(obj); err != nil {
			return plumbing.ZeroHash, err
		}
		r, _ := obj.Reader()
		data, _ := io.ReadAll(r)
		if !write {
			return plumbing.ComputeHash(plumbing.TreeObject, data), nil
		}
		return g.writeObject(plumbing.TreeObject, data)
	}
	return hashDir(root)
}

// finish completes the commit once the record files are written: the
// index takes their stat data (so git sees them clean), the trees and the
// commit are written, the branch moves with a reflog entry, and the index
// is put in place.
func (g *gitCommit) finish(files []*txFile) (plumbing.Hash, error) {
	defer g.abort()
	for _, f := range files {
		if st, err := os.Lstat(f.target); err == nil {
			fillStat(f.entry, st)
		}
	}
	if err := g.writeIndex(); err != nil {
		return plumbing.ZeroHash, err
	}
	tree, err := g.buildTrees(true)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	c := &object.Commit{
		Author:    object.Signature{Name: g.author.Name, Email: g.author.Email, When: g.author.When},
		Committer: object.Signature{Name: g.commit.Name, Email: g.commit.Email, When: g.commit.When},
		Message:   strings.TrimRight(g.message, "\n") + "\n",
		TreeHash:  tree,
	}
	if !g.head.IsZero() {
		c.ParentHashes = []plumbing.Hash{g.head}
	}
	obj := &plumbing.MemoryObject{}
	if err := c.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	r, _ := obj.Reader()
	data, _ := io.ReadAll(r)
	h, err := g.writeObject(plumbing.CommitObject, data)
	if err != nil {
		return h, err
	}
	if err := g.ref.write([]byte(h.String() + "\n")); err != nil {
		return h, err
	}
	if err := g.reflog(h); err != nil {
		return h, err
	}
	if err := g.ref.commit(); err != nil {
		return h, fmt.Errorf("move %s: %v", g.refName, err)
	}
	if err := g.index.commit(); err != nil {
		return h, fmt.Errorf("committed %s, but the git index could not be put in place (%v); git status shows the change as staged: run git reset -q to bring the index up to date", h.String()[:7], err)
	}
	return h, nil
}

// reflog appends the commit to the reflogs of the branch and of HEAD, one
// line each in git's format, written in one write.
func (g *gitCommit) reflog(h plumbing.Hash) error {
	what := "commit"
	if g.head.IsZero() {
		what = "commit (initial)"
	}
	subject, _, _ := strings.Cut(strings.TrimSpace(g.message), "\n")
	_, off := g.commit.When.Zone()
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	line := fmt.Sprintf("%s %s %s <%s> %d %s%02d%02d\t%s: %s\n", g.head, h, g.commit.Name, g.commit.Email,
		g.commit.When.Unix(), sign, off/3600, (off%3600)/60, what, subject)
	logs := []string{filepath.Join(g.dirs.GitDir, "logs", "HEAD")}
	if g.refName != plumbing.HEAD {
		logs = append(logs, filepath.Join(g.dirs.CommonDir, "logs", filepath.FromSlash(g.refName.String())))
	}
	create := true
	if v, ok := g.cfg.get("core", "logAllRefUpdates"); ok && !g.cfg.bool("core", "logAllRefUpdates") && v != "always" {
		create = false
	}
	for _, p := range logs {
		flags := os.O_WRONLY | os.O_APPEND
		if create {
			flags |= os.O_CREATE
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
		}
		f, err := os.OpenFile(p, flags, 0o666)
		if errors.Is(err, os.ErrNotExist) && !create {
			continue
		}
		if err != nil {
			return fmt.Errorf("reflog %s: %v", p, err)
		}
		_, werr := f.Write([]byte(line))
		cerr := f.Close()
		if err := errors.Join(werr, cerr); err != nil {
			return fmt.Errorf("reflog %s: %v", p, err)
		}
	}
	return nil
}
