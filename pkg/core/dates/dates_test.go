package dates

import (
	"strings"
	"testing"
	"time"
)

func TestParseForms(t *testing.T) {
	tests := []struct {
		in, canon, start, end, human string
	}{
		{"2024-03-01", "2024-03-01", "2024-03-01", "2024-03-01", "1 March 2024"},
		{"2024-09", "2024-09", "2024-09-01", "2024-09-30", "September 2024"},
		{"2024-02", "2024-02", "2024-02-01", "2024-02-29", "February 2024"},
		{"2024-Q3", "2024-Q3", "2024-07-01", "2024-09-30", "Q3 2024"},
		{"2024-q1", "2024-Q1", "2024-01-01", "2024-03-31", "Q1 2024"},
		{"2024-H2", "2024-H2", "2024-07-01", "2024-12-31", "H2 2024"},
		{"2024", "2024", "2024-01-01", "2024-12-31", "2024"},
		{"2024-04-mid", "2024-04-mid", "2024-04-11", "2024-04-20", "mid-April 2024"},
		{"2024-05-early", "2024-05-early", "2024-05-01", "2024-05-10", "early-May 2024"},
		{"2024-02-late", "2024-02-late", "2024-02-21", "2024-02-29", "late-February 2024"},
		{"2024-early", "2024-early", "2024-01-01", "2024-04-30", "early 2024"},
		{"2024-late", "2024-late", "2024-09-01", "2024-12-31", "late 2024"},
		{"2024-05-27/2024-05-31", "2024-05-27/2024-05-31", "2024-05-27", "2024-05-31", "27–31 May 2024"},
		{"2024-02-25/2024-03", "2024-02-25/2024-03", "2024-02-25", "2024-03-31", "25 February – 31 March 2024"},
		{" 2022-03-30/2022-04-01 ", "2022-03-30/2022-04-01", "2022-03-30", "2022-04-01", "30 March – 1 April 2022"},
	}
	for _, tt := range tests {
		d, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if d.String() != tt.canon || d.Start.Format(time.DateOnly) != tt.start || d.End.Format(time.DateOnly) != tt.end || d.Human() != tt.human {
			t.Errorf("Parse(%q) = %s [%s, %s] %q; want %s [%s, %s] %q", tt.in, d, d.Start.Format(time.DateOnly),
				d.End.Format(time.DateOnly), d.Human(), tt.canon, tt.start, tt.end, tt.human)
		}
	}
}

func TestParseTBD(t *testing.T) {
	for _, in := range []string{"TBD", "tbd", " TBD "} {
		d, err := Parse(in)
		if err != nil || !d.IsTBD() || d.IsZero() || d.String() != "TBD" {
			t.Errorf("Parse(%q) = %+v, %v; want explicit TBD", in, d, err)
		}
	}
	var none Date
	if !none.IsZero() || !none.IsTBD() || none.String() != "" {
		t.Errorf("zero Date should be 'not given'")
	}
}

