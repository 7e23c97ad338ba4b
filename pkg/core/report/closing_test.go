package report

import (
	"testing"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/record"
)

// An item ticked without a done: date is dated by the commit that ticked
// it: completed in the period of that commit, still open on a status day
// before it. One added already done counts as completed only when its
// meeting and the commit both fall in the period.
func TestClosingCommitsDateUndatedItems(t *testing.T) {
	rec, fs := parse.File("records/meetings/2024/2024-02-20-lp.md", []byte(`---
id: lp-2024-02-20
type: meeting
title: Panel meeting
body: LP
date: "2024-02-20"
---
- [x] Book the venue @Sect due:2024-03-10 {#a-ticked-in-march}
- [x] Circulate the summary @LF due:2024-03-15 {#a-ticked-in-april}
- [x] Draft the letter @GS due:2024-03-20 {#a-added-done}
- [x] Send the letter @GS due:2024-03-20 {#a-unknown}
`))
	if rec == nil || len(fs) > 0 {
		t.Fatalf("fixture: %v", fs)
	}
	s := record.NewSet([]*record.Record{rec})
	closings := map[string]Closing{
		"a-ticked-in-march": {Commit: "1111111", Date: dates.MustParse("2024-03-20")},
		"a-ticked-in-april": {Commit: "2222222", Date: dates.MustParse("2024-04-12")},
		"a-added-done":      {Commit: "3333333", Date: dates.MustParse("2024-03-01"), Added: true},
	}
	opt := Options{Closed: func(id string) (Closing, bool) { c, ok := closings[id]; return c, ok }}
	r, err := NewFrom(s, dates.MustParse("2024-Q1"), dates.MustParse("2024-04-15"), opt)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(r.Actions.Completed); got != "a-ticked-in-march=done a-added-done=done" {
		t.Errorf("completed: %s", got)
	}
	if got := ids(r.Actions.Open); got != "a-ticked-in-april=overdue" {
		t.Errorf("open at the end of the quarter: %s", got)
	}
	if got := ids(r.Actions.DoneUndated); got != "a-unknown=done-undated" {
		t.Errorf("done without a date: %s", got)
	}
	for _, l := range r.Actions.Completed {
		if l.Closed == nil || l.Closed.Commit != closings[l.ID].Commit {
			t.Errorf("%s: closed %+v", l.ID, l.Closed)
		}
	}
	// Without history nothing is dated: all four are done without a date.
	r, _ = New(s, dates.MustParse("2024-Q1"), dates.MustParse("2024-04-15"))
	if len(r.Actions.Completed) != 0 || len(r.Actions.DoneUndated) != 4 {
		t.Errorf("without history: completed %s, undated %s", ids(r.Actions.Completed), ids(r.Actions.DoneUndated))
	}
	// In Q2 the April tick is the completion.
	r, _ = NewFrom(s, dates.MustParse("2024-Q2"), dates.MustParse("2024-07-15"), opt)
	if got := ids(r.Actions.Completed); got != "a-ticked-in-april=done" {
		t.Errorf("Q2 completed: %s", got)
	}
}
