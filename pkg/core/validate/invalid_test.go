package validate

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/igf-records/igf/pkg/core/record"
)

var update = flag.Bool("update", false, "rewrite testdata/invalid/*.want from what validation finds")

// realRecords reads the bundled records, as validation inputs.
func realRecords(t testing.TB) []Input {
	t.Helper()
	var ins []Input
	root := filepath.Join("..", "..", "..")
	err := filepath.WalkDir(filepath.Join(root, "records"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		ins = append(ins, Input{Path: filepath.ToSlash(rel), Data: data, Full: true})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(ins) < 5 {
		t.Fatalf("found %d bundled records; run from pkg/core/validate", len(ins))
	}
	return ins
}

// TestInvalid checks each file of testdata/invalid, one mistake each, among
// the bundled records, and compares what validation says with NAME.want.
// The file sits at records/zz-invalid/NAME.md so that it sorts after every
// real record: a duplicate ID is then reported in it, not in the original.
func TestInvalid(t *testing.T) {
	real := realRecords(t)
	for i := range real {
		real[i].Full = false
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "testdata", "invalid", "*.md"))
	if len(files) < 30 {
		t.Fatalf("found %d files in testdata/invalid", len(files))
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".md")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			path := "records/zz-invalid/" + name + ".md"
			ins := append(append([]Input{}, real...), Input{Path: path, Data: data, Full: true})
			res := Run(len(ins), func(i int) Input { return ins[i] }, Options{})
			var got strings.Builder
			for _, f := range res.Findings {
				if f.Path != path {
					t.Errorf("finding outside the file under test: %s", f)
					continue
				}
				got.WriteString(strings.TrimPrefix(f.String(), "records/zz-invalid/") + "\n")
				if f.Hint != "" {
					got.WriteString("    hint: " + f.Hint + "\n")
				}
			}
			wantFile := strings.TrimSuffix(file, ".md") + ".want"
			if *update {
				if err := os.WriteFile(wantFile, []byte(got.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatalf("%v (run go test -run TestInvalid -update, then review the .want file)", err)
			}
			if got.String() != string(want) {
				t.Errorf("findings differ from %s\n--- got\n%s--- want\n%s", wantFile, got.String(), want)
			}
		})
	}
}

// TestBundledRecordsAreClean: the records shipped with igf have no errors.
func TestBundledRecordsAreClean(t *testing.T) {
	ins := realRecords(t)
	res := Run(len(ins), func(i int) Input { return ins[i] }, Options{})
	for _, f := range res.Findings {
		if f.Severity == record.SeverityError {
			t.Errorf("%s\n    hint: %s", f, f.Hint)
		}
	}
	if res.Checked != len(ins) || res.Set.Record("lp-2023-12-18") == nil {
		t.Fatalf("checked %d of %d files", res.Checked, len(ins))
	}
}
