//go:build !linux

package gcbudget

// memory: only Linux is read; elsewhere the budget is Default's 1 GiB.
func memory() (uint64, bool) { return 0, false }
