// Package memguard keeps igf honest when memory is limited (ulimit -v).
//
// A Go program that runs out of address space dies in the runtime with a
// "fatal error: runtime: out of memory" and a dump of every goroutine, which
// says nothing to the person who ran it; and a cgo build's C library takes
// address space for a malloc arena per thread (128 MiB each), so under
// `ulimit -v 1G` igf could not even start. Under a finite address-space
// limit, Supervise runs igf as a child with one malloc arena and a Go memory
// limit below the hard one (so the collector works harder before the wall),
// passes its output through, and if the child still runs out of memory,
// replaces the runtime's dump with one line saying so. Without a limit it
// does nothing.
package memguard

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// childEnv marks the supervised child, which must not supervise again.
const childEnv = "IGF_MEMGUARD_CHILD"

// Supervise runs this program again under its supervision when an
// address-space limit is set, and returns the child's exit code with
// supervised true; it returns supervised false when igf should just run (no
// limit, or this is the child).
func Supervise() (code int, supervised bool) {
	limit, limited := addressLimit()
	if !limited {
		return 0, false
	}
	if os.Getenv(childEnv) != "" {
		// The child: keep the heap inside what the limit leaves once the
		// binary, the runtime's reservations and the threads are mapped
		// (most of a gigabyte for any Go program), so the collector works
		// harder before the wall.
		if used, ok := addressUsed(); ok && used < limit {
			debug.SetMemoryLimit(int64((limit - used) / 10 * 8))
		}
		return 0, false
	}
	exe, err := os.Executable()
	if err != nil {
		return 0, false
	}
	cmd := exec.Command(exe, os.Args[1:]...)
	cmd.Args[0] = os.Args[0]
	cmd.Env = append(os.Environ(), childEnv+"=1")
	if os.Getenv("MALLOC_ARENA_MAX") == "" {
		cmd.Env = append(cmd.Env, "MALLOC_ARENA_MAX=1")
	}
	cmd.Stdin, cmd.Stdout = os.Stdin, os.Stdout
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return 0, false
	}
	if err := cmd.Start(); err != nil {
		return 0, false
	}
	// Ctrl-C reaches the child from the terminal; a signal sent to igf
	// alone is passed on.
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGQUIT, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		for s := range sigs {
			if s == syscall.SIGTERM || s == syscall.SIGHUP {
				_ = cmd.Process.Signal(s)
			}
		}
	}()
	oom := copyUntilOOM(os.Stderr, stderr)
	err = cmd.Wait()
	signal.Stop(sigs)
	if oom {
		fmt.Fprintf(os.Stderr, "igf: out of memory: this run needed more than the %d MiB of address space the limit allows (ulimit -v %d); raise the limit, or ask for less at once (one body, one period, --at a single revision)\n",
			limit>>20, limit>>10)
		return 2, true
	}
	if ee, ok := err.(*exec.ExitError); ok {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return 128 + int(ws.Signal()), true
		}
		return ee.ExitCode(), true
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "igf: %v\n", err)
		return 2, true
	}
	return 0, true
}

// copyUntilOOM copies the child's messages line by line, and reports
// whether the runtime said it ran out of memory; from that line on, the
// runtime's dump is not copied.
func copyUntilOOM(w io.Writer, r io.Reader) bool {
	br := bufio.NewReader(r)
	oom := false
	for {
		line, err := br.ReadBytes('\n')
		if len(line) > 0 && !oom {
			if outOfMemory(line) {
				oom = true
			} else {
				w.Write(line)
			}
		}
		if err != nil {
			return oom
		}
	}
}

// outOfMemory recognises the runtime's last words when memory runs out.
func outOfMemory(line []byte) bool {
	for _, p := range [][]byte{[]byte("fatal error: runtime: out of memory"), []byte("fatal error: runtime: cannot allocate memory"),
		[]byte("runtime: out of memory:"), []byte("fatal error: out of memory"), []byte("runtime: cannot allocate memory")} {
		if bytes.HasPrefix(line, p) {
			return true
		}
	}
	return false
}
