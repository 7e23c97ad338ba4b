package report

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/record"
)

// TimelineItem is one milestone of a timeline, placed on the calendar.
type TimelineItem struct {
	Line
	Objective   string   `json:"objective,omitempty"`
	Tasks       []string `json:"tasks,omitempty"`
	Responsible string   `json:"responsible,omitempty"`
	Note        string   `json:"note,omitempty"`
	DependsOn   []string `json:"depends_on,omitempty"`
	// From and To are the days drawn, both inclusive: the start (when given)
	// to the end of the due date, so a fuzzy due date shows the span it covers.
	From time.Time `json:"from,omitzero"`
	To   time.Time `json:"to,omitzero"`
	// Point is true for a single-day due date with no start: a milestone
	// rather than a bar.
	Point bool `json:"point"`
	// Dated is false when the due date is TBD or missing: nothing to draw.
	Dated       bool         `json:"dated"`
	Depth       int          `json:"depth"` // 0 for an activity, 1 for a part of one
	Checkpoints []Checkpoint `json:"checkpoints,omitempty"`
}

// Checkpoint is a dated step inside a milestone, placed on the calendar.
type Checkpoint struct {
	ID    string     `json:"id"` // derived: the milestone's ID and the step's number
	Label string     `json:"label"`
	Date  dates.Date `json:"date"`
	From  time.Time  `json:"from,omitzero"`
	To    time.Time  `json:"to,omitzero"`
	Point bool       `json:"point"`
}

// Section is an activity and its parts, as a chart groups them.
type Section struct {
	ID    string         `json:"id"`
	Title string         `json:"title"`
	Items []TimelineItem `json:"items"`
}

// Timeline is a timeline record read on a day.
type Timeline struct {
	Provenance
	ID       string         `json:"id"`
	Title    string         `json:"title"`
	Body     Name           `json:"body"`
	Meeting  string         `json:"meeting,omitempty"`
	Start    dates.Date     `json:"start,omitzero"`
	End      dates.Date     `json:"end,omitzero"`
	Today    dates.Date     `json:"today"`
	Sections []Section      `json:"sections"`
	Items    []TimelineItem `json:"items"` // every milestone, in file order
	// From and To bound everything drawn: the timeline's own span, and today
	// when it is within six months of it.
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
	Link Link      `json:"link"`
}

// TimelineSummary is one timeline in a list.
type TimelineSummary struct {
	ID         string     `json:"id"`
	Title      string     `json:"title"`
	Body       string     `json:"body,omitempty"`
	Start      dates.Date `json:"start,omitzero"`
	End        dates.Date `json:"end,omitzero"`
	Milestones int        `json:"milestones"`
	Open       int        `json:"open"`
	Done       int        `json:"done"`
	Slipped    int        `json:"slipped"`
	Path       string     `json:"path"`
}

// Timelines lists the timeline records, with their milestones counted on today.
func Timelines(s *record.Set, today dates.Date) []TimelineSummary {
	out := []TimelineSummary{}
	c := &calc{set: s, status: today, overdueOn: today}
	for _, r := range s.Records {
		if r.Type != record.TypeTimeline {
			continue
		}
		ts := TimelineSummary{ID: r.ID, Title: r.Title, Body: r.Body, Start: r.Start, End: r.End, Path: r.Path}
		for _, it := range r.Items {
			if it.Kind != record.KindMilestone {
				continue
			}
			ts.Milestones++
			switch c.state(it) {
			case StateMet, StateMetLate, StateDone, StateDoneUndated:
				ts.Done++
			case StateSlipped, StateOverdue:
				ts.Slipped++
			case StateOpen:
				ts.Open++
			}
		}
		out = append(out, ts)
	}
	return out
}

// NewTimeline reads a timeline record on today. Milestones take their state
// (met, overdue, open) from today.
func NewTimeline(s *record.Set, r *record.Record, today dates.Date) *Timeline {
	return NewTimelineServed(s, r, today, ServedBy(s))
}

// ServedBy are the IDs of the items that serve each milestone, by the
// milestone's lower-cased ID: what NewTimelineServed needs, worked out once
// for every timeline of a set.
func ServedBy(s *record.Set) map[string][]string {
	out := map[string][]string{}
	for _, r := range s.Records {
		for _, it := range r.Items {
			if it.Milestone != "" {
				k := strings.ToLower(it.Milestone)
				out[k] = append(out[k], it.ID)
			}
		}
	}
	return out
}

