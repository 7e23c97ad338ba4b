package edit

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrChanged says a file changed on disk between reading and writing it.
var ErrChanged = errors.New("the file changed on disk since igf read it; run the command again")

// Write replaces the file at path with data, atomically: it writes a temporary
// file in the same directory with the old file's mode, then renames it over the
// old one, so a reader sees the old bytes or the new, never half. It refuses
// (ErrChanged) if the file no longer holds read, the bytes the edit was made
// from, checked again just before the rename.
func Write(path string, read, data []byte) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	want := sha256.Sum256(read)
	unchanged := func() error {
		now, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if sha256.Sum256(now) != want {
			return fmt.Errorf("%s: %w", path, ErrChanged)
		}
		return nil
	}
	if err := unchanged(); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".igf-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(st.Mode().Perm()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := unchanged(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// Create writes a new file atomically, refusing to replace one that exists.
func Create(path string, data []byte, perm os.FileMode) error {
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("%s already exists; igf does not overwrite it", path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".igf-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	// A hard link fails if the name was taken meanwhile; rename would not.
	if err := os.Link(tmp.Name(), path); err != nil {
		if _, serr := os.Lstat(path); serr == nil {
			return fmt.Errorf("%s already exists; igf does not overwrite it", path)
		}
		return os.Rename(tmp.Name(), path)
	}
	return nil
}
