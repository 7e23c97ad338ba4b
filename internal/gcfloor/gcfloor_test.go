package gcfloor

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestFloorThenUsual(t *testing.T) {
	t.Setenv("GOGC", "")
	before := debug.SetGCPercent(-1)
	debug.SetGCPercent(before)
	restore := Set(1 << 30)
	defer restore()
	if p := debug.SetGCPercent(-1); p != -1 {
		t.Fatalf("GC percent %d under the floor, want -1 (off)", p)
	}
	debug.SetGCPercent(-1)
	if l := debug.SetMemoryLimit(-1); l != 1<<30 {
		t.Fatalf("memory limit %d under the floor, want %d", l, 1<<30)
	}
	runtime.GC() // the first collection: the settings come back after it
	deadline := time.Now().Add(5 * time.Second)
	for debug.SetMemoryLimit(-1) != math.MaxInt64 {
		if time.Now().After(deadline) {
			t.Fatal("the collector's settings did not come back after the first collection")
		}
		runtime.Gosched()
		time.Sleep(time.Millisecond)
	}
	if p := debug.SetGCPercent(before); p != before {
		t.Fatalf("GC percent %d after the first collection, want %d", p, before)
	}
}

func TestUserSettingsLeftAlone(t *testing.T) {
	t.Setenv("GOGC", "50")
	before := debug.SetGCPercent(-1)
	debug.SetGCPercent(before)
	restore := Set(1 << 30)
	p := debug.SetGCPercent(before)
	restore()
	if p != before {
		t.Fatalf("GOGC set by the user, yet GC percent became %d", p)
	}
}
