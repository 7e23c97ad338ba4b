package dates

import "testing"

func TestFindInRunningText(t *testing.T) {
	meeting := MustParse("2023-12-18")
	cases := []struct {
		text string
		ref  Date
		want []string // each date found, Sure's date or "!why"
	}{
		{"Kristof to draft the letter by 19 December, and Lise to sign it by 5 January.", meeting, []string{"2023-12-19", "2024-01-05"}},
		{"NEW YORK, 30 MARCH TO 1 APRIL 2022", Date{}, []string{"2022-03-30/2022-04-01"}},
		{"18 December 2023 | 16:00-17:00 UTC", Date{}, []string{"2023-12-18"}},
		{"minutes-2021-11-25-wg", Date{}, []string{"2021-11-25"}},
		{"the report of 04/10/2016", Date{}, []string{"!it reads as 2016-10-04 (day/month/year) or 2016-04-10 (month/day/year)"}},
		{"by 19 December", Date{}, []string{"!it names no year"}},
		{"on 31 February 2024", Date{}, []string{"!February 2024 has no day 31"}},
		{"at the end of March 2024, in Q3 2024 or mid-October 2024", Date{}, []string{"2024-03-late", "2024-Q3", "2024-10-mid"}},
		{"no date here, only 30 people and 2 rooms", Date{}, nil},
		{"a presentation for NetMundial+10 in early May", meeting, []string{"2024-05-early"}},
	}
	for _, c := range cases {
		fs := Find(c.text, c.ref)
		var got []string
		for _, f := range fs {
			if d, why := f.Sure(); why != "" {
				got = append(got, "!"+why)
			} else {
				got = append(got, d.String())
			}
			if c.text[f.Start:f.End] != f.Text {
				t.Errorf("%q: span %d-%d is %q, not %q", c.text, f.Start, f.End, c.text[f.Start:f.End], f.Text)
			}
		}
		if len(got) != len(c.want) {
			t.Errorf("Find(%q) = %q, want %q", c.text, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("Find(%q)[%d] = %q, want %q", c.text, i, got[i], c.want[i])
			}
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"by 19 December 2023", "30 March to 1 April 2022", "04/10/2016 and Q3 2024", "20231218", "mid-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ref := MustParse("2023-12-18")
		for _, fd := range Find(s, ref) {
			if fd.Start < 0 || fd.End > len(s) || s[fd.Start:fd.End] != fd.Text {
				t.Fatalf("bad span %+v in %q", fd, s)
			}
			if d, why := fd.Sure(); why == "" && d.IsZero() {
				t.Fatalf("%q: sure of no date", fd.Text)
			}
		}
	})
}
