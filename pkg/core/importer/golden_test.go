package importer

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/record"
)

var update = flag.Bool("update", false, "rewrite testdata/import/golden from what import proposes")

// registry is the bundled registry alone: the minutes' meetings are the
// bundled records' own, which a repository importing them would not have.
func registry(t testing.TB) *record.Set {
	t.Helper()
	data, err := os.ReadFile("../../../records/registry.md")
	if err != nil {
		t.Fatal(err)
	}
	rec, findings := parse.File("records/registry.md", data)
	if rec == nil {
		t.Fatalf("registry: %v", findings)
	}
	return record.NewSet([]*record.Record{rec})
}

func namesOf(s *record.Set) *Names {
	return NewNames(s, func(id string) bool {
		_, known := s.Resolve(id)
		return known || s.Record(id) != nil || s.Item(id) != nil
	})
}

// TestGoldens imports testdata/import/minutes — real IGF minutes in five
// styles (Markdown sections with bullet lists, bold "Action:" paragraphs,
// numbered HTML actions with owners in brackets, plain-text Word exports with
// an annex of participants) — and compares each proposed record with
// testdata/import/golden. The end-to-end script import_minutes.txtar
// imports the same folder with the igf binary and compares the same goldens.
func TestGoldens(t *testing.T) {
	s := registry(t)
	files, _ := filepath.Glob("../../../testdata/import/minutes/*")
	if len(files) < 5 {
		t.Fatalf("found %d minutes", len(files))
	}
	names := namesOf(s)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		format, ok := FormatOf(f)
		if !ok {
			t.Fatalf("%s: no format", f)
		}
		p := Infer(Input{Name: "minutes/" + filepath.Base(f), Data: data, Format: format}, names, Options{})
		if p.Record == nil {
			t.Fatalf("%s: nothing proposed: %v", f, p.Missed)
		}
		if !strings.Contains(string(p.Record), string(data)) {
			t.Errorf("%s: the record does not hold the original bytes", f)
		}
		golden := filepath.Join("../../../testdata/import/golden", goldenName(p))
		if *update {
			if err := os.WriteFile(golden, p.Record, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./pkg/core/importer -run TestGoldens -update, then review)", err)
		}
		if string(want) != string(p.Record) {
			t.Errorf("%s: the proposed record differs from %s; run with -update and review the diff", f, golden)
		}
	}
}

// goldenName is the file name igf import gives the record.
func goldenName(p *Proposal) string {
	day := strings.SplitN(p.Date, "/", 2)[0]
	return day + "-" + strings.ToLower(p.Body) + ".md"
}
