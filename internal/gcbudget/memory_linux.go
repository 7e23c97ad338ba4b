package gcbudget

import (
	"bytes"
	"os"
	"strconv"
)

// memory is the machine's memory (MemTotal), or the cgroup's limit when it
// is lower (a container's, memory.max in cgroup v2).
func memory() (uint64, bool) {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0, false
	}
	var total uint64
	for _, line := range bytes.Split(b, []byte("\n")) {
		if rest, ok := bytes.CutPrefix(line, []byte("MemTotal:")); ok {
			kb, err := strconv.ParseUint(string(bytes.TrimSuffix(bytes.TrimSpace(rest), []byte(" kB"))), 10, 64)
			if err != nil {
				return 0, false
			}
			total = kb << 10
		}
	}
	if total == 0 {
		return 0, false
	}
	if b, err := os.ReadFile("/sys/fs/cgroup/memory.max"); err == nil {
		if n, err := strconv.ParseUint(string(bytes.TrimSpace(b)), 10, 64); err == nil && n < total {
			total = n
		}
	}
	return total, true
}
