package report

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/igf-records/igf/internal/fixture"
	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/record"
)

// bundled reads the real records, with paths from the repository top as the
// sources give them.
func bundled(t *testing.T) *record.Set { return fixture.Records(t, "../../..", nil) }

func ids(ls []Line) string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.ID + "=" + l.State
	}
	return strings.Join(out, " ")
}

func newReport(t *testing.T, s *record.Set, period, today string) *Report {
	t.Helper()
	p, err := dates.ParsePeriod(period)
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(s, p, dates.MustParse(today))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestQuarterMilestonesAndNext(t *testing.T) {
	s := bundled(t)
	r := newReport(t, s, "2024Q1", "2024-04-15")
	if !r.Closed || r.StatusDay.String() != "2024-03-31" || r.Next.String() != "2024-Q2" {
		t.Errorf("closed=%v status=%s next=%s, want true 2024-03-31 2024-Q2", r.Closed, r.StatusDay, r.Next)
	}
	if got, want := ids(r.Milestones.Lines), "iww-5a=slipped iww-1=slipped"; got != want {
		t.Errorf("milestones due in 2024-Q1 = %q, want %q", got, want)
	}
	if got, want := ids(r.NextMilestones.Lines), "iww-2=open iww-4=open iww-5=open"; got != want {
		t.Errorf("milestones due in 2024-Q2 = %q, want %q", got, want)
	}
	if r.Milestones.Slipped != 2 || r.Milestones.Met != 0 || r.Milestones.Open != 0 {
		t.Errorf("counts = %+v", r.Milestones)
	}
	// The action that serves iww-1 is listed beside it.
	if sb := r.Milestones.Lines[1].ServedBy; len(sb) != 1 || sb[0] != "lp-2023-12-18-a5" {
		t.Errorf("iww-1 served by %v, want [lp-2023-12-18-a5]", sb)
	}
	if len(r.Meetings) != 0 || len(r.Decisions) != 0 {
		t.Errorf("2024-Q1 has no meeting on record; got %d meetings, %d decisions", len(r.Meetings), len(r.Decisions))
	}
	// The Riyadh meeting announced on 18 December has no record yet.
	if len(r.Announced) != 1 || r.Announced[0].From != "lp-2023-12-18" || r.Announced[0].Date.String() != "2024-02-25/2024-02-28" {
		t.Errorf("announced = %+v", r.Announced)
	}
}

func TestOpenPeriodReadsOnToday(t *testing.T) {
	s := bundled(t)
	r := newReport(t, s, "2024-Q1", "2024-02-20")
	if r.Closed || r.StatusDay.String() != "2024-02-20" {
		t.Fatalf("closed=%v status=%s", r.Closed, r.StatusDay)
	}
	// The period is not over: a milestone past its due date is overdue, as
	// in lists; "slipped" is said only of a period that is over.
	if got, want := ids(r.Milestones.Lines), "iww-5a=overdue iww-1=open"; got != want {
		t.Errorf("on 20 February: %q, want %q", got, want)
	}
	if r.Milestones.Overdue != 1 || r.Milestones.Slipped != 0 {
		t.Errorf("on 20 February: %d overdue, %d slipped, want 1 and 0", r.Milestones.Overdue, r.Milestones.Slipped)
	}
}

func TestOverdueOnlyAfterTheLastDay(t *testing.T) {
	s := bundled(t)
	// lp-2023-12-18-a3 is due 2023-12-20.
	state := func(period, today string) string {
		r := newReport(t, s, period, today)
		for _, l := range r.Actions.Open {
			if l.ID == "lp-2023-12-18-a3" {
				return l.State
			}
		}
		return "absent"
	}
	if got := state("2023-12", "2023-12-20"); got != StateOpen {
		t.Errorf("on its due day: %s, want open", got)
	}
	if got := state("2023-12", "2023-12-21"); got != StateOverdue {
		t.Errorf("the day after: %s, want overdue", got)
	}
	// A closed period judges overdue on the day after its end.
	if got := state("2023-12-18/2023-12-20", "2024-06-01"); got != StateOverdue {
		t.Errorf("window ending on the due day, read later: %s, want overdue", got)
	}
	// Before its meeting, the action did not exist.
	if got := state("2023-Q3", "2024-06-01"); got != "absent" {
		t.Errorf("2023-Q3: %s, want absent", got)
	}
}

func TestQuarterWithMeeting(t *testing.T) {
	s := bundled(t)
	r := newReport(t, s, "2023-Q4", "2024-04-15")
	if len(r.Meetings) != 1 || r.Meetings[0].ID != "lp-2023-12-18" {
		t.Fatalf("meetings = %+v", r.Meetings)
	}
	m := r.Meetings[0]
	names := func(ns []Name) string {
		var out []string
		for _, n := range ns {
			out = append(out, n.Ref)
		}
		return strings.Join(out, ",")
	}
	if got := names(m.Regrets); got != "hiroshi-yoshida" {
		t.Errorf("member regrets = %s", got)
	}
	if len(m.OtherRegrets) != 4 {
		t.Errorf("non-member regrets = %s, want the other four", names(m.OtherRegrets))
	}
	for _, want := range []string{"VC", "LF", "MG", "CR", "GS"} {
		if !strings.Contains(","+names(m.Present)+",", ","+want+",") {
			t.Errorf("%s missing from present %s", want, names(m.Present))
		}
	}
	if len(m.Present)+len(m.Regrets)+len(m.Absent) != len(m.Members) {
		t.Errorf("present+regrets+absent != members: %d+%d+%d vs %d", len(m.Present), len(m.Regrets), len(m.Absent), len(m.Members))
	}
	if len(r.Decisions) != 7 || r.Decisions[3].ID != "lp-2023-12-18-d4" {
		t.Errorf("decisions = %d, want 7 with d4 fourth", len(r.Decisions))
	}
	if len(r.Actions.Opened) != 6 {
		t.Errorf("opened = %d, want the six actions of 18 December", len(r.Actions.Opened))
	}
	// a1 is done with no done date: neither completed in the quarter nor open.
	if got := ids(r.Actions.DoneUndated); got != "lp-2023-12-18-a1=done-undated" {
		t.Errorf("done undated = %q", got)
	}
	if len(r.Actions.Completed) != 0 {
		t.Errorf("completed = %q, want none: no done date is recorded", ids(r.Actions.Completed))
	}
	// On 31 December, a2 (19 Dec) and a3 (20 Dec) are overdue, a5 (1 March) is not.
	if got := ids(r.Actions.Overdue); got != "lp-2023-12-18-a2=overdue lp-2023-12-18-a3=overdue" {
		t.Errorf("overdue = %q", got)
	}
	for _, l := range r.Actions.Opened {
		if l.Link.Path != "records/meetings/2023/2023-12-18-lp-virtual.md" || l.Link.Line < 60 {
			t.Errorf("%s links to %+v", l.ID, l.Link)
		}
	}
}

func TestQuarter2021(t *testing.T) {
	s := bundled(t)
	r := newReport(t, s, "2021-Q4", "2024-04-15")
	if len(r.Meetings) != 1 || r.Meetings[0].ID != "wg-strategy-2021-11-25" || !r.Meetings[0].AttendanceRecorded {
		t.Fatalf("meetings = %+v", r.Meetings)
	}
	if got := ids(r.Actions.Opened); got != "wg-strategy-2021-11-25-a1=open" {
		t.Errorf("opened = %q", got)
	}
	// An action with no due date is never overdue.
	if len(r.Actions.Overdue) != 0 {
		t.Errorf("overdue = %q", ids(r.Actions.Overdue))
	}
	if r.Recommendations.Total != 0 {
		t.Errorf("recommendations before the 2022 EGM = %d, want 0", r.Recommendations.Total)
	}
}

func TestRecommendations2022(t *testing.T) {
	s := bundled(t)
	r := newReport(t, s, "2022", "2024-04-15")
	if r.Recommendations.Total != len(r.Recommendations.Made) || r.Recommendations.Total < 40 {
		t.Errorf("total %d, made %d", r.Recommendations.Total, len(r.Recommendations.Made))
	}
	sum := 0
	for _, a := range r.Recommendations.ByAddressee {
		sum += a.Total
	}
	if sum < r.Recommendations.Total {
		t.Errorf("by addressee sums to %d < %d", sum, r.Recommendations.Total)
	}
}

func TestNextPeriod(t *testing.T) {
	for in, want := range map[string]string{
		"2023-Q4": "2024-Q1", "2024-03": "2024-04", "2024-H2": "2025-H1", "2024": "2025",
		"2024-01-10/2024-01-19": "2024-01-20/2024-01-29",
	} {
		if got := NextPeriod(dates.MustParse(in)).String(); got != want {
			t.Errorf("NextPeriod(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestOutstandingLP(t *testing.T) {
	s := bundled(t)
	o := NewOutstanding(s, "LP", dates.MustParse("2024-02-20"))
	if len(o.Meetings) != 2 {
		t.Errorf("LP meetings held = %d, want 2", len(o.Meetings))
	}
	found := false
	for _, g := range o.ByOwner {
		for _, l := range g.Lines {
			if l.ID == "lp-2023-12-18-a1" {
				t.Errorf("a1 is done; it must not be carried forward")
			}
			if l.ID == "lp-2023-12-18-a2" {
				found = true
				if l.AgeDays != 64 || !l.Overdue() {
					t.Errorf("a2 age %d overdue %v, want 64 true", l.AgeDays, l.Overdue())
				}
			}
		}
	}
	if !found {
		t.Error("a2 not carried forward")
	}
	// Before the 18 December meeting, none of its actions is outstanding.
	early := NewOutstanding(s, "LP", dates.MustParse("2023-12-17"))
	for _, g := range early.ByOwner {
		for _, l := range g.Lines {
			if strings.HasPrefix(l.ID, "lp-2023-12-18") {
				t.Errorf("%s outstanding before its meeting", l.ID)
			}
		}
	}
}

func TestTimelineLayout(t *testing.T) {
	s := bundled(t)
	tl := NewTimeline(s, s.Record("iww-2024"), dates.MustParse("2024-03-15"))
	if len(tl.Items) != 13 {
		t.Fatalf("items = %d, want 13", len(tl.Items))
	}
	get := func(id string) TimelineItem {
		for _, it := range tl.Items {
			if it.ID == id {
				return it
			}
		}
		t.Fatalf("no %s", id)
		return TimelineItem{}
	}
	day := func(s string) time.Time { return dates.MustParse(s).Start }
	if it := get("iww-1"); !it.Point || !it.From.Equal(day("2024-03-01")) || it.State != StateOverdue {
		t.Errorf("iww-1 = point %v from %v state %s", it.Point, it.From, it.State)
	}
	if it := get("iww-6"); it.Point || !it.From.Equal(day("2024-09-01")) || !it.To.Equal(day("2024-09-30")) {
		t.Errorf("iww-6 (2024-09) spans %v..%v", it.From, it.To)
	}
	if it := get("iww-3.2"); it.Depth != 1 || !it.From.Equal(day("2024-05-01")) || !it.To.Equal(day("2024-10-01")) {
		t.Errorf("iww-3.2 depth %d spans %v..%v", it.Depth, it.From, it.To)
	}
	if it := get("iww-2"); !it.From.Equal(day("2024-04-11")) || !it.To.Equal(day("2024-04-20")) || len(it.Checkpoints) != 2 {
		t.Errorf("iww-2 (mid-April) spans %v..%v", it.From, it.To)
	}
	// Sections: one per activity, the working groups under iww-3.
	if len(tl.Sections) != 8 || len(tl.Sections[2].Items) != 6 || tl.Sections[2].ID != "iww-3" {
		t.Errorf("sections = %d, third has %d items", len(tl.Sections), len(tl.Sections[2].Items))
	}
	if !tl.From.Equal(day("2024-02-15")) || !tl.To.Equal(day("2024-12-31")) {
		t.Errorf("drawn span %v..%v", tl.From, tl.To)
	}
}

func TestCalendarWindowAndOwner(t *testing.T) {
	s := bundled(t)
	w := dates.MustParse("2024-01-01/2024-06-30")
	all := Calendar(s, w, "", dates.MustParse("2024-01-01"))
	lf := Calendar(s, w, "LF", dates.MustParse("2024-01-01"))
	if len(lf) == 0 || len(lf) >= len(all) {
		t.Fatalf("LF has %d of %d entries", len(lf), len(all))
	}
	for _, e := range lf {
		ok := false
		for _, n := range e.Owners {
			ok = ok || n.Ref == "LF"
		}
		if !ok {
			t.Errorf("%s in LF's calendar, owned by %+v", e.ID, e.Owners)
		}
	}
	// iww-3 starts 1 May and is due 1 October: it overlaps the window.
	has := func(es []Entry, id string) bool {
		for _, e := range es {
			if e.ID == id {
				return true
			}
		}
		return false
	}
	if !has(all, "iww-3") || has(all, "iww-7") || has(all, "lp-2023-12-18") {
		t.Errorf("window: iww-3 %v, iww-7 %v, lp-2023-12-18 %v", has(all, "iww-3"), has(all, "iww-7"), has(all, "lp-2023-12-18"))
	}
	dec := Calendar(s, dates.MustParse("2023-12"), "", dates.MustParse("2023-12-01"))
	if !has(dec, "lp-2023-12-18") {
		t.Error("December 2023 lacks the 18 December meeting")
	}
	for _, e := range dec {
		if e.ID == "lp-2023-12-18" && (e.Clock == nil || e.Clock.Zone != "UTC") {
			t.Errorf("meeting clock = %+v", e.Clock)
		}
	}
}

func TestOutstandingMAGOwedElsewhere(t *testing.T) {
	s := bundled(t)
	o := NewOutstanding(s, "mag", dates.MustParse("2024-04-15"))
	if o.Body.Ref != "MAG" || len(o.Meetings) != 0 || o.Total != 0 {
		t.Fatalf("MAG: ref %s, %d meetings, %d carried; the records hold no MAG meeting", o.Body.Ref, len(o.Meetings), o.Total)
	}
	var a6 bool
	for _, l := range o.OwedElsewhere {
		a6 = a6 || l.ID == "lp-2023-12-18-a6"
		if l.Status != record.StatusOpen {
			t.Errorf("%s is %s", l.ID, l.Status)
		}
	}
	if !a6 || len(o.OwedElsewhere) != 22 {
		t.Errorf("owed elsewhere: %d items, a6 %v; want the Panel's a6 and the EGM's 21 recommendations to the MAG", len(o.OwedElsewhere), a6)
	}
}

func TestTimelineFarTodayDoesNotWidenTheChart(t *testing.T) {
	s := bundled(t)
	near := NewTimeline(s, s.Record("iww-2024"), dates.MustParse("2025-03-01"))
	far := NewTimeline(s, s.Record("iww-2024"), dates.MustParse("2030-01-01"))
	if !near.To.Equal(dates.MustParse("2025-03-01").Start) {
		t.Errorf("two months after the end, the chart should reach today; it ends %v", near.To)
	}
	if !far.To.Equal(dates.MustParse("2024-12-31").Start) {
		t.Errorf("years later, the chart should end with the timeline; it ends %v", far.To)
	}
}

// TestSortOwnersSameName: owners' groups come from a map, so two owners
// spelt alike must be ordered by something other than the order they came
// in, or the report changes from run to run.
func TestSortOwnersSameName(t *testing.T) {
	mk := func(refs ...string) []OwnerActions {
		var gs []OwnerActions
		for _, r := range refs {
			name := "Maria Castillo"
			if r == record.TBD {
				name = "to be determined"
			}
			gs = append(gs, OwnerActions{Owner: Name{Ref: r, Name: name}})
		}
		return gs
	}
	for _, in := range [][]string{{"mc", "maria-castillo", record.TBD}, {record.TBD, "maria-castillo", "mc"}} {
		gs := mk(in...)
		sortOwners(gs)
		var got []string
		for _, g := range gs {
			got = append(got, g.Owner.Ref)
		}
		if want := []string{"maria-castillo", "mc", record.TBD}; strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("from %v: %v, want %v", in, got, want)
		}
	}
}

// TestActionLinesAreTheirItemAndState holds the action lists to what
// Line.Action promises: across the reports of every quarter of the
// bundled records, lines with one Action and State are equal, and every
// action line has its item.
func TestActionLinesAreTheirItemAndState(t *testing.T) {
	s := bundled(t)
	type key struct {
		it    *record.Item
		state string
	}
	first := map[key]Line{}
	copies := 0
	for _, q := range []string{"2021-Q4", "2022-Q4", "2023-Q4", "2024-Q1", "2024-Q3"} {
		r, err := New(s, dates.MustParse(q), dates.MustParse("2024-07-01"))
		if err != nil {
			t.Fatal(err)
		}
		a := r.Actions
		lists := [][]Line{a.Opened, a.Completed, a.DoneUndated, a.Open, a.Overdue}
		for _, g := range a.ByOwner {
			lists = append(lists, g.Lines)
		}
		for _, list := range lists {
			for _, l := range list {
				it := l.Action()
				if it == nil || it.ID != l.ID {
					t.Fatalf("%s: %s has item %v", q, l.ID, it)
				}
				k := key{it, l.State}
				if f, ok := first[k]; ok {
					copies++
					if !reflect.DeepEqual(f, l) {
						t.Fatalf("%s: two lines of %s, %s differ:\n%+v\n%+v", q, l.ID, l.State, f, l)
					}
					continue
				}
				first[k] = l
			}
		}
	}
	if copies < 40 || len(first) < 8 {
		t.Fatalf("%d copies of %d lines compared; the bundled records give more", copies, len(first))
	}
}
