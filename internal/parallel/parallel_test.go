package parallel

import (
	"errors"
	"sync/atomic"
	"testing"
)

func TestForCallsEveryIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		calls := make([]atomic.Int32, n)
		For(n, func(i int) { calls[i].Add(1) })
		for i := range calls {
			if c := calls[i].Load(); c != 1 {
				t.Fatalf("n=%d: index %d called %d times", n, i, c)
			}
		}
	}
}

// Each gives every worker its own state and ends each one's work.
func TestEachKeepsStatePerWorker(t *testing.T) {
	for _, tt := range []struct{ n, workers int }{{0, 4}, {1, 4}, {5, 1}, {1000, 3}} {
		calls := make([]atomic.Int32, tt.n)
		var started, done atomic.Int32
		owner := make([]int, tt.n)
		Each(tt.n, tt.workers, func(w int) (func(int), func()) {
			started.Add(1)
			return func(i int) { calls[i].Add(1); owner[i] = w }, func() { done.Add(1) }
		})
		for i := range calls {
			if c := calls[i].Load(); c != 1 {
				t.Fatalf("n=%d: index %d called %d times", tt.n, i, c)
			}
		}
		if tt.n > 0 && (started.Load() != done.Load() || started.Load() > int32(tt.workers) || started.Load() < 1) {
			t.Fatalf("n=%d workers=%d: %d started, %d done", tt.n, tt.workers, started.Load(), done.Load())
		}
	}
}

// Ranges covers [0, n) once, in contiguous runs, and reports an error.
func TestRangesCoverAndFail(t *testing.T) {
	seen := make([]atomic.Int32, 100)
	if err := Ranges(100, 3, func(w, lo, hi int) error {
		for i := lo; i < hi; i++ {
			seen[i].Add(1)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for i := range seen {
		if seen[i].Load() != 1 {
			t.Fatalf("index %d seen %d times", i, seen[i].Load())
		}
	}
	want := errors.New("boom")
	if err := Ranges(10, 2, func(w, lo, hi int) error {
		if w == 1 {
			return want
		}
		return nil
	}); err != want {
		t.Fatalf("got %v", err)
	}
}
