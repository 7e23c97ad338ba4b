// Package parallel is igf's one worker pool: independent steps over a range,
// on up to GOMAXPROCS goroutines. Nothing else in igf starts workers.
package parallel

import (
	"runtime"
	"sync"
)

// Workers is how many goroutines n steps are spread over: GOMAXPROCS, but
// never more than n, and at least 1.
func Workers(n int) int { return max(1, min(n, runtime.GOMAXPROCS(0))) }

// For calls f(0) … f(n-1), each exactly once, on up to GOMAXPROCS
// goroutines, and returns when all have returned. f must be safe to call
// concurrently; steps run in no particular order.
func For(n int, f func(i int)) {
	Each(n, Workers(n), func(int) (func(i int), func()) { return f, nil })
}

// Each is For with state of each worker's own (an object store, a cache
// reader that must not be shared): start runs once in each of workers
// goroutines (at most n, at least 1), with the worker's number, and returns
// the step function that goroutine calls and, if not nil, what it runs when
// its steps are done.
func Each(n, workers int, start func(w int) (step func(i int), done func())) {
	workers = max(1, min(workers, n))
	if n <= 0 {
		return
	}
	if workers == 1 {
		step, done := start(0)
		for i := 0; i < n; i++ {
			step(i)
		}
		if done != nil {
			done()
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan int, 256)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			step, done := start(w)
			if done != nil {
				defer done()
			}
			for i := range next {
				step(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

// Ranges splits [0, n) into k contiguous runs, one per worker, runs
// f(w, lo, hi) on each at once, and returns the first error (by worker).
// For work whose neighbouring steps share state a worker keeps (the trees of
// consecutive commits).
func Ranges(n, k int, f func(w, lo, hi int) error) error {
	k = max(1, k)
	errs := make([]error, k)
	var wg sync.WaitGroup
	for w := range k {
		lo, hi := w*n/k, (w+1)*n/k
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[w] = f(w, lo, hi)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
