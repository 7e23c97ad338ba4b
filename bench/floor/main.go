// Command floor is the stack floor of the benchmarks: the least work any
// reader of a records repository built on igf's libraries must do. It reads
// every record file under DIR/records, decodes its front matter with
// adrg/frontmatter (YAML) and parses its body with goldmark, on every core,
// and keeps nothing. igf's timings are reported as ratios to it.
//
//	go run ./bench/floor DIR
package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/adrg/frontmatter"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: floor DIR")
		os.Exit(2)
	}
	var paths []string
	top := filepath.Join(os.Args[1], "records")
	err := filepath.WalkDir(top, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && strings.HasSuffix(p, ".md") && d.Name() != "README.md" {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(2)
	}
	md := goldmark.New(goldmark.WithExtensions(extension.TaskList, extension.Table, extension.Strikethrough))
	var next, failed, nodes atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(paths) {
					return
				}
				data, err := os.ReadFile(paths[i])
				if err != nil {
					failed.Add(1)
					continue
				}
				var front map[string]any
				body, err := frontmatter.Parse(bytes.NewReader(data), &front)
				if err != nil {
					failed.Add(1)
					continue
				}
				doc := md.Parser().Parse(text.NewReader(body))
				nodes.Add(int64(doc.ChildCount()) + int64(len(front)))
			}
		}()
	}
	wg.Wait()
	fmt.Printf("%d files, %d failed, %d top-level nodes\n", len(paths), failed.Load(), nodes.Load())
	if failed.Load() > 0 {
		os.Exit(1)
	}
}
