package store

import (
	"io/fs"
	"syscall"
)

// fileStat is what git's index keeps of a file besides size and mtime.
type fileStat struct {
	ctime    int64 // Unix nanoseconds
	ino, dev uint64
}

// statOf takes the status-change time, inode and device of a file.
func statOf(fi fs.FileInfo) (fileStat, bool) {
	sys, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return fileStat{}, false
	}
	return fileStat{ctime: sys.Ctim.Sec*1e9 + sys.Ctim.Nsec, ino: sys.Ino, dev: uint64(sys.Dev)}, true
}
