// Package profile writes Go's CPU and heap profiles of one igf run when
// IGF_CPUPROFILE or IGF_MEMPROFILE names a file, for finding where a slow
// command spends its time (go tool pprof FILE). Unset, it does nothing.
package profile

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

// Start begins what the environment asks for; the returned func ends it
// and writes the profiles.
func Start() (stop func()) {
	cpu, mem := os.Getenv("IGF_CPUPROFILE"), os.Getenv("IGF_MEMPROFILE")
	var cpuFile *os.File
	if cpu != "" {
		f, err := os.Create(cpu)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "igf: IGF_CPUPROFILE: %v\n", err)
		} else {
			cpuFile = f
		}
	}
	if mem != "" {
		runtime.MemProfileRate = 64 << 10
	}
	return func() {
		if cpuFile != nil {
			pprof.StopCPUProfile()
			_ = cpuFile.Close()
		}
		if mem == "" {
			return
		}
		f, err := os.Create(mem)
		if err == nil {
			err = pprof.Lookup("allocs").WriteTo(f, 0)
			_ = f.Close()
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "igf: IGF_MEMPROFILE: %v\n", err)
		}
	}
}
