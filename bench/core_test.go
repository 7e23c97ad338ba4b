// Package bench holds the benchmarks of igf's core and loader; bench/run.sh
// adds whole-command benchmarks against the stack floor and ripgrep.
// Nothing here runs under plain go test: every function is a Benchmark.
//
//	go test -run '^$' -bench . -benchmem ./bench
package bench

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/igf-records/igf/bench/corpus"
	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/query"
	"github.com/igf-records/igf/pkg/source"
)

// realFiles are the bundled records, the registry included.
func realFiles(b *testing.B) map[string][]byte {
	b.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir("../records", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		rel, _ := filepath.Rel("..", p)
		files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return files
}

// BenchmarkParseFile parses each real record in turn; one op is one file.
func BenchmarkParseFile(b *testing.B) {
	files := realFiles(b)
	b.Run("all", func(b *testing.B) {
		var paths []string
		var bytes int64
		for p, data := range files {
			paths = append(paths, p)
			bytes += int64(len(data))
		}
		b.SetBytes(bytes / int64(len(paths)))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			p := paths[i%len(paths)]
			parse.File(p, files[p])
		}
	})
	for _, name := range []string{"meetings/2023/2023-12-18-lp-virtual.md", "timelines/iww-2024.md", "registry.md"} {
		p := "records/" + name
		b.Run(filepath.Base(name), func(b *testing.B) {
			b.SetBytes(int64(len(files[p])))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				parse.File(p, files[p])
			}
		})
	}
}

// BenchmarkDatesParse reads every written form of date.
func BenchmarkDatesParse(b *testing.B) {
	forms := []string{"2024-03-01", "2024-09", "2024-Q3", "2024-H1", "2024", "2024-04-mid", "2024-early", "2024-05-27/2024-05-31", "TBD"}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := dates.Parse(forms[i%len(forms)]); err != nil {
			b.Fatal(err)
		}
	}
}

var (
	corpusOnce sync.Once
	corpusDir  string
	corpusErr  error
)

// generated is a 2,000-record corpus (no history), made once per run.
func generated(b *testing.B) string {
	b.Helper()
	corpusOnce.Do(func() {
		dir, err := os.MkdirTemp("", "igf-bench-core-")
		if err != nil {
			corpusErr = err
			return
		}
		corpusDir = filepath.Join(dir, "repo")
		_, corpusErr = corpus.Generate(corpus.Options{Records: 2000, Seed: 1, Out: corpusDir})
		if corpusErr == nil {
			corpusErr = os.Mkdir(filepath.Join(corpusDir, ".git"), 0o755) // the cache goes in .git/igf
		}
	})
	if corpusErr != nil {
		b.Fatal(corpusErr)
	}
	return corpusDir
}

// BenchmarkQuery is igf action list --owner LF's query on 2,000 records.
func BenchmarkQuery(b *testing.B) {
	b.Setenv("IGF_CACHE", "off")
	l, err := source.LoadWorktree(generated(b))
	if err != nil {
		b.Fatal(err)
	}
	q := query.Actions{Owners: []string{"LF"}, Status: query.StatusOpen, Today: dates.MustParse("2026-01-01")}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if len(q.Run(l.Set)) == 0 {
			b.Fatal("LF owns nothing")
		}
	}
}

// BenchmarkLoadWorktree loads 2,000 records: parsing all of them (no
// cache), and from a warm cache.
func BenchmarkLoadWorktree(b *testing.B) {
	dir := generated(b)
	b.Run("nocache", func(b *testing.B) {
		b.Setenv("IGF_CACHE", "off")
		for i := 0; i < b.N; i++ {
			if _, err := source.LoadWorktree(dir); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("warm", func(b *testing.B) {
		if _, err := source.LoadWorktree(dir); err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if _, err := source.LoadWorktree(dir); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkList lists 2,000 records: a bare directory walk (the floor),
// the listing without records/.igfignore, and with one of five patterns that
// match nothing, so every file is tested against each.
func BenchmarkList(b *testing.B) {
	dir := generated(b)
	b.Run("walk", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			n := 0
			_ = filepath.WalkDir(filepath.Join(dir, "records"), func(p string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
					n++
				}
				return err
			})
		}
	})
	list := func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := source.List(dir); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("list", list)
	ignore := filepath.Join(dir, "records", ".igfignore")
	if err := os.WriteFile(ignore, []byte("drafts/\n*.draft.md\n/site/\narchive/**/old-*.md\n!keep.md\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	defer os.Remove(ignore)
	b.Run("list-igfignore", list)
}

// TestMain removes the generated corpus.
func TestMain(m *testing.M) {
	code := m.Run()
	if corpusDir != "" {
		os.RemoveAll(filepath.Dir(corpusDir))
	}
	os.Exit(code)
}
