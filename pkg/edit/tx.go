package edit

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/index"

	"github.com/igf-records/igf/internal/atomicfile"
	"github.com/igf-records/igf/pkg/source"
)

// ErrChanged says a file changed on disk between reading and writing it.
var ErrChanged = errors.New("the file changed on disk since igf read it; run the command again")

// Tx is one edit of a records repository, the one way igf changes record
// files: every file is read and checked before any is written (inside the
// repository, a regular file, writable, one name, an owner igf can keep),
// nothing is written until every check — with Commit, every check git and
// the pre-commit hook would make — has passed, and then each file is
// replaced atomically, refusing if someone else changed it meanwhile.
type Tx struct {
	root  string // the repository top (holding records/), as given
	real  string // its real path
	tmp   string // where temporary files are made: inside .git, ignored by git
	files []*txFile
}

type txFile struct {
	rel     string // slash path from the repository top, as named
	target  string // the file written: rel's real path, a symlink's target
	gitPath string // target's slash path from the git work tree's top
	read    []byte // the bytes the edit was made from; nil for a new file
	data    []byte
	create  bool
	old     *os.File    // the file read, kept open to see writes after igf's
	st      os.FileInfo // its stat when read
	entry   *index.Entry
	written bool
}

// Begin starts an edit of the repository at root. It sweeps temporary
// files that an edit cut short (kill -9, a crash) left behind.
func Begin(root string) (*Tx, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, err
	}
	tx := &Tx{root: abs, real: real}
	if d := source.IgfDir(abs); d != "" && strings.Contains(d, string(filepath.Separator)+".git"+string(filepath.Separator)) {
		tx.tmp = filepath.Join(d, "tmp")
		atomicfile.Sweep(tx.tmp, time.Minute)
	}
	return tx, nil
}

// Close releases the files the edit holds open.
func (tx *Tx) Close() {
	for _, f := range tx.files {
		if f.old != nil {
			f.old.Close()
			f.old = nil
		}
	}
}

// Paths are the files the edit changes or creates, slash paths from the
// repository top as they were named.
func (tx *Tx) Paths() []string {
	out := make([]string, len(tx.files))
	for i, f := range tx.files {
		out[i] = f.rel
	}
	return out
}

// inside reports whether p (a real path) lies within dir (a real path).
func inside(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// Read checks the record at rel (a slash path from the repository top) for
// editing and returns its bytes. A symlink is followed to its target, which
// must lie inside the repository; the file must be a regular file that this
// user may write, with no other name (a hard link), whose owner and group
// a replacement can keep.
func (tx *Tx) Read(rel string) ([]byte, error) {
	full := filepath.Join(tx.root, filepath.FromSlash(rel))
	target, err := filepath.EvalSymlinks(full)
	if err != nil {
		return nil, err
	}
	if !inside(tx.real, target) {
		return nil, fmt.Errorf("%s is a link to %s, outside the repository; igf edits only files inside it", rel, target)
	}
	for _, f := range tx.files {
		if f.target == target {
			return nil, fmt.Errorf("%s is edited twice in one change (through %s and %s)", target, f.rel, rel)
		}
	}
	st, err := os.Lstat(target)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file; igf edits only regular files", rel)
	}
	if st.Mode().Perm()&0o222 == 0 || !writable(target) {
		return nil, fmt.Errorf("%s is read-only (mode %04o); igf does not edit a read-only record: make it writable first (chmod u+w %s) if it should change", rel, st.Mode().Perm(), rel)
	}
	if n := nlink(st); n > 1 {
		return nil, fmt.Errorf("%s has %d hard links; igf replaces a file whole, which would leave its other names with the old text: make it a file of its own first (cp %s %s.tmp && mv %s.tmp %s), or edit it by hand", rel, n, rel, rel, rel, rel)
	}
	if uid, gid, ok := owner(st); ok && os.Geteuid() != 0 && (uid != os.Geteuid() || !inGroup(gid)) {
		return nil, fmt.Errorf("%s belongs to user %d, group %d; igf (user %d) cannot give its replacement that owner and group: edit it as its owner", rel, uid, gid, os.Geteuid())
	}
	old, err := os.Open(target)
	if err != nil {
		return nil, err
	}
	data, ost, err := readStable(old)
	if err != nil {
		old.Close()
		if errors.Is(err, ErrChanged) {
			return nil, fmt.Errorf("%s: %w", rel, ErrChanged)
		}
		return nil, err
	}
	tx.files = append(tx.files, &txFile{rel: rel, target: target, read: data, data: data, old: old, st: ost})
	return data, nil
}

