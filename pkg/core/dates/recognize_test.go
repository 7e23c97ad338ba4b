package dates

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRecognize: the forms editors type, with what igf reads and how sure.
func TestRecognize(t *testing.T) {
	meeting := MustParse("2023-12-18")
	tests := []struct {
		in   string
		ref  Date
		conf Confidence
		want string // readings' texts, joined by " | "
	}{
		{"2024-03-01", Date{}, Exact, "2024-03-01"},
		{" 2024-q3 ", Date{}, Exact, "2024-Q3"},
		{"4 October 2016", Date{}, Certain, "2016-10-04"},
		{"4th of October 2016", Date{}, Certain, "2016-10-04"},
		{"Friday, 4 October 2016", Date{}, Certain, "2016-10-04"},
		{"Oct 4, 2016", Date{}, Certain, "2016-10-04"},
		{"October 4th, 2016", Date{}, Certain, "2016-10-04"},
		{"Sept. 30 2024", Date{}, Certain, "2024-09-30"},
		{"October 2016", Date{}, Certain, "2016-10"},
		{"Oct. 2016", Date{}, Certain, "2016-10"},
		{"16/10/2016", Date{}, Certain, "2016-10-16"},
		{"10/16/2016", Date{}, Certain, "2016-10-16"},
		{"12/12/2024", Date{}, Certain, "2024-12-12"},
		{"04/10/2016", Date{}, Ambiguous, "2016-10-04 | 2016-04-10"},
		{"16.10.2016", Date{}, Certain, "2016-10-16"},
		{"2016/10/16", Date{}, Certain, "2016-10-16"},
		{"2016-10-4", Date{}, Certain, "2016-10-04"},
		{"10/2016", Date{}, Certain, "2016-10"},
		{"20161016", Date{}, Likely, "2016-10-16"},
		{"2016-10-15T10:00", Date{}, Certain, "2016-10-15"},
		{"16/10/16", Date{}, Likely, "2016-10-16"},
		{"24-03-01", Date{}, Ambiguous, "2024-03-01 | 2001-03-24"},
		{"mid-October 2016", Date{}, Certain, "2016-10-mid"},
		{"mid October 2016", Date{}, Certain, "2016-10-mid"},
		{"early May 2024", Date{}, Certain, "2024-05-early"},
		{"late May 2024", Date{}, Certain, "2024-05-late"},
		{"beginning of April 2024", Date{}, Likely, "2024-04-early"},
		{"end of March 2024", Date{}, Likely, "2024-03-late"},
		{"end of March", meeting, Likely, "2024-03-late"},
		{"end of December", meeting, Likely, "2023-12-late"},
		{"end of March", Date{}, NoYear, "YYYY-03-late"},
		{"4 October", meeting, Likely, "2024-10-04"},
		{"early 2024", Date{}, Certain, "2024-early"},
		{"mid-2024", Date{}, Certain, "2024-mid"},
		{"end of 2024", Date{}, Likely, "2024-late"},
		{"Q3 2024", Date{}, Certain, "2024-Q3"},
		{"2024 Q3", Date{}, Certain, "2024-Q3"},
		{"Q3/2024", Date{}, Certain, "2024-Q3"},
		{"3Q 2024", Date{}, Certain, "2024-Q3"},
		{"third quarter of 2024", Date{}, Certain, "2024-Q3"},
		{"last quarter of 2024", Date{}, Certain, "2024-Q4"},
		{"H1 2024", Date{}, Certain, "2024-H1"},
		{"first half of 2024", Date{}, Certain, "2024-H1"},
		{"Q2", meeting, Likely, "2024-Q2"},
		{"27-31 May 2024", Date{}, Certain, "2024-05-27/2024-05-31"},
		{"27–31 May 2024", Date{}, Certain, "2024-05-27/2024-05-31"},
		{"27 May - 2 June 2024", Date{}, Certain, "2024-05-27/2024-06-02"},
		{"2024-05-27 to 2024-05-31", Date{}, Certain, "2024-05-27/2024-05-31"},
		{"2024-05-27/2024-5-31", Date{}, Certain, "2024-05-27/2024-05-31"},
		{"TBC", Date{}, Likely, "TBD"},
		{"to be confirmed", Date{}, Likely, "TBD"},
		{"by 4 October 2016.", Date{}, Certain, "2016-10-04"},
	}
	for _, tt := range tests {
		m, ok := Recognize(tt.in, tt.ref)
		var got []string
		for _, r := range m.Readings {
			got = append(got, r.Text)
			if tt.conf != NoYear && r.Date.String() != r.Text {
				t.Errorf("Recognize(%q): reading %q has date %q", tt.in, r.Text, r.Date)
			}
		}
		if !ok || m.Confidence != tt.conf || strings.Join(got, " | ") != tt.want {
			t.Errorf("Recognize(%q, %s) = %v %d %q; want %d %q", tt.in, tt.ref, ok, m.Confidence, got, tt.conf, tt.want)
		}
	}
	for _, in := range []string{"", "foo", "2024-13", "Q5 2024", "31 February 2024", "next week", "Friday", "the 4th", "4 5 6 October", "2024-02-30"} {
		if m, ok := Recognize(in, meeting); ok {
			t.Errorf("Recognize(%q) = %v; want no reading", in, m.Readings)
		}
	}
}

