package redact

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/core/report"
	"github.com/igf-records/igf/pkg/core/validate"
)

// fixtures are the bundled records and testdata/redact, which carries a
// marker (QZXM01, ...) in every place a record can be restricted.
func fixtures(t *testing.T, dirs ...string) *record.Set {
	t.Helper()
	if len(dirs) == 0 {
		dirs = []string{"../../../records", "../../../testdata/redact"}
	}
	var recs []*record.Record
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") || d.Name() == "README.md" {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			r, findings := validate.File("records/"+filepath.ToSlash(rel), data)
			for _, f := range findings {
				if f.Severity == record.SeverityError {
					t.Errorf("fixture: %s", f)
				}
			}
			if r != nil {
				recs = append(recs, r)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return record.NewSet(recs)
}

var marker = regexp.MustCompile(`(?i)qzxm\d\d`)

// dump is everything a public output could take from a set: each record's
// fields, text and items, the registry, and the reports computed from it.
func dump(t *testing.T, s *record.Set) string {
	var b strings.Builder
	add := func(v any) {
		j, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(j)
		b.WriteByte('\n')
	}
	for _, r := range s.Records {
		add(r)
		b.WriteString(r.Text)
		for _, it := range r.Items {
			add(it)
		}
	}
	add(s.Registry)
	today := dates.MustParse("2024-04-15")
	for _, p := range []string{"2024-Q1", "2024-Q2", "2024"} {
		rep, err := report.New(s, dates.MustParse(p), today)
		if err != nil {
			t.Fatal(err)
		}
		add(rep)
	}
	add(report.NewOutstanding(s, "LP", today))
	add(report.Calendar(s, dates.MustParse("2024"), "", today))
	for _, r := range s.Records {
		if r.Type == record.TypeTimeline {
			add(report.NewTimeline(s, r, today))
		}
	}
	return b.String()
}

func TestPublicLeavesOutEveryMarker(t *testing.T) {
	s := fixtures(t)
	all := dump(t, s)
	seen := map[string]bool{}
	for _, m := range marker.FindAllString(all, -1) {
		seen[strings.ToUpper(m)] = true
	}
	if len(seen) != 27 {
		t.Fatalf("the fixtures should show 27 markers before redaction, got %d: %v", len(seen), seen)
	}
	pub, sum := Public(s)
	out := dump(t, pub)
	if ms := marker.FindAllString(out, -1); len(ms) > 0 {
		for _, m := range ms {
			i := strings.Index(out, m)
			t.Errorf("%s leaks: …%s…", m, out[max(0, i-120):min(len(out), i+60)])
		}
	}
	for _, want := range regexp.MustCompile(`PUBLIC-[A-Z0-9-]+`).FindAllString(all, -1) {
		if !strings.Contains(out, want) {
			t.Errorf("the public copy lost %s, which is not restricted", want)
		}
	}
	want := Summary{Records: 2, Items: 6, Fields: 5, Sources: 2, Passages: 1}
	if sum != want {
		t.Errorf("summary %+v, want %+v", sum, want)
	}
	if got := sum.String(); got != "2 records, 6 items, 5 fields, 2 sources and 1 passage of text" {
		t.Errorf("summary text %q", got)
	}
	// The originals are untouched.
	if again := dump(t, s); again != all {
		t.Error("Public changed the set it copied")
	}
	// What is public stays linked to its lines.
	if it := pub.Item("lp-2024-02-27-a4"); it == nil || it.Pos != s.Item("lp-2024-02-27-a4").Pos {
		t.Error("a public item lost its position")
	}
}

func TestPublicOfPublicRecordsIsTheSame(t *testing.T) {
	ps := fixtures(t, "../../../records")
	pub, sum := Public(ps)
	if sum.Any() {
		t.Errorf("the bundled records hold nothing restricted, yet %s was left out", sum)
	}
	if dump(t, pub) != dump(t, ps) {
		t.Error("the public copy of public records differs from them")
	}
}

func TestVisibilityFindings(t *testing.T) {
	data := []byte("---\nid: m9\ntype: meeting\ntitle: T\nbody: LP\ndate: \"2024-01-01\"\n---\n" +
		"- [ ] A thing @LF due:2024-02 visibility:secret {#m9-a1}\n\n<!-- restricted -->\nnever closed\n")
	_, findings := validate.File("records/m9.md", data)
	var got []string
	for _, f := range findings {
		if f.Rule == validate.RuleVisibility {
			got = append(got, f.String())
		}
	}
	want := []string{
		"records/m9.md:8:49: error: visibility:secret on m9-a1 is neither public nor restricted [visibility]",
		"records/m9.md:10:1: error: this restricted passage is never closed, so the rest of the body is withheld from public outputs [visibility]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	r, _ := parse.File("records/m9.md", data)
	pub, sum := Public(record.NewSet([]*record.Record{r}))
	if len(pub.Records[0].Items) != 0 || strings.Contains(pub.Records[0].Text, "never closed") || sum.Items != 1 {
		t.Errorf("a misspelt visibility and an unclosed passage must withhold, failing closed: %+v %q", sum, pub.Records[0].Text)
	}
}
