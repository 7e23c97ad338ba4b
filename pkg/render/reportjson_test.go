package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/report"
)

// TestReportJSONIsTheWhole checks ReportJSON, which encodes the action
// lists a line at a time and each line once for all the reports, against
// encoding the whole report at once: every quarter of the bundled records,
// on one line and indented, with and without what --public withheld.
func TestReportJSONIsTheWhole(t *testing.T) {
	// Item titles with characters HTML escaping would change, so a
	// difference in escaping between the two ways shows.
	s := load(t, func(path, text string) string {
		text = strings.ReplaceAll(text, "\n- [ ] ", "\n- [ ] <b>&</b> ")
		return strings.ReplaceAll(text, "\n- [x] ", "\n- [x] <i>&</i> ")
	})
	withheld := map[string]int{"items": 2}
	// One cache of action lines for every report, as a site has.
	count, sample, lines := 0, "", NewActionLines()
	for _, q := range []string{"2021-Q4", "2022-Q1", "2022-Q4", "2023-Q4", "2024-Q1", "2024-Q2", "2024-Q3"} {
		r, err := report.New(s, dates.MustParse(q), dates.MustParse("2024-07-01"))
		if err != nil {
			t.Fatal(err)
		}
		a := r.Actions
		count += len(a.Opened) + len(a.Completed) + len(a.DoneUndated) + len(a.Open) + len(a.Overdue)
		for _, compact := range []bool{true, false} {
			for _, w := range []any{nil, withheld} {
				var want, got bytes.Buffer
				if err := writeJSON(&want, WithWithheld(r, w), compact); err != nil {
					t.Fatal(err)
				}
				if err := ReportJSON(&got, r, JSONOptions{Compact: compact, Withheld: w, Lines: lines}); err != nil {
					t.Fatal(err)
				}
				if got.String() != want.String() {
					t.Fatalf("%s (compact %v, withheld %v): the JSON differs from the whole's:\n%s", q, compact, w, firstDiff(got.String(), want.String()))
				}
				sample = got.String()
				if !json.Valid(got.Bytes()) {
					t.Fatalf("%s: not JSON", q)
				}
			}
		}
	}
	if n := wholeReports.Load(); n > 0 {
		t.Fatalf("ReportJSON encoded %d reports or owners whole: the report's JSON no longer has the shape it splits", n)
	}
	if count < 50 || !strings.Contains(sample, "<b> & </b>") {
		t.Fatalf("compared %d action lines, none with HTML characters; the bundled records give more", count)
	}
}

// TestWithWithheldIsLast checks that what --public left out is the last
// member of the JSON, and that HTML characters stay as they are in it (as
// in every other JSON igf writes).
func TestWithWithheldIsLast(t *testing.T) {
	v := struct {
		A string `json:"a"`
	}{A: "<b>&</b>"}
	for _, c := range []struct {
		v    any
		want string
	}{
		{v, `{"a":"<b>&</b>","withheld":{"items":2}}` + "\n"},
		{struct{}{}, `{"withheld":{"items":2}}` + "\n"},
		{[]int{1}, "[1]\n"},
	} {
		var got bytes.Buffer
		if err := CompactJSON(&got, WithWithheld(c.v, map[string]int{"items": 2})); err != nil {
			t.Fatal(err)
		}
		if got.String() != c.want {
			t.Errorf("%#v: got %q, want %q", c.v, got.String(), c.want)
		}
	}
}
