package importer

import (
	"strings"
	"testing"

	"github.com/igf-records/igf/pkg/core/dates"
)

func TestFindDatesReadsWhatMinutesWrite(t *testing.T) {
	meeting := dates.MustParse("2023-12-18")
	cases := []struct {
		text string
		ref  dates.Date
		want string // "" for not a date igf takes
	}{
		{"2023-12-18-lp-virtual", dates.Date{}, "2023-12-18"},
		{"minutes 2023 12 18", dates.Date{}, ""}, // spaces are not a date's separators
		{"20231218", dates.Date{}, "2023-12-18"},
		{"18 December 2023 | 16:00-17:00 UTC", dates.Date{}, "2023-12-18"},
		{"25 November 2021 at 1 p.m. UTC", dates.Date{}, "2021-11-25"},
		{"Next meeting: December 16th, 2021", dates.Date{}, "2021-12-16"},
		{"Oct 4, 2016", dates.Date{}, "2016-10-04"},
		{"4th of October 2016", dates.Date{}, "2016-10-04"},
		{"NEW YORK, 30 MARCH TO 1 APRIL 2022", dates.Date{}, "2022-03-30/2022-04-01"},
		{"27–31 May 2024", dates.Date{}, "2024-05-27/2024-05-31"},
		{"mid-October 2016", dates.Date{}, "2016-10-mid"},
		{"early May 2024", dates.Date{}, "2024-05-early"},
		{"end of March 2024", dates.Date{}, "2024-03-late"},
		{"September 2024", dates.Date{}, "2024-09"},
		{"Q3 2024", dates.Date{}, "2024-Q3"},
		{"early 2024", dates.Date{}, "2024-early"},
		{"16/10/2016", dates.Date{}, "2016-10-16"},
		{"10/16/2016", dates.Date{}, "2016-10-16"},
		{"04/10/2016", dates.Date{}, ""}, // day/month or month/day: never guessed
		{"1/12/22", dates.Date{}, ""},    // a two-digit year
		{"31 February 2024", dates.Date{}, ""},
		{"by 19 December", meeting, "2023-12-19"},
		{"by 5 January", meeting, "2024-01-05"}, // the next 5 January after the meeting
		{"by 19 December", dates.Date{}, ""},    // no year to take
	}
	for _, c := range cases {
		got := ""
		for _, f := range findDates(c.text, c.ref) {
			if !f.date.IsZero() {
				got = f.date.String()
				break
			}
		}
		if got != c.want {
			t.Errorf("findDates(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestFindTime(t *testing.T) {
	for text, want := range map[string]string{
		"18 December 2023 | 16:00-17:00 UTC": "16:00-17:00 UTC",
		"25 November 2021 at 1 p.m. UTC":     "13:00 UTC",
		"30 Nov 2022 16:20h - 17:20h":        "16:20-17:20 local",
		"10:00 +0300":                        "10:00 +03:00",
		"09:00 CET":                          "", // CET is two offsets in a year: not guessed
		"Online Meeting 30":                  "",
	} {
		if got := findTime(text); got != want {
			t.Errorf("findTime(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestNamesMatchWholeNeverGuess(t *testing.T) {
	n := namesOf(registry(t))
	for written, want := range map[string]string{
		"LF":                          "LF",
		"lf":                          "LF",
		"Lise Fuhr":                   "LF",
		"Ms. Lise Fuhr":               "LF",
		"Mr. Vint Cerf, Chair":        "VC",
		"Jenna Fung * - YCIG":         "jenna-fung",
		"Céline Bal":                  "celine-bal",
		"Secretariat":                 "Sect",
		"Wolfgang Kleinwächter":       "wolfgang-kleinwachter",
		"Prof. Rajendra Pratap Gupta": "rajendra-pratap-gupta",
	} {
		if got, ok := n.Resolve(written); !ok || got != want {
			t.Errorf("Resolve(%q) = %q, %v; want %q", written, got, ok, want)
		}
	}
	for _, written := range []string{"Lise", "Fuhr", "L", "Lise Fuhrr", "Chair", "the Panel"} {
		if got, ok := n.Resolve(written); ok {
			t.Errorf("Resolve(%q) = %q: a part or a near spelling matched", written, got)
		}
	}
	if id := n.NewPersonID("Wolfgang Kleinwächter"); id != "wolfgang-kleinwachter-2" {
		t.Errorf("NewPersonID of a taken ID = %q", id)
	}
	if id := n.NewPersonID("KE"); id != "KE-2" {
		t.Errorf("NewPersonID(KE) = %q", id)
	}
}

func TestBodyFromTitle(t *testing.T) {
	n := namesOf(registry(t))
	for title, want := range map[string]string{
		"IGF Leadership Panel — Virtual Meeting":                    "LP",
		"MAG Working Group on IGF Strengthening and Strategy":       "WG-Strategy",
		"EXPERT GROUP MEETING ON THE INTERNET GOVERNANCE FORUM":     "EGM",
		"Group D of the IGF Leadership Panel: activity assignments": "lp-group-d",
		"Minutes of the call":                                       "",
		"Help desk":                                                 "", // "lp" in lower case is not LP
	} {
		got, _, _ := n.bodyIn(title)
		if got != want {
			t.Errorf("bodyIn(%q) = %q, want %q", title, got, want)
		}
	}
}

func TestTextBlocks(t *testing.T) {
	src := "Minutes of the call\n\nAgenda\n\n1. First item\n2. Second item\n - a sub-item\n\nA long paragraph that runs on well past eighty characters, as prose in minutes does, and ends.\n\nAnriette Hesterhuysen\nChengetai Masango\n"
	bs := textBlocks([]byte(src))
	var got []string
	for _, b := range bs {
		got = append(got, map[kind]string{heading: "h", para: "p", item: "i"}[b.kind]+":"+b.first())
	}
	want := "h:Minutes of the call|h:Agenda|i:First item|i:Second item|i:a sub-item|p:A long paragraph that runs on well past eighty characters, as prose in minutes does, and ends.|i:Anriette Hesterhuysen|i:Chengetai Masango"
	if strings.Join(got, "|") != want {
		t.Errorf("blocks:\n got %s\nwant %s", strings.Join(got, "|"), want)
	}
	if bs[4].parent != 3 || bs[4].level != 1 {
		t.Errorf("sub-item: parent %d level %d", bs[4].parent, bs[4].level)
	}
}

func TestHTMLBlocks(t *testing.T) {
	src := "<html><head><title>T</title><script>var x = '<h1>no</h1>';</script></head><body>\n<h2>Regrets</h2>\n<ul><li>Ms. <b>Lise</b> Fuhr<ul><li>nested</li></ul></li>\n<li>Vint Cerf</ul>\n<p><strong>Action items</strong></p><ol><li>Draft [LF]</li></ol><table><tr><td>a</td><td>b</td></tr></table><blockquote><p>quoted</p></blockquote></body></html>"
	bs := htmlBlocks([]byte(src))
	var got []string
	for _, b := range bs {
		got = append(got, map[kind]string{heading: "h", para: "p", item: "i"}[b.kind]+":"+b.text)
	}
	want := "h:Regrets|i:Ms. Lise Fuhr|i:nested|i:Vint Cerf|h:Action items|i:Draft [LF]|p:a | b"
	if strings.Join(got, "|") != want {
		t.Errorf("blocks:\n got %s\nwant %s", strings.Join(got, "|"), want)
	}
	if bs[2].parent != 1 || bs[5].num != 1 || bs[1].line != 3 {
		t.Errorf("nested parent %d, ordered number %d, line %d", bs[2].parent, bs[5].num, bs[1].line)
	}
}

func TestInferDateFromFileName(t *testing.T) {
	n := namesOf(registry(t))
	for name, want := range map[string]string{
		"minutes_2023_12_18.txt": "2023-12-18",
		"LP-2023-12-18-final.md": "2023-12-18",
		"notes.txt":              "2024-03-05", // from the heading
		"2024-03-06-lp-call.txt": "2024-03-06", // the file name wins, and the difference is said
	} {
		p := Infer(Input{Name: "old/" + name, Data: []byte("Leadership Panel call, 5 March 2024\n\nNotes.\n"), Format: Text}, n, Options{})
		if p.Date != want {
			t.Errorf("%s: date %q, want %q", name, p.Date, want)
		}
		if name == "2024-03-06-lp-call.txt" && (len(p.Missed) != 1 || !strings.Contains(p.Missed[0].What, "took the file name's")) {
			t.Errorf("%s: the two dates are not said: %v", name, p.Missed)
		}
	}
}

// Real seeds taught these: "decision-making bodies" is no decisions section,
// "This will require ..." names no owner, "the MAG" is MAG, and Word's plain
// text export puts a paragraph on each line with no blank line between.
func TestSeedShapes(t *testing.T) {
	n := namesOf(registry(t))
	src := "## Follow-up and implementation\n\n1. The Leadership Panel and the MAG will need to work rapidly.\n2. This will require clarification of the relationship.\n\n" +
		"## The relationship of the IGF to decision-making bodies\n\n1. The MAG should consider the needs of other organisations.\n"
	p := Infer(Input{Name: "minutes/2022-03-30-egm.md", Data: []byte(src), Format: Markdown}, n, Options{Body: "EGM"})
	if len(p.Decisions) != 0 {
		t.Errorf("decisions under a decision-making heading: %+v", p.Decisions)
	}
	if len(p.Actions) != 2 || strings.Join(p.Actions[0].Owners, ",") != "LP,MAG" || p.Actions[1].Owners[0] != "TBD" {
		t.Errorf("actions: %+v", p.Actions)
	}
	if len(p.Unmatched) != 0 {
		t.Errorf("a sentence's first word taken for a name: %+v", p.Unmatched)
	}
	word := "Session\nThe UN Secretary-General's Roadmap on Digital Cooperation set out the so-called IGF+ proposals for strengthening the Internet Governance Forum.\nPanel 1\nKey points\n"
	bs := textBlocks([]byte(word))
	if len(bs) != 4 || bs[0].kind != heading || bs[1].kind != para || bs[2].kind != heading || bs[3].line != 4 {
		t.Errorf("Word export read as %+v", bs)
	}
}
