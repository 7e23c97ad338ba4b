package validate

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/igf-records/igf/pkg/core/record"
)

// seedFiles adds the bundled records and every file of testdata/invalid.
func seedFiles(f *testing.F) {
	for _, in := range realRecords(f) {
		f.Add(in.Data)
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "testdata", "invalid", "*.md"))
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// FuzzValidateFile: whatever the bytes, checking a file never panics, and
// every finding has a position in the file and a rule.
func FuzzValidateFile(f *testing.F) {
	seedFiles(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		rec, fs := File("records/x.md", data)
		if rec != nil {
			fs = append(fs, Set(record.NewSet([]*record.Record{rec}), nil)...)
		}
		for _, x := range fs {
			if x.Line < 1 || x.Col < 1 || x.Rule == "" || x.Message == "" {
				t.Fatalf("finding without place or words: %+v", x)
			}
		}
	})
}

// FuzzBodyLint: the body lint (near-misses, untracked items and action-like text)
// survives any Markdown and reports only inside the body.
func FuzzBodyLint(f *testing.F) {
	for _, in := range realRecords(f) {
		if rec, _ := File(in.Path, in.Data); rec != nil {
			f.Add(rec.Text)
		}
	}
	f.Add("## Action items\n\n- The MAG to send the list by March 2024.\n\nACTION: x\n> AI: quoted\n")
	f.Fuzz(func(t *testing.T, body string) {
		r := &record.Record{Path: "records/x.md", Type: record.TypeMeeting, Text: body, BodyLine: 5}
		l := newBodyLint(r, newIDSuggester(r))
		l.run(nil)
		for _, x := range l.out {
			if x.Line < 5 || x.Col < 1 {
				t.Fatalf("finding outside the body: %+v", x)
			}
		}
	})
}

// BenchmarkValidateBundled checks the bundled records: every file fully and
// the cross-record rules, as igf validate does.
func BenchmarkValidateBundled(b *testing.B) {
	ins := realRecords(b)
	b.ReportAllocs()
	for b.Loop() {
		res := Run(len(ins), func(i int) Input { return ins[i] }, Options{})
		if res.Errors() != 0 {
			b.Fatal(res.Findings)
		}
	}
}
