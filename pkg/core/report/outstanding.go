package report

import (
	"sort"
	"strings"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/record"
)

// MeetingRef names a meeting a carried-forward item comes from.
type MeetingRef struct {
	ID    string     `json:"id"`
	Title string     `json:"title"`
	Date  dates.Date `json:"date"`
	Link  Link       `json:"link"`
}

// Outstanding is the "actions from previous meetings" section of a body's
// next agenda: every item still open from the body's past meetings.
type Outstanding struct {
	Provenance
	Body     Name           `json:"body"`
	Today    dates.Date     `json:"today"`
	Meetings []MeetingRef   `json:"meetings"` // the body's meetings held by today
	Total    int            `json:"total"`
	Overdue  int            `json:"overdue"`
	ByOwner  []OwnerActions `json:"by_owner"`
	// OwedElsewhere are open items the body itself owns from other bodies'
	// meetings (a Panel action addressed to the MAG, a recommendation to it):
	// not carried forward by its own minutes, but still the body's to answer.
	OwedElsewhere []Line `json:"owed_elsewhere"`
}

// NewOutstanding lists the open actions and recommendations of every meeting
// of body held on or before today, by owner, with each item's age in days
// since its meeting.
func NewOutstanding(s *record.Set, body string, today dates.Date) *Outstanding {
	return NewOutstandingFrom(s, body, today, Options{})
}

// NewOutstandingFrom is NewOutstanding with what the report knows besides
// the records, as for NewFrom: an item ticked without a done date is done
// from the day of the commit that ticked it, so with a past --today it is
// still carried forward if that commit came later.
func NewOutstandingFrom(s *record.Set, body string, today dates.Date, opt Options) *Outstanding {
	c := &calc{set: s, today: today, status: today, overdueOn: today, servedBy: map[string][]string{}, closed: opt.Closed}
	o := &Outstanding{Provenance: NewProvenance(nil), Body: c.name(body), Today: today, Meetings: []MeetingRef{}, ByOwner: []OwnerActions{}, OwedElsewhere: []Line{}}
	groups := map[string]*OwnerActions{}
	for _, r := range s.Records {
		if r.Type != record.TypeMeeting || r.Date.IsTBD() || r.Date.Start.After(today.Start) {
			continue
		}
		if !strings.EqualFold(s.Canonical(r.Body), o.Body.Ref) {
			for _, it := range r.Items {
				if !it.Trackable() || it.Status == record.StatusCancelled || !holds(s, it, o.Body.Ref) {
					continue
				}
				if done, _ := c.doneBy(it, today); !done {
					l := c.line(it)
					l.AgeDays = DaysBetween(r.Date.Start, today.Start)
					o.OwedElsewhere = append(o.OwedElsewhere, l)
				}
			}
			continue
		}
		o.Meetings = append(o.Meetings, MeetingRef{ID: r.ID, Title: r.Title, Date: r.Date, Link: recordLink(r)})
		for _, it := range r.Items {
			if !it.Trackable() || it.Status == record.StatusCancelled {
				continue
			}
			if done, _ := c.doneBy(it, today); done {
				continue
			}
			l := c.line(it)
			l.AgeDays = DaysBetween(r.Date.Start, today.Start)
			o.Total++
			if l.Overdue() {
				o.Overdue++
			}
			owners := l.Owners
			if len(owners) == 0 {
				owners = []Name{c.name(record.TBD)}
			}
			for _, n := range owners {
				g := groups[strings.ToLower(n.Ref)]
				if g == nil {
					g = &OwnerActions{Owner: n}
					groups[strings.ToLower(n.Ref)] = g
				}
				g.Lines = append(g.Lines, l)
				g.Open++
				if l.Overdue() {
					g.Overdue++
				}
			}
		}
	}
	sort.SliceStable(o.Meetings, func(i, j int) bool { return o.Meetings[i].Date.Before(o.Meetings[j].Date) })
	for _, g := range groups {
		sortByDue(g.Lines)
		o.ByOwner = append(o.ByOwner, *g)
	}
	sortOwners(o.ByOwner)
	sortByDue(o.OwedElsewhere)
	return o
}
