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

// TestNearMissTableIsTested: every row of the near-miss tables in
// docs/validate.md names files of testdata/invalid whose findings are what the
// row states: the rule and severity (or none), the message of a date, or a
// YAML error.
func TestNearMissTableIsTested(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "..", "docs", "validate.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(doc), "\n## Near-misses\n")
	section, _, _ = strings.Cut(section, "\n## ")
	rows, header := 0, ""
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(strings.Trim(line, "|"), " | ")
		if !strings.HasPrefix(line, "| ") || len(cells) < 3 {
			continue
		}
		if strings.TrimSpace(cells[len(cells)-1]) == "test" {
			header = strings.TrimSpace(cells[1])
			continue
		}
		finding := cells[len(cells)-2]
		for _, name := range strings.Split(cells[len(cells)-1], ", ") {
			name = strings.Trim(strings.TrimSpace(name), "`")
			rows++
			want, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "invalid", name+".want"))
			if err != nil {
				t.Errorf("row %q: %v", line, err)
				continue
			}
			ok := true
			switch header {
			case "message":
				ok = strings.Contains(string(want), finding)
			case "reported at":
				ok = strings.Contains(string(want), ": error: invalid YAML: ") && strings.HasSuffix(strings.SplitN(string(want), "\n", 2)[0], "[yaml]")
			default:
				if finding == "none" {
					ok = len(want) == 0
					break
				}
				sev, rule, _ := strings.Cut(finding, " `")
				rule, _, _ = strings.Cut(rule, "`")
				ok = strings.Contains(string(want), ": "+sev+": ") && strings.Contains(string(want), "["+rule+"]")
			}
			if !ok {
				t.Errorf("%s: the row says %q, the test has:\n%s", name, finding, want)
			}
		}
	}
	if rows < 70 {
		t.Errorf("found %d tests named in the near-miss tables", rows)
	}
}