// readStable reads an open file whole, again if it changed while being read.
func readStable(f *os.File) ([]byte, os.FileInfo, error) {
	for try := 0; ; try++ {
		before, err := f.Stat()
		if err != nil {
			return nil, nil, err
		}
		data := make([]byte, before.Size())
		n, err := f.ReadAt(data, 0)
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, nil, err
		}
		after, err := f.Stat()
		if err != nil {
			return nil, nil, err
		}
		if n == len(data) && after.Size() == before.Size() && after.ModTime().Equal(before.ModTime()) {
			return data[:n], after, nil
		}
		if try == 3 {
			return nil, nil, ErrChanged
		}
	}
}

// Replace sets the new content of a file the edit has Read.
func (tx *Tx) Replace(rel string, data []byte) error {
	for _, f := range tx.files {
		if f.rel == rel && !f.create {
			f.data = data
			return nil
		}
	}
	return fmt.Errorf("%s was not read for this edit", rel)
}

// Create adds a new record at rel, which must lie inside records/ (after
// every symlink on the way) and not exist yet.
func (tx *Tx) Create(rel string, data []byte) error {
	return tx.create(rel, data, path.Join(source.RecordsDir))
}

// CreateFile adds a new file anywhere inside the repository (igf init's
// templates/).
func (tx *Tx) CreateFile(rel string, data []byte) error {
	return tx.create(rel, data, "")
}

func (tx *Tx) create(rel string, data []byte, within string) error {
	clean := path.Clean(rel)
	if clean != rel || strings.HasPrefix(clean, "../") || clean == ".." || path.IsAbs(clean) || strings.Contains(rel, "\\") {
		return fmt.Errorf("%q is not a path inside the repository", rel)
	}
	limit := tx.real
	if within != "" {
		if clean != within && !strings.HasPrefix(clean, within+"/") {
			return fmt.Errorf("%s lies outside %s/; igf makes records only there", rel, within)
		}
		if r, err := filepath.EvalSymlinks(filepath.Join(tx.root, within)); err == nil {
			limit = r
		}
	}
	full := filepath.Join(tx.root, filepath.FromSlash(clean))
	// The nearest directory that exists, with its links resolved, must lie
	// within the limit: a symlinked folder cannot lead a new file out.
	dir := filepath.Dir(full)
	for {
		if _, err := os.Lstat(dir); err == nil {
			break
		}
		dir = filepath.Dir(dir)
	}
	realDir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return err
	}
	rest, _ := filepath.Rel(dir, filepath.Dir(full))
	target := filepath.Join(realDir, rest, filepath.Base(full))
	if !inside(limit, target) {
		return fmt.Errorf("%s would be written to %s, outside %s; igf does not write there", rel, target, limit)
	}
	if _, err := os.Lstat(full); err == nil {
		return fmt.Errorf("%s already exists; igf does not overwrite it", rel)
	}
	tx.files = append(tx.files, &txFile{rel: clean, target: target, data: data, create: true})
	return nil
}

// changing are the files the edit creates or changes.
func (tx *Tx) changing() []*txFile {
	var out []*txFile
	for _, f := range tx.files {
		if f.create || !bytes.Equal(f.data, f.read) {
			out = append(out, f)
		}
	}
	return out
}

// Write writes every file of the edit, or none: when one cannot be written,
// those already written get their old bytes back.
func (tx *Tx) Write() error {
	for _, f := range tx.changing() {
		if err := tx.writeFile(f); err != nil {
			tx.undo()
			return err
		}
	}
	return nil
}

