//go:build unix

package edit

import (
	"os"
	"syscall"
	"time"

	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// fillStat gives an index entry a file's stat data, as git add does, so
// that git status finds the file clean without reading it.
func fillStat(e *index.Entry, st os.FileInfo) {
	e.ModifiedAt = st.ModTime()
	e.Size = uint32(st.Size())
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		e.CreatedAt = time.Unix(int64(s.Ctim.Sec), int64(s.Ctim.Nsec))
		e.Dev = uint32(s.Dev)
		e.Inode = uint32(s.Ino)
		e.UID = s.Uid
		e.GID = s.Gid
	}
}

// nlink is how many names a file has.
func nlink(st os.FileInfo) uint64 {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return uint64(s.Nlink)
	}
	return 1
}

// owner is a file's user and group, and whether they are known.
func owner(st os.FileInfo) (uid, gid int, ok bool) {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return int(s.Uid), int(s.Gid), true
	}
	return 0, 0, false
}

// writable reports whether this process may write the file by its mode,
// as the kernel would judge it (root may write anything).
func writable(path string) bool {
	return syscall.Access(path, 2) == nil
}
