package render

import (
	"io"
	"os"
	"testing"

	"github.com/igf-records/igf/internal/fixture"
	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/core/report"
)

// benchSet reads the records of IGF_BENCH_DIR (a repository made by
// go run ./testdata/gen), or the bundled records.
func benchSet(b *testing.B) *record.Set {
	root := os.Getenv("IGF_BENCH_DIR")
	if root == "" {
		root = "../.."
	}
	s := fixture.Records(b, root, nil)
	b.Logf("%d records", len(s.Records))
	return s
}

// BenchmarkQuarterly measures computing the 2024-Q1 report and rendering it
// as Markdown, HTML and JSON, apart from reading the files.
func BenchmarkQuarterly(b *testing.B) {
	s := benchSet(b)
	period, today := dates.MustParse("2024-Q1"), dates.MustParse("2024-04-15")
	b.Run("compute", func(b *testing.B) {
		for b.Loop() {
			if _, err := report.New(s, period, today); err != nil {
				b.Fatal(err)
			}
		}
	})
	r, _ := report.New(s, period, today)
	b.Run("markdown", func(b *testing.B) {
		for b.Loop() {
			if err := ReportMarkdown(io.Discard, r, Options{}, ""); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("html", func(b *testing.B) {
		for b.Loop() {
			if err := ReportHTML(io.Discard, r, Options{}, ""); err != nil {
				b.Fatal(err)
			}
		}
	})
	// The whole report at once, and a line at a time as igf writes it.
	b.Run("json-whole", func(b *testing.B) {
		for b.Loop() {
			if err := CompactJSON(io.Discard, r); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json", func(b *testing.B) {
		for b.Loop() {
			if err := ReportJSON(io.Discard, r, JSONOptions{Compact: true}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
