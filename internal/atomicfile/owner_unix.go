//go:build unix

package atomicfile

import (
	"fmt"
	"os"
	"syscall"
)

// keepOwner gives the temporary file the owner and group of the file it
// replaces. A user can give a file only a group they belong to, and only
// root can give it another owner: then the write is refused rather than
// leaving the file with an owner it did not have.
func keepOwner(tmp *os.File, old os.FileInfo) error {
	want, ok := old.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	st, err := tmp.Stat()
	if err != nil {
		return err
	}
	have, ok := st.Sys().(*syscall.Stat_t)
	if !ok || (have.Uid == want.Uid && have.Gid == want.Gid) {
		return nil
	}
	if err := tmp.Chown(int(want.Uid), int(want.Gid)); err != nil {
		return fmt.Errorf("it belongs to user %d, group %d, and igf (user %d) cannot give the new file that owner and group; edit it as its owner", want.Uid, want.Gid, os.Geteuid())
	}
	return nil
}

// sameDevice reports whether two directories are on one file system, so a
// rename between them can work.
func sameDevice(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	if err1 != nil || err2 != nil {
		return false
	}
	x, ok1 := sa.Sys().(*syscall.Stat_t)
	y, ok2 := sb.Sys().(*syscall.Stat_t)
	return ok1 && ok2 && x.Dev == y.Dev
}
