package output

import (
	"strings"
	"testing"
)

// A table wider than the terminal fits it: the title gives way first, the
// ID last, and no line is wider than the limit.
func TestWriteFitsWidth(t *testing.T) {
	tb := &TableData{Headers: []string{"id", "due", "status", "owners", "kind", "title", "source"}}
	tb.Add(C("lp-2023-12-18-a2"), C("2023-12-19"), C("overdue"), C("KS"), C("action"),
		C("Draft a cover letter for the report for the Panel's review, within the next day"), C("records/meetings/2023/2023-12-18-lp-virtual.md:73"))
	tb.Add(C("iww-5"), C("2024-05-27/2024-05-31"), C("open"), C("VC,MR,KE,LF,MG,KS"), C("milestone"),
		C("Presentation at WSIS+20 in late May — 日本語のタイトル"), C("records/timelines/iww-2024.md:124"))
	for _, width := range []int{40, 60, 80, 120} {
		var b strings.Builder
		if err := tb.Write(&b, Options{Format: Table, TTY: true, Width: width}); err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(strings.TrimRight(b.String(), "\n"), "\n") {
			if w := Width(line); w > width {
				t.Errorf("width %d: a line is %d columns: %q", width, w, line)
			}
		}
		if width >= 80 && !strings.Contains(b.String(), "lp-2023-12-18-a2") {
			t.Errorf("width %d: the ID was cut:\n%s", width, b.String())
		}
		if width == 80 && !strings.Contains(b.String(), "…ual.md:73") {
			t.Errorf("width 80: the source is not cut from the left:\n%s", b.String())
		}
	}
	var b strings.Builder
	_ = tb.Write(&b, Options{Format: Table, TTY: true})
	if !strings.Contains(b.String(), "within the next day") {
		t.Error("with no width the title was cut")
	}
}

// A meeting list at 80 columns gives its title room to be read: the counts
// and the format go (and the table says so), never the ID, and the title
// keeps at least titleRoom columns.
func TestFitLeavesOutOptionalColumnsForTheTitle(t *testing.T) {
	tb := &TableData{Headers: []string{"id", "date", "body", "format", "attendees", "decisions", "actions", "title"}}
	tb.Add(C("dc-2022-11-30-main-session"), C("30 November 2022"), C("DCs"), C("hybrid"), C("0"), C("0"), C("0"),
		C("IGF 2022: Dynamic Coalitions main session on digital inclusion"))
	tb.Add(C("wg-strategy-2021-11-25"), C("25 November 2021"), C("WG-Strategy"), C("virtual"), C("25"), C("0"), C("1"),
		C("MAG Working Group on IGF Strengthening and Strategy, 30th meeting"))
	var b, notes strings.Builder
	if err := tb.Write(&b, Options{Format: Table, TTY: true, Width: 80, Notes: &notes}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	head := strings.Fields(lines[0])
	if strings.Join(head, " ") != "ID DATE BODY TITLE" {
		t.Errorf("columns %q, want ID DATE BODY TITLE", head)
	}
	if got := notes.String(); !strings.Contains(got, "note: left out to fit: FORMAT, ATTENDEES, DECISIONS, ACTIONS (--wide shows them)") {
		t.Errorf("note %q", got)
	}
	for _, line := range lines {
		if w := Width(line); w > 80 {
			t.Errorf("a line is %d columns: %q", w, line)
		}
	}
	i := strings.Index(lines[1], "IGF 2022")
	if i < 0 || Width(lines[1][i:]) < titleRoom {
		t.Errorf("the title got less than %d columns: %q", titleRoom, lines[1])
	}
	if !strings.Contains(b.String(), "dc-2022-11-30-main-session") || !strings.Contains(b.String(), "30 November 2022") {
		t.Errorf("the ID or date was cut:\n%s", b.String())
	}
	// Wide enough, nothing goes.
	b.Reset()
	notes.Reset()
	_ = tb.Write(&b, Options{Format: Table, TTY: true, Width: 200, Notes: &notes})
	if notes.Len() > 0 || !strings.Contains(b.String(), "ATTENDEES") {
		t.Errorf("at 200 columns: %q\n%s", notes.String(), b.String())
	}
}
