package gcbudget

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// settings are the collector's GC percent and memory limit, read without
// changing them.
func settings() (percent int, limit int64) {
	percent = debug.SetGCPercent(-1)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1)
}

// waitFor polls until ok holds, for the cleanups that run after a
// collection on a goroutine of their own.
func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatal(what)
		}
		runtime.Gosched()
		time.Sleep(time.Millisecond)
	}
}

var kept [][]byte

func TestBudgetWhileLiveIsSmallThenUsual(t *testing.T) {
	t.Setenv("GOGC", "")
	before, _ := settings()
	const budget = 64 << 20
	restore := Set(budget)
	defer restore()
	if p, l := settings(); p != -1 || l != budget {
		t.Fatalf("under the budget: GC percent %d, limit %d; want -1 (off) and %d", p, l, budget)
	}
	// Collections that leave little live keep the budget.
	for range 3 {
		// A look may miss a collection (its object, made during one, lives
		// through it): collect until one is looked at.
		n := checks.Load()
		waitFor(t, "no look at the live heap after a collection", func() bool {
			runtime.GC()
			return checks.Load() > n
		})
		if p, l := settings(); p != -1 || l != budget {
			t.Fatalf("after a collection with little live: GC percent %d, limit %d; want the budget still", p, l)
		}
	}
	// One that leaves more than half the budget live brings the usual
	// settings back.
	for range 40 {
		kept = append(kept, make([]byte, 1<<20))
	}
	defer func() { kept = nil }()
	waitFor(t, "the collector's settings did not come back once more than half the budget was live", func() bool {
		runtime.GC()
		p, l := settings()
		return p == before && l == math.MaxInt64
	})
}

func TestRestore(t *testing.T) {
	t.Setenv("GOGC", "")
	before, _ := settings()
	Set(1 << 30)()
	if p, l := settings(); p != before || l != math.MaxInt64 {
		t.Fatalf("after restore: GC percent %d, limit %d; want %d and none", p, l, before)
	}
}

func TestUserSettingsLeftAlone(t *testing.T) {
	t.Setenv("GOGC", "50")
	before, _ := settings()
	restore := Set(1 << 30)
	p, l := settings()
	restore()
	if p != before || l != math.MaxInt64 {
		t.Fatalf("GOGC set by the user, yet GC percent became %d and the limit %d", p, l)
	}
}

func TestDefault(t *testing.T) {
	b := Default()
	if b < Min || b > Max {
		t.Fatalf("Default() = %d, outside [%d, %d]", b, Min, Max)
	}
	if mem, ok := memory(); ok && int64(mem/4) >= Min && b > int64(mem/4) {
		t.Fatalf("Default() = %d, more than a quarter of the machine's %d", b, mem)
	}
	t.Logf("budget %d MiB", b>>20)
}
