package render

import (
	"strings"
	"testing"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/report"
)

// actionRange is an owner's action table body as a range over its lines,
// which actionRows writes by hand.
const actionRange = `{{- range .}}
{{row (ref .ID .Link) (md .Title) (due .Due) (state .) (human .Opened)}}
{{- end}}`

// TestActionRowsIsTheRange checks actionRows against the range it
// replaced, for every owner of the bundled records' quarterly reports,
// with links to the repository, to a URL and none.
func TestActionRowsIsTheRange(t *testing.T) {
	s := load(t, nil)
	rows := 0
	for _, q := range []string{"2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1"} {
		r, err := report.New(s, dates.MustParse(q), dates.MustParse("2024-07-01"))
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range []Options{{}, {LinkBase: "https://github.com/o/r/blob/main/"}, {NoLinks: true}} {
			ranged, err := o.ParseTemplate("ranged", actionRange)
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range r.Actions.ByOwner {
				var want strings.Builder
				if err := ranged.Execute(&want, g.Lines); err != nil {
					t.Fatal(err)
				}
				if got := o.actionRows(g.Lines); got != want.String() {
					t.Fatalf("%s, %s:\n got %q\nwant %q", q, g.Owner.Ref, got, want.String())
				}
				rows += len(g.Lines)
			}
		}
	}
	if rows < 100 {
		t.Fatalf("compared %d rows; the bundled records give more", rows)
	}
	t.Logf("%d rows", rows)
}