// Commit checks the edit as git commit would — the index and branch locked,
// nothing else staged, no file with changes of its own, .gitattributes
// applied, then check (the pre-commit hook's checks) run on the index the
// commit will hold — and only then writes the files and commits them.
func (tx *Tx) Commit(message string, check func(indexFile string) error) (plumbing.Hash, error) {
	top, err := tx.gitTop()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	files := tx.changing()
	for _, f := range files {
		rel, err := filepath.Rel(top, f.target)
		if err != nil || !inside(top, f.target) {
			return plumbing.ZeroHash, fmt.Errorf("%s is outside the git work tree %s", f.rel, top)
		}
		f.gitPath = filepath.ToSlash(rel)
	}
	g, err := beginCommit(tx.root, files, message)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if check != nil {
		if err := check(g.indexFile()); err != nil {
			g.abort()
			return plumbing.ZeroHash, err
		}
	}
	if err := tx.Write(); err != nil {
		g.abort()
		return plumbing.ZeroHash, err
	}
	return g.finish(files)
}

// CheckCommit is --commit's check when the edit turned out to change
// nothing (every item already as asked). Git's locks are taken and given
// back, so a lock a killed run left is named as for any commit; and a file
// read that differs from what git's index holds is refused: the item is as
// asked in the working tree but not in what would be committed — an earlier
// --commit stopped between writing and committing, or an edit of the
// user's — and igf cannot commit that change alone. It writes nothing.
func (tx *Tx) CheckCommit() error {
	top, err := tx.gitTop()
	if err != nil {
		return err
	}
	g, err := openCommit(tx.root, "")
	if err != nil {
		return err
	}
	defer g.abort()
	for _, f := range tx.files {
		if f.create {
			continue
		}
		rel, err := filepath.Rel(top, f.target)
		if err != nil || !inside(top, f.target) {
			return fmt.Errorf("%s is outside the git work tree %s", f.rel, top)
		}
		f.gitPath = filepath.ToSlash(rel)
		same, err := g.unchangedIn(f)
		if err != nil {
			return err
		}
		if !same {
			return fmt.Errorf("--commit: nothing to change, but %s has changes that are not committed (an earlier --commit that was stopped, or an edit of your own); review them (git diff %s) and commit them with git", f.gitPath, f.gitPath)
		}
	}
	return nil
}

func (tx *Tx) gitTop() (string, error) {
	_, dirs, err := source.OpenGit(tx.root)
	if err != nil {
		return "", fmt.Errorf("--commit needs a git repository: %v", err)
	}
	return filepath.EvalSymlinks(dirs.Top)
}

// writeFile puts one file in place. A replaced file is checked last just
// before the rename (same file at the path, same bytes, read through the
// descriptor igf holds): the window left is that check and the rename. The
// old file is read once more after the rename: a program that wrote into
// it in that window gets its version back and igf refuses.
func (tx *Tx) writeFile(f *txFile) error {
	o := atomicfile.Options{Durable: true, TempDir: tx.tmp}
	if f.create {
		o.Perm = 0o644
		if err := os.MkdirAll(filepath.Dir(f.target), 0o755); err != nil {
			return err
		}
		if err := atomicfile.Write(f.target, f.data, o); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("%s already exists; igf does not overwrite it", f.rel)
			}
			return err
		}
		f.written = true
		return nil
	}
	o.Replace = true
	o.Check = func() error {
		if !f.unchanged() {
			return fmt.Errorf("%s: %w", f.rel, ErrChanged)
		}
		return nil
	}
	if err := atomicfile.Write(f.target, f.data, o); err != nil {
		return err
	}
	f.written = true
	if afterRename != nil {
		afterRename(f.target)
	}
	if now, err := contents(f.old); err == nil && !bytes.Equal(now, f.read) {
		return tx.giveBack(f, now)
	}
	return nil
}

// afterRename lets tests write into a replaced file in the window, and
// beforeGiveBack into igf's own file just before giveBack replaces it.
var afterRename, beforeGiveBack func(path string)

// unchanged reports whether the file at the target is still the one read,
// holding the bytes read.
func (f *txFile) unchanged() bool {
	cur, err := os.Lstat(f.target)
	if err != nil || !os.SameFile(cur, f.st) {
		return false
	}
	now, err := contents(f.old)
	return err == nil && bytes.Equal(now, f.read)
}