func TestParseRejects(t *testing.T) {
	for in, why := range map[string]string{
		"":                      "empty",
		"2023-02-29":            "has no day 29",
		"2024-13":               "01 to 12",
		"2024-Q5":               "Q1 to Q4",
		"2024-H3":               "H1 or H2",
		"24-03":                 "four digits",
		"2024-00":               "01 to 12",
		"2024-03-x":             "two digits",
		"2024-03-01-02":         "too many",
		"2024-05-31/2024-05-27": "ends before it starts",
		"2024-05-31/":           "range end",
		"2024-04-middle":        "two digits",
		"0000":                  "four digits",
	} {
		_, err := Parse(in)
		if err == nil {
			t.Errorf("Parse(%q) accepted", in)
			continue
		}
		if !contains(err.Error(), why) || !contains(err.Error(), "write 2024-03-01") {
			t.Errorf("Parse(%q) error %q; want it to say %q and give the forms", in, err, why)
		}
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

func TestOverdueAndOrder(t *testing.T) {
	sep := MustParse("2024-09")
	if sep.OverdueOn(MustParse("2024-09-30")) {
		t.Error("September 2024 must not be overdue on its last day")
	}
	if !sep.OverdueOn(MustParse("2024-10-01")) {
		t.Error("September 2024 must be overdue on 1 October")
	}
	if MustParse("TBD").OverdueOn(MustParse("2099-01-01")) {
		t.Error("TBD is never overdue")
	}
	// Sorted by start: a month sorts before a day later in it, TBD last.
	order := []string{"2024-04", "2024-Q2", "2024-04-mid", "2024-04-15", "TBD"}
	for i := 0; i+1 < len(order); i++ {
		a, b := MustParse(order[i]), MustParse(order[i+1])
		if Compare(a, b) > 0 {
			t.Errorf("%s should not sort after %s", a, b)
		}
	}
	if Compare(MustParse("2024-04"), MustParse("2024-Q2")) >= 0 {
		t.Error("equal starts: the shorter span sorts first")
	}
	if !MustParse("2024-05-early").Within(MustParse("2024-Q2")) || MustParse("2024-06/2024-07").Within(MustParse("2024-Q2")) {
		t.Error("Within")
	}
	if !MustParse("2024-06/2024-07").Overlaps(MustParse("2024-Q3")) || MustParse("2024-06").Overlaps(MustParse("2024-Q3")) {
		t.Error("Overlaps")
	}
}

func TestParsePeriod(t *testing.T) {
	for _, in := range []string{"2024-Q1", "2024Q1", "2024q1"} {
		d, err := ParsePeriod(in)
		if err != nil || d.String() != "2024-Q1" {
			t.Errorf("ParsePeriod(%q) = %v, %v", in, d, err)
		}
	}
	if _, err := ParsePeriod("TBD"); err == nil {
		t.Error("a period cannot be TBD")
	}
}

func TestClock(t *testing.T) {
	c, err := ParseClock("16:00-17:00 UTC")
	if err != nil || c.String() != "16:00-17:00 UTC" {
		t.Fatalf("ParseClock: %v %v", c, err)
	}
	start, end, ok := c.On(MustParse("2023-12-18").Start)
	if !ok || start.Format(time.RFC3339) != "2023-12-18T16:00:00Z" || end.Sub(start) != time.Hour {
		t.Errorf("On: %v %v %v", start, end, ok)
	}
	c, err = ParseClock("16:20-17:20 local")
	if err != nil || !c.Local() {
		t.Fatalf("local clock: %v %v", c, err)
	}
	if _, _, ok := c.On(time.Now()); ok {
		t.Error("a local clock has no instant")
	}
	if c, err := ParseClock("13:00 +03:00"); err != nil || c.EndMin != -1 {
		t.Errorf("offset clock: %v %v", c, err)
	}
	for _, bad := range []string{"16:00", "16:00-15:00 UTC", "25:00 UTC", "16:00 Mars/Olympus", "4pm UTC", "16:00 ../etc"} {
		if _, err := ParseClock(bad); err == nil {
			t.Errorf("ParseClock(%q) accepted", bad)
		}
	}
}

func TestTextRoundTrip(t *testing.T) {
	for _, in := range []string{"2024-03-01", "2024-04-mid", "2024-05-27/2024-05-31", "TBD"} {
		d := MustParse(in)
		b, _ := d.MarshalText()
		var back Date
		if err := back.UnmarshalText(b); err != nil || back != d {
			t.Errorf("round trip %q: %v %v", in, back, err)
		}
	}
	j, _ := Date{}.MarshalJSON()
	if string(j) != "null" {
		t.Errorf("no date marshals as %s, want null", j)
	}
}

// FuzzParse: any input either fails with an error or yields a date whose
// canonical text parses back to the same span; nothing panics.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"2024-03-01", "2024-09", "2024-Q3", "2024-H1", "2024", "2024-04-mid", "2024-early",
		"2024-05-27/2024-05-31", "TBD", "2024-02-30", "9999-12-31", "2024-05-31/2024-05-27", "/", "2024-/-", "2024-Q", "2024--01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			return
		}
		back, err := Parse(d.String())
		if err != nil {
			t.Fatalf("canonical %q of %q does not parse: %v", d.String(), s, err)
		}
		if back != d {
			t.Fatalf("%q: round trip changed %v to %v", s, d, back)
		}
		if !d.IsTBD() && d.End.Before(d.Start) {
			t.Fatalf("%q: span ends before it starts", s)
		}
		_ = d.Human()
	})
}

func TestSpanIsADayRange(t *testing.T) {
	q := MustParse("2024-Q1")
	s := Span(q.Start, MustParse("2024-05-early").End)
	if s.String() != "2024-01-01/2024-05-10" || !MustParse("2024-04-mid").Within(s) || MustParse("2024-05-20").Within(s) {
		t.Fatalf("Span = %s (%v..%v)", s, s.Start, s.End)
	}
	if back, err := Parse(s.String()); err != nil || Compare(back, s) != 0 || !back.End.Equal(s.End) {
		t.Fatalf("Span text does not parse back to itself: %v %v", back, err)
	}
}

func TestClockLocalFloatsInAnyCase(t *testing.T) {
	for _, s := range []string{"16:00-17:00 local", "16:00-17:00 Local", "16:00-17:00 LOCAL"} {
		c, err := ParseClock(s)
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		if !c.Local() || c.Location != nil || c.Zone != "local" {
			t.Errorf("%s: zone %q, location %v; want the meeting's own wall clock, no location", s, c.Zone, c.Location)
		}
		if _, _, ok := c.On(MustParse("2024-03-01").Start); ok {
			t.Errorf("%s: On converted a local time", s)
		}
		start, end, hasEnd := c.Wall(MustParse("2024-03-01").Start)
		if start.Hour() != 16 || end.Hour() != 17 || !hasEnd {
			t.Errorf("%s: wall clock %v–%v", s, start, end)
		}
	}
}

func TestClockZoneHints(t *testing.T) {
	if _, err := ParseClock("09:30 Europe/Zurich"); err != nil {
		t.Fatalf("Europe/Zurich: %v", err)
	}
	for zone, want := range map[string]string{
		"Europe/Geneva": `Europe/Geneva is not an IANA zone ID; its time is that of Europe/Zurich (write "09:30 Europe/Zurich")`,
		"Geneva":        `Geneva is not an IANA zone ID; its time is that of Europe/Zurich`,
		"Tokyo":         `its time is that of Asia/Tokyo`,
		"New_York":      `its time is that of America/New_York`,
		"Atlantis":      `unknown zone Atlantis; a zone is UTC, an offset such as +01:00, or an IANA zone ID: Region/City, e.g. Europe/Zurich for Geneva`,
	} {
		_, err := ParseClock("09:30 " + zone)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want it to say %q", zone, err, want)
		}
	}
}
