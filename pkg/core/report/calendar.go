package report

import (
	"sort"
	"strings"
	"time"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/record"
)

// Kinds of calendar entries besides the item kinds.
const (
	EntryMeeting    = "meeting"
	EntryCheckpoint = "checkpoint"
)

// Entry is one thing to put in a calendar: a meeting, or the due date (or
// span, for a milestone with a start) of an action, recommendation or
// milestone.
type Entry struct {
	ID    string `json:"id"` // the record or item ID; calendars derive their UIDs from it
	Kind  string `json:"kind"`
	Title string `json:"title"`
	// Date is what the records say; From and To are the days it covers,
	// both inclusive.
	Date dates.Date `json:"date"`
	From time.Time  `json:"from"`
	To   time.Time  `json:"to"`
	// Clock is the meeting's time of day, when the record gives one (with a
	// zone, or local: the meeting's own wall clock).
	Clock *dates.Clock `json:"-"`
	// DueBy marks a fuzzy due date shown as one day, the last it covers.
	DueBy    bool   `json:"due_by,omitempty"`
	TimeText string `json:"time,omitempty"`
	Location string `json:"location,omitempty"`
	Owners   []Name `json:"owners"`
	Body     string `json:"body,omitempty"`
	State    string `json:"state,omitempty"`
	Detail   string `json:"detail,omitempty"` // objective or agenda, for the event's description
	Link     Link   `json:"link"`
}

// TimelineEntries are a timeline's milestones and their checkpoints as
// calendar entries; undated ones are left out.
func TimelineEntries(t *Timeline) []Entry {
	var out []Entry
	for _, it := range t.Items {
		if !it.Dated {
			continue
		}
		from, to, by := dueSpan(it.Due, !it.Start.IsTBD(), it.Start)
		out = append(out, Entry{ID: it.ID, Kind: record.KindMilestone, Title: it.Title, Date: it.Due, From: from, To: to, DueBy: by,
			Owners: it.Owners, Body: it.Body, State: it.State, Detail: it.Objective, Link: it.Link})
		for _, cp := range it.Checkpoints {
			if cp.From.IsZero() {
				continue
			}
			from, to, by := dueSpan(cp.Date, false, dates.Date{})
			out = append(out, Entry{ID: cp.ID, Kind: EntryCheckpoint, Title: it.Title + ": " + cp.Label, Date: cp.Date,
				From: from, To: to, DueBy: by, Owners: it.Owners, Body: it.Body, State: it.State, Link: it.Link})
		}
	}
	return out
}

// Calendar lists the meetings and due dates that fall in window (a span
// overlapping it counts), optionally only those of owner: meetings of a body
// owner is, or the person is a member of, and items the owner holds. Done
// and cancelled items are left out; a calendar is for what is still to come
// or still owed.
func Calendar(s *record.Set, window dates.Date, owner string, today dates.Date) []Entry {
	var owners []string
	if owner != "" {
		owners = []string{owner}
	}
	return CalendarOf(s, window, owners, today)
}

