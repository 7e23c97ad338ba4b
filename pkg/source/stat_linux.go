package source

import (
	"io/fs"
	"syscall"
)

// FileStat is what git's index keeps of a file besides size and mtime.
type FileStat struct {
	Ctime    int64 // Unix nanoseconds
	Ino, Dev uint64
}

// StatOf takes the status-change time, inode and device of a file.
func StatOf(fi fs.FileInfo) (FileStat, bool) {
	sys, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return FileStat{}, false
	}
	return FileStat{Ctime: sys.Ctim.Sec*1e9 + sys.Ctim.Nsec, Ino: sys.Ino, Dev: uint64(sys.Dev)}, true
}
