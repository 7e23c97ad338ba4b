//go:build !linux

package memguard

// addressLimit: only Linux is supervised; elsewhere igf runs as it is.
func addressLimit() (uint64, bool) { return 0, false }

func addressUsed() (uint64, bool) { return 0, false }
