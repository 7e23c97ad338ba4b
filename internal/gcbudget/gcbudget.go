// Package gcbudget lets a one-shot command's heap grow to a budget between
// collections while what it keeps live is small beside it, and leaves the
// collector to its usual settings once it is not.
//
// Go collects when the heap has grown by as much as was live after the
// last collection (GOGC=100), from 4 MB up. A site build of the bundled
// records never holds more than about 10 MB live yet collected seven
// times, each time taking a core of the two from the rendering; a
// 10,000-record build holds about 500 MB live while it makes 3.4 GB of
// pages, reports and calendars, and the collector took a fifth of its CPU.
// Under a budget the collector runs only when the heap reaches it: never
// for a small build, a few times for a large one. Once the live heap
// passes half the budget, collecting at the budget would come too often,
// and the usual settings are back: the peak is never above the budget or
// what Go would reach on its own, whichever is more.
package gcbudget

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// The budget's bounds: a quarter of the machine's memory, at least Min and
// at most Max (see Default).
const (
	Min = 256 << 20
	Max = 2 << 30
)

// Default is the budget for this machine: a quarter of its memory (or of
// the container's limit, when lower), within [Min, Max]; 1 GiB when the
// memory is not known.
func Default() int64 {
	mem, ok := memory()
	if !ok {
		return 1 << 30
	}
	return min(max(int64(mem/4), Min), Max)
}

// Set turns the collector off and has it run when the heap reaches budget
// bytes (a memory limit), for as long as each collection leaves at most
// half the budget live; after one that leaves more, or when restore is
// called, the collector's own settings are back. A GOGC or memory limit
// the user set (GOGC, GOMEMLIMIT, or igf's own limit under ulimit -v) is
// left alone.
func Set(budget int64) (restore func()) {
	if os.Getenv("GOGC") != "" || debug.SetMemoryLimit(-1) != math.MaxInt64 {
		return func() {}
	}
	percent := debug.SetGCPercent(-1)
	debug.SetMemoryLimit(budget)
	var (
		mu   sync.Mutex
		done bool
	)
	restore = func() {
		mu.Lock()
		defer mu.Unlock()
		if !done {
			done = true
			debug.SetGCPercent(percent)
			debug.SetMemoryLimit(math.MaxInt64)
		}
	}
	var watch func()
	watch = func() {
		// A cleanup runs after the collection that finds its object
		// unreachable: one each collection, while the budget holds.
		sentinel := new(struct {
			_ [64]byte
			p *int
		})
		runtime.AddCleanup(sentinel, func(struct{}) {
			checks.Add(1)
			mu.Lock()
			over := done
			mu.Unlock()
			if over {
				return
			}
			if live() > uint64(budget)/2 {
				restore()
				return
			}
			watch()
		}, struct{}{})
	}
	watch()
	return restore
}

// checks counts the collections Set looked at the live heap after.
var checks atomic.Int64

// live is the heap the last collection found live.
func live() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return math.MaxUint64 // unknown: as if over the budget
	}
	return s[0].Value.Uint64()
}