func contents(f *os.File) ([]byte, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	data := make([]byte, st.Size())
	n, err := f.ReadAt(data, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return data[:n], nil
}

// giveBack puts back what another program wrote into the old file between
// igf's last check and its rename, when the path still holds igf's bytes,
// and refuses; the other program's save is never lost silently.
//
// Putting it back is itself a replacement, guarded the same way: igf's own
// file is checked through a descriptor just before the rename and read
// once more after it, so a write that lands in igf's file meanwhile is
// saved under .git/igf/saved/ rather than dropped.
func (tx *Tx) giveBack(f *txFile, theirs []byte) error {
	if mine, err := os.Open(f.target); err == nil {
		defer mine.Close()
		st, serr := mine.Stat()
		cur, cerr := contents(mine)
		if serr == nil && cerr == nil && bytes.Equal(cur, f.data) {
			o := atomicfile.Options{Replace: true, Durable: true, TempDir: tx.tmp, Check: func() error {
				now, err := os.Lstat(f.target)
				if err != nil || !os.SameFile(now, st) {
					return ErrChanged
				}
				if cur, err := contents(mine); err != nil || !bytes.Equal(cur, f.data) {
					return ErrChanged
				}
				if beforeGiveBack != nil {
					beforeGiveBack(f.target)
				}
				return nil
			}}
			if err := atomicfile.Write(f.target, theirs, o); err == nil {
				f.written = false
				if cur, err := contents(mine); err == nil && !bytes.Equal(cur, f.data) {
					if saved, err := tx.save(f, cur); err == nil {
						return fmt.Errorf("%s: other programs wrote the file while igf replaced it; the first one's version is kept and igf's change was not made; the version another wrote meanwhile is saved in %s: %w", f.rel, saved, ErrChanged)
					}
					return fmt.Errorf("%s: other programs wrote the file while igf replaced it; the first one's version is kept and igf's change was not made, but a version another wrote meanwhile could not be kept: %w", f.rel, ErrChanged)
				}
				return fmt.Errorf("%s: another program wrote the file while igf replaced it; its version is kept and igf's change was not made: %w", f.rel, ErrChanged)
			}
		}
	}
	if saved, err := tx.save(f, theirs); err == nil {
		return fmt.Errorf("%s: other programs wrote the file while igf replaced it; the version one of them wrote into the replaced file is saved in %s: %w", f.rel, saved, ErrChanged)
	}
	return fmt.Errorf("%s: another program wrote the file while igf replaced it, and its version could not be kept: %w", f.rel, ErrChanged)
}

// save keeps a version of f another program wrote under .git/igf/saved/.
func (tx *Tx) save(f *txFile, data []byte) (string, error) {
	saved := filepath.Join(source.IgfDir(tx.root), "saved", fmt.Sprintf("%s.%d", filepath.Base(f.target), time.Now().UnixNano()))
	if err := os.MkdirAll(filepath.Dir(saved), 0o755); err != nil {
		return "", err
	}
	return saved, atomicfile.Write(saved, data, atomicfile.Options{Durable: true})
}

// undo gives the files already written their old bytes back (or removes
// the ones created), where they still hold what igf wrote.
func (tx *Tx) undo() {
	for _, f := range tx.files {
		if !f.written {
			continue
		}
		cur, err := os.ReadFile(f.target)
		if err != nil || !bytes.Equal(cur, f.data) {
			continue
		}
		if f.create {
			os.Remove(f.target)
		} else {
			_ = atomicfile.Write(f.target, f.read, atomicfile.Options{Replace: true, Durable: true, TempDir: tx.tmp})
		}
		f.written = false
	}
}

// inGroup reports whether this process may give a file group gid.
func inGroup(gid int) bool {
	if gid == os.Getegid() {
		return true
	}
	groups, err := os.Getgroups()
	if err != nil {
		return false
	}
	for _, g := range groups {
		if g == gid {
			return true
		}
	}
	return false
}
