//go:build !unix

package edit

import (
	"os"

	"github.com/go-git/go-git/v5/plumbing/format/index"
)

func fillStat(e *index.Entry, st os.FileInfo) {
	e.ModifiedAt = st.ModTime()
	e.Size = uint32(st.Size())
}

func nlink(os.FileInfo) uint64 { return 1 }

func owner(os.FileInfo) (int, int, bool) { return 0, 0, false }

func writable(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().Perm()&0o200 != 0
}