// TestParseSuggests: the messages of the examples.
func TestParseSuggests(t *testing.T) {
	for in, want := range map[string]string{
		"4 October 2016":   `invalid date "4 October 2016": did you mean 2016-10-04?`,
		"16/10/2016":       `invalid date "16/10/2016": did you mean 2016-10-16?`,
		"mid-October 2016": `invalid date "mid-October 2016": did you mean 2016-10-mid?`,
		"04/10/2016":       `invalid date "04/10/2016": ambiguous: did you mean 2016-10-04 (day/month/year) or 2016-04-10 (month/day/year)?`,
		"31 February 2024": `invalid date "31 February 2024": February 2024 has no day 31`,
		"end of March":     `invalid date "end of March": did you mean YYYY-03-late, with the year for YYYY?`,
	} {
		_, err := Parse(in)
		if err == nil {
			t.Errorf("Parse(%q) accepted", in)
			continue
		}
		if msg, _ := Explain(err); msg != want {
			t.Errorf("Parse(%q): %q\nwant %q", in, msg, want)
		}
	}
	_, err := ParseNear("end of March", MustParse("2023-12-18"))
	if msg, _ := Explain(err); !strings.Contains(msg, "did you mean 2024-03-late") {
		t.Errorf("ParseNear: %s", msg)
	}
}

// TestFormsAreDocumented: docs/format.md shows exactly the forms the code
// reads and the messages list.
func TestFormsAreDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "..", "docs", "format.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), FormsTable()) {
		t.Errorf("docs/format.md#dates does not hold the table of dates.Forms; put this there:\n%s", FormsTable())
	}
	for _, f := range Forms {
		if _, err := Parse(f.Written); err != nil {
			t.Errorf("form %q does not parse: %v", f.Written, err)
		}
		if !strings.Contains(Hint(), f.Written) {
			t.Errorf("the hint leaves out %q", f.Written)
		}
	}
}

// FuzzRecognize: nothing panics; every reading is a date Parse reads back
// the same, and an ambiguous meaning has more than one reading.
func FuzzRecognize(f *testing.F) {
	for _, s := range []string{"4 October 2016", "Oct 4, 2016", "16/10/2016", "04/10/2016", "mid-October 2016", "early May 2024",
		"Q3 2024", "end of March", "27–31 May 2024", "27 May - 2 June 2024", "2024-05-27 to 2024-05-31", "20161016", "TBC",
		"first half of 2024", "24-03-01", "Q3/2024", "2016-10-15T10:00", "- / to", "31 February 2024"} {
		f.Add(s, "2023-12-18")
	}
	f.Fuzz(func(t *testing.T, s, ref string) {
		near, _ := Parse(ref)
		m, ok := Recognize(s, near)
		_, _ = ParseNear(s, near)
		if !ok {
			return
		}
		if len(m.Readings) == 0 || (m.Confidence == Ambiguous) != (len(m.Readings) > 1) {
			t.Fatalf("%q: confidence %d with %d readings", s, m.Confidence, len(m.Readings))
		}
		for _, r := range m.Readings {
			if m.Confidence == NoYear {
				continue
			}
			back, err := Parse(r.Text)
			if err != nil || back != r.Date {
				t.Fatalf("%q: reading %q does not parse back: %v", s, r.Text, err)
			}
		}
		_ = m.Suggestion()
	})
}
