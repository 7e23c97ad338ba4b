// Command storesync brings the store of the repository at DIR up to date
// with its working tree, as every command that reads the store does first,
// and prints what it did. With -text it also builds the full-text index, as
// the first igf search does; with -records it decodes every record, as a
// command reading the whole repository will. bench/run.sh times it cold (no
// store) and warm.
//
//	go run ./bench/storesync [-text] DIR
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	"github.com/igf-records/igf/internal/store"
	"github.com/igf-records/igf/pkg/source"
)

func main() {
	text := flag.Bool("text", false, "also index the text for igf search")
	records := flag.Bool("records", false, "also decode every record, as a whole-repository command would")
	profile := flag.String("cpuprofile", "", "write a CPU profile to this file")
	flag.Parse()
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "storesync:", err)
			os.Exit(2)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: storesync [-text] DIR")
		os.Exit(2)
	}
	root, err := source.ResolveDir(flag.Arg(0))
	if err == nil {
		err = store.With(root, func(s *store.Store) error {
			snap, err := s.SyncWorktree()
			if err != nil {
				return err
			}
			if *text {
				if err = s.IndexText(); err != nil {
					return err
				}
			}
			if *records {
				start := time.Now()
				set, err := s.Set(snap)
				if err != nil {
					return err
				}
				fmt.Printf("decoded %d records, %d items in %v\n", len(set.Records), len(set.Items()), time.Since(start).Round(time.Millisecond))
			}
			fmt.Printf("%d files, %d hashed, %d parsed\n", snap.Files, snap.Hashed, snap.Parsed)
			return err
		})
	}
	if err != nil {
		pprof.StopCPUProfile()
		fmt.Fprintln(os.Stderr, "storesync:", err)
		os.Exit(1)
	}
}
