package record

import "testing"

func TestOmissionsOnePerFileFirstErrorFirst(t *testing.T) {
	fs := []Finding{
		At("records/b.md", Pos{Line: 9, Col: 2}, "date", "bad date", ""),
		Warn("records/c.md", Pos{Line: 1}, "action-no-due", "no due date", ""),
		At("records/b.md", Pos{Line: 3, Col: 5}, "time", "bad time", ""),
		At("records/a.md", Pos{Line: 1}, "yaml", "invalid YAML", ""),
		At("records/b.md", Pos{Line: 3, Col: 9}, "date", "another", ""),
	}
	read := map[string]bool{"records/b.md": true, "records/c.md": true}
	got := Omissions(fs, func(p string) bool { return read[p] })
	if len(got) != 2 {
		t.Fatalf("got %d omissions, want 2 (a warning leaves nothing out): %+v", len(got), got)
	}
	a, b := got[0], got[1]
	if a.Path != "records/a.md" || !a.Whole || a.More != 0 || a.Rule != "yaml" {
		t.Errorf("a.md: %+v", a)
	}
	if b.Path != "records/b.md" || b.Whole || b.Line != 3 || b.Col != 5 || b.Reason != "bad time" || b.More != 2 {
		t.Errorf("b.md: %+v", b)
	}
	if s := b.String(); s != "records/b.md:3:5: read in part: bad time [time] (and 2 more errors)" {
		t.Errorf("String() = %q", s)
	}
	if s := a.String(); s != "records/a.md:1:1: left out: invalid YAML [yaml]" {
		t.Errorf("String() = %q", s)
	}
}
