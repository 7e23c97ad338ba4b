package edit

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// LockedError says a git lock file exists: another git (or igf) is changing
// the same file right now, or one was killed and left its lock behind.
type LockedError struct{ Path string }

func (e *LockedError) Error() string {
	return fmt.Sprintf("%s exists: another git process is changing the repository; wait for it to finish. If none is running (one was killed), remove the file and run the command again", e.Path)
}

// lockFile is git's lock protocol for a file under .git: the new content
// is written to FILE.lock, created exclusively (so two writers never both
// hold it), and renamed over FILE when complete; FILE itself is never
// written in place, so a reader or a crash sees the old version or the new.
type lockFile struct {
	path string // the file the lock stands for
	f    *os.File
}

func lock(path string) (*lockFile, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil, &LockedError{Path: path + ".lock"}
		}
		return nil, err
	}
	return &lockFile{path: path, f: f}, nil
}

// name is the lock file's own path.
func (l *lockFile) name() string { return l.path + ".lock" }

// write replaces what the lock holds with data.
func (l *lockFile) write(data []byte) error {
	if err := l.f.Truncate(0); err != nil {
		return err
	}
	_, err := l.f.WriteAt(data, 0)
	return err
}

// commit puts the lock's content in place: flushed, then renamed.
func (l *lockFile) commit() error {
	if err := l.f.Sync(); err != nil {
		l.rollback()
		return err
	}
	if err := l.f.Close(); err != nil {
		os.Remove(l.name())
		return err
	}
	if err := os.Rename(l.name(), l.path); err != nil {
		os.Remove(l.name())
		return err
	}
	l.f = nil
	return nil
}

// rollback gives the lock up, leaving the file as it was.
func (l *lockFile) rollback() {
	if l == nil || l.f == nil {
		return
	}
	l.f.Close()
	os.Remove(l.name())
	l.f = nil
}
