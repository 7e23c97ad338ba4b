// Command gen writes a realistic, deterministic igf records repository for
// benchmarks and scale tests:
//
//	go run ./testdata/gen -records 10000 -commits 2000 -out /tmp/igf-10k
//
// With -commits 0 it writes the files only; otherwise it also writes a git
// history in which later commits tick actions, add notes and rename reports.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/igf-records/igf/bench/corpus"
)

func main() {
	var opt corpus.Options
	flag.IntVar(&opt.Records, "records", 1000, "record files to write, the registry included")
	flag.IntVar(&opt.Commits, "commits", 0, "commits of git history (0: files only, no repository)")
	flag.Int64Var(&opt.Seed, "seed", 1, "random seed; the same seed writes the same repository")
	flag.StringVar(&opt.Out, "out", "", "directory to create (must not exist, or be empty)")
	flag.Parse()
	if opt.Out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: go run ./testdata/gen -records N [-commits C] [-seed S] -out DIR")
		os.Exit(2)
	}
	if entries, err := os.ReadDir(opt.Out); err == nil && len(entries) > 0 {
		fmt.Fprintf(os.Stderr, "gen: %s is not empty; give a new directory\n", opt.Out)
		os.Exit(2)
	}
	began := time.Now()
	st, err := corpus.Generate(opt)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "gen: %d records, %d trackable items (%d open), %d commits, %d renames in %s\n",
		st.Records, st.Items, st.Open, st.Commits, st.Renames, time.Since(began).Round(time.Millisecond))
}
