// Package parallel runs independent steps over a range on every core.
package parallel

import (
	"runtime"
	"sync"
)

// For calls f(0) … f(n-1), each exactly once, on up to GOMAXPROCS
// goroutines, and returns when all have returned. f must be safe to call
// concurrently; steps run in no particular order.
func For(n int, f func(i int)) {
	workers := min(n, runtime.GOMAXPROCS(0))
	if workers <= 1 {
		for i := 0; i < n; i++ {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan int, 256)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
