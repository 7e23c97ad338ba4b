// Package atomicfile is igf's one way of writing a file: the data goes to a
// temporary file first, which is then renamed over the old file (or linked
// into place, for a file that must not exist yet), so that a reader, and
// the file system after a crash, sees the old file or the new one and never
// a part of either. Record files, reports, the pre-commit hook and every
// file under .git/igf/ are written through Write.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// TempMark is in the name of every temporary file igf makes, so that Sweep
// can tell them from anything else: ".NAME.igf-tmp-RANDOM".
const TempMark = ".igf-tmp-"

// Options say how a file is written.
type Options struct {
	// Perm is the mode of a new file; zero means 0644. A replaced file
	// keeps its own mode, unless SetPerm.
	Perm    fs.FileMode
	SetPerm bool
	// Replace allows an existing file to be replaced. Its mode, owner and
	// group are kept, and the write is refused when they cannot be. Without
	// Replace an existing file is never touched: Write fails with an error
	// that matches fs.ErrExist.
	Replace bool
	// Durable flushes the data to disk before the rename and the directory
	// after it, so that the new file survives a power cut once Write returns.
	Durable bool
	// TempDir is where the temporary file is made, when not in path's own
	// directory: a directory git ignores (inside .git), so that a write cut
	// short by kill -9 leaves nothing in `git status`. It must be on the
	// same file system as path; when the rename finds it is not, the write
	// is made again from path's directory.
	TempDir string
	// Check is called after the data is written and just before the
	// rename: the last moment the write can be abandoned. An error from it
	// abandons the write (the temporary file is removed) and is returned.
	Check func() error
}

// Write puts data at path as Options say.
func Write(path string, data []byte, o Options) error {
	dir := filepath.Dir(path)
	tempDir := dir
	if o.TempDir != "" {
		if err := os.MkdirAll(o.TempDir, 0o700); err == nil && sameDevice(o.TempDir, dir) {
			tempDir = o.TempDir
		}
	}
	err := write(path, tempDir, data, o)
	if tempDir != dir && errors.Is(err, syscall.EXDEV) {
		err = write(path, dir, data, o)
	}
	return err
}

func write(path, tempDir string, data []byte, o Options) error {
	var old os.FileInfo
	if st, err := os.Lstat(path); err == nil {
		if !o.Replace {
			return &fs.PathError{Op: "create", Path: path, Err: fs.ErrExist}
		}
		if !st.Mode().IsRegular() {
			return fmt.Errorf("%s is not a regular file; igf replaces only regular files", path)
		}
		old = st
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	tmp, err := os.CreateTemp(tempDir, "."+filepath.Base(path)+TempMark+"*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(name)
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	perm := o.Perm
	if perm == 0 {
		perm = 0o644
	}
	if old != nil {
		if !o.SetPerm {
			perm = old.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
		}
		if err := keepOwner(tmp, old); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	if err := tmp.Chmod(perm); err != nil {
		return err
	}
	if o.Durable {
		if err := tmp.Sync(); err != nil {
			return err
		}
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if o.Check != nil {
		if err := o.Check(); err != nil {
			return err
		}
	}
	if o.Replace {
		if err := os.Rename(name, path); err != nil {
			return err
		}
	} else if err := os.Link(name, path); err != nil {
		// A hard link fails when the name was taken meanwhile; a rename
		// would not. Where links are not supported, rename after a look.
		if _, serr := os.Lstat(path); serr == nil || errors.Is(err, syscall.EXDEV) {
			if serr == nil {
				return &fs.PathError{Op: "create", Path: path, Err: fs.ErrExist}
			}
			return err
		}
		if err := os.Rename(name, path); err != nil {
			return err
		}
	} else {
		os.Remove(name)
	}
	done = true
	if o.Durable {
		syncDir(filepath.Dir(path))
	}
	return nil
}

// syncDir flushes a directory, so a rename in it is on disk. Not every
// file system can: an error only means the rename is not yet durable.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// Sweep removes the temporary files in dir that a write cut short (kill -9,
// a crash, a full disk) left behind and that are older than age: a younger
// one may belong to a write still under way in another process.
func Sweep(dir string, age time.Duration) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	limit := time.Now().Add(-age)
	for _, e := range entries {
		if !strings.Contains(e.Name(), TempMark) || !e.Type().IsRegular() {
			continue
		}
		if info, err := e.Info(); err == nil && info.ModTime().Before(limit) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