// CalendarOf is Calendar for any of several owners (none: everyone's).
func CalendarOf(s *record.Set, window dates.Date, owners []string, today dates.Date) []Entry {
	c := &calc{set: s, status: today, overdueOn: today, servedBy: map[string][]string{}}
	concerns := ownersTest(s, owners)
	out := []Entry{}
	for _, r := range calendarMeetings(s, window, concerns) {
		if !UncertainDate(r.Date) {
			out = append(out, c.meetingEntry(r))
		}
	}
	for _, it := range s.Items() {
		if !it.Trackable() || !it.Open() || it.Due.IsTBD() {
			continue
		}
		e := c.itemEntry(it)
		if !dates.MustParse(e.From.Format("2006-01-02") + "/" + e.To.Format("2006-01-02")).Overlaps(window) {
			continue
		}
		if !concerns(func(o string) bool { return holds(s, it, o) }) {
			continue
		}
		out = append(out, e)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].From.Equal(out[j].From) {
			return out[i].From.Before(out[j].From)
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// DaylessMeetings are the meetings CalendarOf leaves out of the same window
// because their day is not recorded (see UncertainDate): a calendar gets no
// invented event for them.
func DaylessMeetings(s *record.Set, window dates.Date, owners []string) []*record.Record {
	var out []*record.Record
	for _, r := range calendarMeetings(s, window, ownersTest(s, owners)) {
		if UncertainDate(r.Date) {
			out = append(out, r)
		}
	}
	return out
}

// calendarMeetings are the meetings overlapping window that concern the owners.
func calendarMeetings(s *record.Set, window dates.Date, concerns func(test func(owner string) bool) bool) []*record.Record {
	var out []*record.Record
	for _, r := range s.Records {
		if r.Type != record.TypeMeeting || r.Date.IsTBD() || !r.Date.Overlaps(window) {
			continue
		}
		if concerns(func(o string) bool { return meetingConcerns(s, r, o) }) {
			out = append(out, r)
		}
	}
	return out
}

// ownersTest is true of an item or meeting when no owner is asked for, or
// test holds for one of them.
func ownersTest(s *record.Set, owners []string) func(test func(owner string) bool) bool {
	refs := make([]string, len(owners))
	for i, o := range owners {
		refs[i] = s.Canonical(o)
	}
	return func(test func(owner string) bool) bool {
		if len(refs) == 0 {
			return true
		}
		for _, o := range refs {
			if test(o) {
				return true
			}
		}
		return false
	}
}

// MeetingEntries are meeting records as calendar entries; undated ones, and
// those whose day is not recorded, are left out.
func MeetingEntries(s *record.Set, meetings []*record.Record) []Entry {
	c := &calc{set: s, servedBy: map[string][]string{}}
	out := []Entry{}
	for _, r := range meetings {
		if !r.Date.IsTBD() && !UncertainDate(r.Date) {
			out = append(out, c.meetingEntry(r))
		}
	}
	return out
}

// ItemEntries are items' due dates as calendar entries, with their state on
// today; items without a due date and decisions are left out.
func ItemEntries(s *record.Set, items []*record.Item, today dates.Date) []Entry {
	c := &calc{set: s, status: today, overdueOn: today, servedBy: map[string][]string{}}
	out := []Entry{}
	for _, it := range items {
		if it.Trackable() && !it.Due.IsTBD() {
			out = append(out, c.itemEntry(it))
		}
	}
	return out
}

func (c *calc) meetingEntry(r *record.Record) Entry {
	e := Entry{ID: r.ID, Kind: EntryMeeting, Title: r.Title, Date: r.Date, From: r.Date.Start, To: r.Date.End,
		TimeText: r.TimeText, Location: r.Location, Owners: c.names([]string{r.Body}), Body: r.Body,
		Detail: strings.Join(r.Agenda, "\n"), Link: recordLink(r)}
	// A local time is the meeting's own wall clock: calendars write it as
	// a floating time, converted by no one.
	e.Clock = r.Time
	return e
}

// itemEntry places an item's due date on the calendar; a milestone with a
// start runs from it.
func (c *calc) itemEntry(it *record.Item) Entry {
	from, to, by := dueSpan(it.Due, it.Kind == record.KindMilestone && !it.Start.IsTBD(), it.Start)
	l := c.line(it)
	return Entry{ID: it.ID, Kind: it.Kind, Title: it.Title, Date: it.Due, From: from, To: to, DueBy: by,
		Owners: l.Owners, Body: it.Record.Body, State: l.State, Detail: it.Objective, Link: l.Link}
}

// dueSpan is what a calendar shows of a due date: the day; for a fuzzy one
// (a month, "early 2024", a range of more than a week) one all-day event on
// its last day, the day it is due by, rather than a months-long event; a
// milestone with a start runs from it.
func dueSpan(due dates.Date, hasStart bool, start dates.Date) (from, to time.Time, dueBy bool) {
	from, to = due.Start, due.End
	if hasStart {
		if start.Start.Before(from) {
			from = start.Start
		}
		return from, to, false
	}
	if UncertainDate(due) {
		return due.End, due.End, true
	}
	return from, to, false
}

// holds reports whether owner is one of the item's owners.
func holds(s *record.Set, it *record.Item, owner string) bool {
	for _, o := range it.Owners {
		if s.MayMean(o, owner) {
			return true
		}
	}
	return false
}

// meetingConcerns reports whether a meeting is owner's to attend: owner is
// the body that met, is listed in it, or is a member of the body on the day.
func meetingConcerns(s *record.Set, r *record.Record, owner string) bool {
	if strings.EqualFold(s.Canonical(r.Body), owner) {
		return true
	}
	for _, refs := range r.People {
		for _, ref := range refs {
			if s.MayMean(ref, owner) {
				return true
			}
		}
	}
	for _, p := range s.Members(r.Body, dates.OfTime(r.Date.Start)) {
		if strings.EqualFold(p.ID, owner) {
			return true
		}
	}
	return false
}