// NewTimelineServed is NewTimeline with ServedBy(s) given, for a caller
// reading every timeline (the site): walking every item for each was most
// of the time the site's timeline pages took. servedBy is only read.
func NewTimelineServed(s *record.Set, r *record.Record, today dates.Date, servedBy map[string][]string) *Timeline {
	c := &calc{set: s, status: today, overdueOn: today, servedBy: servedBy}
	t := &Timeline{Provenance: NewProvenance(nil), ID: r.ID, Title: r.Title, Body: c.name(r.Body), Meeting: r.Meeting, Start: r.Start, End: r.End,
		Today: today, Sections: []Section{}, Items: []TimelineItem{}, Link: recordLink(r)}
	extend := func(from, to time.Time) {
		if t.From.IsZero() || from.Before(t.From) {
			t.From = from
		}
		if to.After(t.To) {
			t.To = to
		}
	}
	if !r.Start.IsTBD() {
		extend(r.Start.Start, r.Start.Start)
	}
	if !r.End.IsTBD() {
		extend(r.End.End, r.End.End)
	}
	section := map[string]int{}
	for _, it := range r.Items {
		if it.Kind != record.KindMilestone {
			continue
		}
		ti := TimelineItem{Line: c.line(it), Objective: it.Objective, Tasks: it.Tasks, Responsible: it.Responsible,
			Note: it.Note, DependsOn: it.DependsOn}
		// A timeline is read on today, as a list is: a milestone past its due
		// date is overdue there too. "Slipped" belongs to a report on a
		// period that is over.
		if ti.State == StateSlipped {
			ti.State = StateOverdue
		}
		if !it.Due.IsTBD() {
			ti.Dated = true
			ti.From, ti.To = it.Due.Start, it.Due.End
			if !it.Start.IsTBD() && it.Start.Start.Before(ti.From) {
				ti.From = it.Start.Start
			}
			ti.Point = ti.From.Equal(ti.To)
			extend(ti.From, ti.To)
		}
		for i, cp := range it.Checkpoints {
			p := Checkpoint{ID: it.ID + "-checkpoint-" + strconv.Itoa(i+1), Label: cp.Label, Date: cp.Date}
			if !cp.Date.IsTBD() {
				p.From, p.To, p.Point = cp.Date.Start, cp.Date.End, cp.Date.Start.Equal(cp.Date.End)
				extend(p.From, p.To)
			}
			ti.Checkpoints = append(ti.Checkpoints, p)
		}
		parent := ""
		if it.Parent != "" && s.Item(it.Parent) != nil && s.Item(it.Parent).Record == r {
			parent = strings.ToLower(it.Parent)
			ti.Depth = 1
		}
		t.Items = append(t.Items, ti)
		key := parent
		if key == "" {
			key = strings.ToLower(it.ID)
		}
		i, ok := section[key]
		if !ok {
			i = len(t.Sections)
			section[key] = i
			head := it
			if parent != "" {
				head = s.Item(parent)
			}
			t.Sections = append(t.Sections, Section{ID: head.ID, Title: head.Title})
		}
		t.Sections[i].Items = append(t.Sections[i].Items, ti)
	}
	// Today widens the chart only when it is near the timeline: a line for
	// today years after a finished process would squash every bar.
	if !today.IsTBD() && !t.From.IsZero() &&
		today.Start.After(t.From.AddDate(0, -6, 0)) && today.Start.Before(t.To.AddDate(0, 6, 0)) {
		extend(today.Start, today.Start)
	}
	return t
}

// dayText is a drawn day as JSON shows it: "2024-03-01", or "" when not set.
func dayText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// MarshalJSON writes From and To as days, not instants.
func (t Timeline) MarshalJSON() ([]byte, error) {
	type plain Timeline
	return json.Marshal(struct {
		plain
		From string `json:"from,omitempty"`
		To   string `json:"to,omitempty"`
	}{plain(t), dayText(t.From), dayText(t.To)})
}

// MarshalJSON writes From and To as days, not instants.
func (it TimelineItem) MarshalJSON() ([]byte, error) {
	type plain TimelineItem
	return json.Marshal(struct {
		plain
		From string `json:"from,omitempty"`
		To   string `json:"to,omitempty"`
	}{plain(it), dayText(it.From), dayText(it.To)})
}

// MarshalJSON writes From and To as days, not instants.
func (c Checkpoint) MarshalJSON() ([]byte, error) {
	type plain Checkpoint
	return json.Marshal(struct {
		plain
		From string `json:"from,omitempty"`
		To   string `json:"to,omitempty"`
	}{plain(c), dayText(c.From), dayText(c.To)})
}

// MarshalJSON writes From and To as days, not instants.
func (e Entry) MarshalJSON() ([]byte, error) {
	type plain Entry
	return json.Marshal(struct {
		plain
		From string `json:"from,omitempty"`
		To   string `json:"to,omitempty"`
	}{plain(e), dayText(e.From), dayText(e.To)})
}
