package memguard

import (
	"bytes"
	"os"
	"strconv"
	"syscall"
)

// addressLimit is the soft RLIMIT_AS (ulimit -v), in bytes, when finite.
func addressLimit() (uint64, bool) {
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_AS, &rl); err != nil {
		return 0, false
	}
	if rl.Cur == ^uint64(0) || rl.Cur == 0 {
		return 0, false
	}
	return rl.Cur, true
}

// addressUsed is the address space the process has mapped (VmSize).
func addressUsed() (uint64, bool) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for _, line := range bytes.Split(b, []byte("\n")) {
		if rest, ok := bytes.CutPrefix(line, []byte("VmSize:")); ok {
			kb, err := strconv.ParseUint(string(bytes.TrimSuffix(bytes.TrimSpace(rest), []byte(" kB"))), 10, 64)
			return kb << 10, err == nil
		}
	}
	return 0, false
}
