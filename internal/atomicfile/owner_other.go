//go:build !unix

package atomicfile

import "os"

func keepOwner(*os.File, os.FileInfo) error { return nil }

func sameDevice(a, b string) bool { return false }
