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
