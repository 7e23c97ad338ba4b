package cache

import (
	"io/fs"
	"syscall"
)

// StatOf takes what the cache compares from a file's stat data.
func StatOf(fi fs.FileInfo) Stat {
	st := Stat{Size: fi.Size(), Mtime: fi.ModTime().UnixNano(), Mode: uint32(fi.Mode())}
	if sys, ok := fi.Sys().(*syscall.Stat_t); ok {
		st.Ctime = sys.Ctim.Sec*1e9 + sys.Ctim.Nsec
		st.Ino, st.Dev = sys.Ino, uint64(sys.Dev)
	}
	return st
}
