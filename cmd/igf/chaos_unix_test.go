//go:build unix

package main

import (
	"os"
	"syscall"
)

// linkCount is the number of names the open file has (0: it was replaced
// and no name points to it any more), or -1 when that cannot be told.
func linkCount(f *os.File) int {
	st, err := f.Stat()
	if err != nil {
		return -1
	}
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return int(s.Nlink)
	}
	return -1
}
