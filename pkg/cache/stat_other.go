//go:build !linux

package cache

import "io/fs"

// StatOf takes what the cache compares from a file's stat data. Without a
// ctime (left 0 here) every entry is verified by content: slower, never stale.
func StatOf(fi fs.FileInfo) Stat {
	return Stat{Size: fi.Size(), Mtime: fi.ModTime().UnixNano(), Mode: uint32(fi.Mode())}
}
