// Package report computes what a periodic report to the Secretary-General
// says — meetings held, decisions taken, actions opened, completed and still
// open, timeline milestones met or slipped, recommendations — from a record
// set, a period and the day taken as today. It is pure: rendering lives in
// pkg/render, files and flags in the commands.
package report

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/record"
)

// States an item can be in when the report reads it.
const (
	StateOpen        = "open"         // not done, not yet due
	StateOverdue     = "overdue"      // not done, its whole due span has passed
	StateDone        = "done"         // done, with a done date on or before the status day
	StateDoneUndated = "done-undated" // done, but the records do not say when
	StateMet         = "met"          // milestone done by its due date (or done, date unknown)
	StateMetLate     = "met-late"     // milestone done after its due date
	StateSlipped     = "slipped"      // milestone not done by its due date, in a report on a period that is over
	StateCancelled   = "cancelled"
)

// Name is a person or body as a report shows it, and as every JSON output
// names an owner: its registry ID (or the name as written) and the name a
// person reads.
type Name struct {
	Ref  string `json:"id"`
	Name string `json:"name"`
	// Unexpanded marks initials the sources never expand; Name then says so.
	Unexpanded bool `json:"unexpanded,omitempty"`
	Known      bool `json:"known"` // in the registry
	// Ambiguous lists the registry entries a name they share may mean.
	Ambiguous []string `json:"ambiguous,omitempty"`
}

// Link points at the line of a record file that backs a report line.
type Link struct {
	Path string `json:"path"` // slash path from the repository top
	Line int    `json:"line"`
}

// Line is one action, recommendation, milestone or decision in a report.
type Line struct {
	ID       string     `json:"id"`
	Kind     string     `json:"kind"`
	Title    string     `json:"title"`
	Owners   []Name     `json:"owners"`
	OwnerIDs []string   `json:"owner_ids"` // the owners' IDs, for scripts
	Due      dates.Date `json:"due"`
	Start    dates.Date `json:"start,omitzero"`
	Status   string     `json:"status,omitempty"` // as recorded: open, done, cancelled
	State    string     `json:"state,omitempty"`  // read on the status day: see the State constants
	Opened   dates.Date `json:"opened,omitzero"`  // the date of the meeting that opened it
	// OpenedDayUnknown says that meeting's day is not recorded: its age
	// cannot be counted in days.
	OpenedDayUnknown bool       `json:"opened_day_unknown,omitempty"`
	AgeDays          int        `json:"age_days,omitempty"`
	DoneDate         dates.Date `json:"done_date,omitzero"`
	// Closed is, for an item marked done without a done date, the commit
	// that marked it so (from history): the report dates it by that commit.
	Closed      *Closing `json:"closed,omitempty"`
	Record      string   `json:"record"`
	RecordTitle string   `json:"record_title"`
	Body        string   `json:"body,omitempty"`
	Parent      string   `json:"parent,omitempty"`
	Milestone   string   `json:"milestone,omitempty"` // action: the milestone it serves
	ServedBy    []string `json:"served_by,omitempty"` // milestone: actions that serve it
	Link        Link     `json:"link"`

	// action is the item of a line of a report's Actions: see Action.
	action *record.Item
}

// Action is the item a line of a report's Actions lists is the line of
// (nil for any other line). Such lines of reports on one set, made with
// the same Options, are equal when their Action and State are: what is
// made of one (its JSON) serves for all. An open action is in three lists
// of a report, and in the report of every quarter it stays open.
func (l *Line) Action() *record.Item { return l.action }

// Overdue reports whether the line was overdue on the status day.
func (l Line) Overdue() bool { return l.State == StateOverdue || l.State == StateSlipped }

// Meeting is a meeting held in the period, with its attendance.
type Meeting struct {
	ID       string     `json:"id"`
	Title    string     `json:"title"`
	Body     Name       `json:"body"`
	Date     dates.Date `json:"date"`
	Time     string     `json:"time,omitempty"`
	Format   string     `json:"format,omitempty"`
	Location string     `json:"location,omitempty"`
	Chair    []Name     `json:"chair"`
	// Members are the people the registry knows to be members of the body
	// on the meeting's day (a dated term, from/to or a day seen, covers it),
	// and members of an undated term whom the record lists present or
	// excused, who are thereby seen in the role.
	Members []Name `json:"members"`
	// TermUnknown are members of the body whose term the registry does not
	// date well enough to tell whether it covers the day, and whom the
	// record lists neither present nor excused: not expected, not absent.
	TermUnknown []Name `json:"term_unknown"`
	// ExpectedKnown is false when no dated membership of the body covers
	// the day: who was expected is unknown, and no one is absent.
	ExpectedKnown bool `json:"expected_known"`
	// Present and Regrets are members (known, or of an undated term);
	// Absent are known members the record lists neither as present nor as
	// excused; Others attended without being members.
	Present []Name `json:"present"`
	Regrets []Name `json:"regrets"`
	Absent  []Name `json:"absent"`
	Others  []Name `json:"others"`
	// OtherRegrets sent regrets but are not members of the body in the registry.
	OtherRegrets []Name `json:"other_regrets"`
	Attendees    int    `json:"attendees"` // everyone the record lists as attending
	// AttendanceRecorded is false when the record lists no attendees at all.
	AttendanceRecorded bool `json:"attendance_recorded"`
	// DayUnknown marks a meeting whose day is not recorded; WithinPeriod
	// says its whole span lies in the report's period (it was held then).
	DayUnknown      bool `json:"day_unknown,omitempty"`
	WithinPeriod    bool `json:"within_period,omitempty"`
	Decisions       int  `json:"decisions"`
	Actions         int  `json:"actions"`
	Recommendations int  `json:"recommendations"`
	Link            Link `json:"link"`
}

// Announced is a meeting a record announces for the period that no record
// yet reports (the next_meeting of an earlier meeting).
type Announced struct {
	Body     Name       `json:"body"`
	Date     dates.Date `json:"date"`
	Location string     `json:"location,omitempty"`
	Note     string     `json:"note,omitempty"`
	From     string     `json:"announced_in"`
	Link     Link       `json:"link"`
}

// OwnerActions are one owner's actions in the report. An action with
// co-owners is listed under each of them.
type OwnerActions struct {
	Owner     Name   `json:"owner"`
	Opened    int    `json:"opened"`
	Completed int    `json:"completed"`
	Open      int    `json:"open"`
	Overdue   int    `json:"overdue"`
	Lines     []Line `json:"actions"`
}

// Actions summarises the action items of the period.
type Actions struct {
	Opened    []Line `json:"opened"`    // opened at a meeting held in the period
	Completed []Line `json:"completed"` // done, with a done date in the period
	// DoneUndated are done, but the records do not say when: they may or may
	// not have been completed in the period.
	DoneUndated []Line         `json:"done_undated"`
	Open        []Line         `json:"open"`    // still open on the status day (overdue ones too)
	Overdue     []Line         `json:"overdue"` // the open ones whose due date had passed
	ByOwner     []OwnerActions `json:"by_owner"`
}

// Milestones are the timeline milestones due in a span.
type Milestones struct {
	Met int `json:"met"`
	// Slipped counts those not met by their due date in a period that is
	// over; Overdue those past their due date in one that is not.
	Slipped int    `json:"slipped"`
	Overdue int    `json:"overdue"`
	Open    int    `json:"open"`
	Lines   []Line `json:"milestones"`
}

// AddresseeCount is the status of the recommendations addressed to one body.
type AddresseeCount struct {
	Addressee Name `json:"addressee"`
	Total     int  `json:"total"`
	Open      int  `json:"open"`
	Done      int  `json:"done"`
	Cancelled int  `json:"cancelled"`
}

// Recommendations are the status, on the status day, of every recommendation
// made up to then.
type Recommendations struct {
	Made        []Line           `json:"made"`      // made at a meeting held in the period
	Completed   []Line           `json:"completed"` // done, with a done date in the period
	Total       int              `json:"total"`
	Open        int              `json:"open"`
	Done        int              `json:"done"`
	Cancelled   int              `json:"cancelled"`
	ByAddressee []AddresseeCount `json:"by_addressee"`
}

// Report is everything a periodic report says.
type Report struct {
	Provenance
	Period     dates.Date `json:"period"`
	PeriodText string     `json:"period_text"`
	Today      dates.Date `json:"today"`
	// StatusDay is the day open, done and overdue are read on: the period's
	// last day, or today when the period is not over.
	StatusDay dates.Date `json:"status_day"`
	// Closed is true when the period is over on Today.
	Closed   bool       `json:"closed"`
	Next     dates.Date `json:"next"`
	NextText string     `json:"next_text"`
	Meetings []Meeting  `json:"meetings"`
	// Uncertain are the meetings whose day is not recorded (a date coarser
	// than a day, or a range of more than a week) and whose span overlaps
	// the period: counted apart, never as held on their span's first day.
	Uncertain       []Meeting       `json:"uncertain_meetings"`
	Announced       []Announced     `json:"announced"`
	Decisions       []Line          `json:"decisions"`
	Actions         Actions         `json:"actions"`
	Milestones      Milestones      `json:"milestones"`
	NextMilestones  Milestones      `json:"next_milestones"`
	NextActions     []Line          `json:"next_actions"` // open actions due in the next period
	Recommendations Recommendations `json:"recommendations"`
}

// Options are what a report knows besides the records.
type Options struct {
	// Closed tells, for an item marked done without a done date, the commit
	// that marked it done, from the repository's history; nil (or false)
	// when there is none.
	Closed func(id string) (Closing, bool)
}

// Closing is the commit that marked an item done.
type Closing struct {
	Commit string     `json:"commit"` // short hash
	Date   dates.Date `json:"date"`   // the day it was made (UTC)
	// Added says the item was added already done in that commit: it was
	// done on or before Date, but the records do not say when.
	Added bool `json:"added_done,omitempty"`
}

// calc carries what every part of the computation shares.
type calc struct {
	set    *record.Set
	period dates.Date
	today  dates.Date
	// status is the last day whose events count; overdueOn is the day
	// overdue is judged on (the day after a closed period: an item due on
	// its last day has slipped once the period is over).
	status, overdueOn dates.Date
	servedBy          map[string][]string
	closed            func(id string) (Closing, bool)
	// over is set for a report on a period that is over: only there is a
	// milestone not met by its due date "slipped"; anywhere else it is
	// "overdue", as in lists.
	over bool
	// named holds NameOf for each ref this calc has named: a report names
	// an owner on each of their lines, and NameOf's lookups in the
	// registry were a fifth of a large report's time.
	named map[string]Name
}

// New computes the report for period as known on today, from the records
// alone.
func New(s *record.Set, period, today dates.Date) (*Report, error) {
	return NewFrom(s, period, today, Options{})
}

// NewFrom is New with what the report knows besides the records: an item
// marked done without a done date is dated by the commit that marked it.
func NewFrom(s *record.Set, period, today dates.Date, opt Options) (*Report, error) {
	if period.IsTBD() {
		return nil, fmt.Errorf("a report needs a period, not TBD")
	}
	if today.IsTBD() {
		return nil, fmt.Errorf("a report needs today's date")
	}
	c := &calc{set: s, period: period, today: today, servedBy: map[string][]string{}, closed: opt.Closed}
	r := &Report{Provenance: NewProvenance(nil), Period: period, PeriodText: period.Human(), Today: today}
	if today.Start.After(period.End) {
		r.Closed = true
		c.over = true
		c.status = dates.OfTime(period.End)
		c.overdueOn = dates.OfTime(period.End.AddDate(0, 0, 1))
	} else {
		c.status, c.overdueOn = today, today
	}
	r.StatusDay = c.status
	r.Next = NextPeriod(period)
	r.NextText = r.Next.Human()
	for _, it := range s.Items() {
		if it.Milestone != "" {
			k := strings.ToLower(it.Milestone)
			c.servedBy[k] = append(c.servedBy[k], it.ID)
		}
	}
	r.Meetings, r.Uncertain, r.Announced = c.meetings()
	r.Decisions = c.decisions()
	r.Actions = c.actions()
	r.Milestones = c.milestones(period)
	r.NextMilestones = c.milestones(r.Next)
	r.NextActions = c.nextActions(r.Next)
	r.Recommendations = c.recommendations()
	return r, nil
}

// NextPeriod is the period after p: the next month, quarter, half or year,
// or for any other span the span of the same length that follows it.
func NextPeriod(p dates.Date) dates.Date {
	next := p.End.AddDate(0, 0, 1)
	var text string
	switch p.Precision {
	case dates.Month:
		text = next.Format("2006-01")
	case dates.Quarter:
		text = fmt.Sprintf("%d-Q%d", next.Year(), (int(next.Month())+2)/3)
	case dates.Half:
		text = fmt.Sprintf("%d-H%d", next.Year(), (int(next.Month())+5)/6)
	case dates.Year:
		text = next.Format("2006")
	default:
		days := int(p.End.Sub(p.Start).Hours()/24) + 1
		text = next.Format("2006-01-02") + "/" + next.AddDate(0, 0, days-1).Format("2006-01-02")
	}
	d, err := dates.Parse(text)
	if err != nil {
		return p // cannot happen for dates the parser produced
	}
	return d
}

// startsIn reports whether d starts inside span: a date belongs to the period
// it starts in, so a meeting across two quarters is reported once.
func startsIn(d, span dates.Date) bool {
	return !d.IsTBD() && !d.Start.Before(span.Start) && !d.Start.After(span.End)
}

// endsIn reports whether d's end falls inside span: an item is due in the
// period in which its whole due span runs out.
func endsIn(d, span dates.Date) bool {
	return !d.IsTBD() && !d.End.Before(span.Start) && !d.End.After(span.End)
}

func (c *calc) name(ref string) Name {
	if n, ok := c.named[ref]; ok {
		return n
	}
	n := NameOf(c.set, ref)
	if c.named == nil {
		c.named = map[string]Name{}
	}
	c.named[ref] = n
	return n
}

// NameOf names ref as the registry knows it: canonical ID, display name,
// whether the registry has it, and whether the sources never expand it.
func NameOf(s *record.Set, ref string) Name {
	n := Name{Ref: s.Canonical(ref), Name: s.DisplayName(ref)}
	if p := s.Person(n.Ref); p != nil {
		n.Known = true
		n.Unexpanded = p.Unexpanded() && p.Name == ""
	} else if s.Body(n.Ref) != nil {
		n.Known = true
	}
	if c := s.Candidates(ref); len(c) > 1 {
		n.Ambiguous, n.Known = c, true
		n.Name = ref + " (ambiguous: " + strings.Join(c, " or ") + ")"
	}
	if strings.EqualFold(ref, record.TBD) {
		n.Ref = record.TBD
	}
	return n
}

// ownerIDs are the canonical IDs of refs, never nil.
func ownerIDs(s *record.Set, refs []string) []string {
	out := make([]string, 0, len(refs))
	for _, r := range refs {
		out = append(out, NameOf(s, r).Ref)
	}
	return out
}

func (c *calc) names(refs []string) []Name {
	out := []Name{}
	for _, r := range refs {
		out = append(out, c.name(r))
	}
	return out
}

func linkOf(it *record.Item) Link { return Link{Path: it.Record.Path, Line: it.Pos.Line} }

func recordLink(r *record.Record) Link {
	p := r.FieldAt("/id")
	return Link{Path: r.Path, Line: max(p.Line, 1)}
}

func (c *calc) meetings() ([]Meeting, []Meeting, []Announced) {
	var out []Meeting
	uncertain := []Meeting{}
	var announced []Announced
	for _, r := range c.set.Records {
		if r.Type != record.TypeMeeting {
			continue
		}
		if r.NextMeeting != nil && startsIn(r.NextMeeting.Date, c.period) {
			announced = append(announced, Announced{Body: c.name(r.Body), Date: r.NextMeeting.Date,
				Location: r.NextMeeting.Location, Note: r.NextMeeting.Note, From: r.ID,
				Link: Link{Path: r.Path, Line: max(r.NextMeeting.Pos.Line, 1)}})
		}
		if UncertainDate(r.Date) {
			// Never held on the first day of its span: listed apart in every
			// period the span overlaps.
			if r.Date.Overlaps(c.period) {
				m := c.meeting(r)
				m.DayUnknown, m.WithinPeriod = true, r.Date.Within(c.period)
				uncertain = append(uncertain, m)
			}
			continue
		}
		if !startsIn(r.Date, c.period) {
			continue
		}
		out = append(out, c.meeting(r))
	}
	// An announcement whose meeting has its own record is that record's to tell.
	kept := announced[:0]
	for _, a := range announced {
		if nm := c.set.Record(a.From).NextMeeting; nm.ID != "" && c.set.Record(nm.ID) != nil {
			continue
		}
		kept = append(kept, a)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].Date.Before(kept[j].Date) })
	sort.SliceStable(uncertain, func(i, j int) bool { return uncertain[i].Date.Before(uncertain[j].Date) })
	return out, uncertain, kept
}

// heldIn reports whether a meeting (or decision) dated d happened in span:
// its date starts in it, or, when its day is not recorded, its whole span
// lies in it.
func heldIn(d, span dates.Date) bool {
	if UncertainDate(d) {
		return d.Within(span)
	}
	return startsIn(d, span)
}

func (c *calc) meeting(r *record.Record) Meeting {
	m := Meeting{ID: r.ID, Title: r.Title, Body: c.name(r.Body), Date: r.Date, Time: r.TimeText,
		Format: r.Format, Location: r.Location, Chair: c.names(r.People["chair"]),
		Members: []Name{}, TermUnknown: []Name{}, Present: []Name{}, Regrets: []Name{}, Absent: []Name{}, Others: []Name{}, OtherRegrets: []Name{},
		Link: recordLink(r)}
	// Anyone the record lists in a role other than regrets was there: an
	// advisor standing in for a member counts as that member's presence.
	attendees, listed := map[string]bool{}, map[string]bool{}
	for _, role := range record.PeopleRoles {
		if role == "regrets" {
			continue
		}
		for _, ref := range r.People[role] {
			attendees[strings.ToLower(c.set.Canonical(ref))] = true
			if role == "attendees" || role == "chair" {
				listed[strings.ToLower(c.set.Canonical(ref))] = true
			}
		}
	}
	m.Attendees = len(listed)
	m.AttendanceRecorded = len(r.People["attendees"]) > 0
	regrets := map[string]bool{}
	for _, ref := range r.People["regrets"] {
		regrets[strings.ToLower(c.set.Canonical(ref))] = true
	}
	// Only a term known to cover the day makes a member expected; one the
	// registry does not date says nothing of the day.
	isMember := map[string]bool{}
	known, unknown := c.set.Membership(r.Body, c.meetingDay(r))
	// A member of an undated term whom the record lists present or excused
	// is seen in the role that day, so counts; one it does not list is
	// neither expected nor absent.
	term := map[*record.Person]record.Coverage{}
	for _, p := range known {
		term[p] = record.TermCovers
	}
	for _, p := range unknown {
		term[p] = record.TermUnknown
	}
	for _, p := range c.set.Registry.People { // in the registry's order
		t, ok := term[p]
		if !ok || !votingRole(p, c.set, r.Body) {
			continue
		}
		dated := t == record.TermCovers
		n := c.name(p.ID)
		k := strings.ToLower(p.ID)
		isMember[k] = true
		switch {
		case attendees[k]:
			m.Present = append(m.Present, n)
		case regrets[k]:
			m.Regrets = append(m.Regrets, n)
		case !dated:
			m.TermUnknown = append(m.TermUnknown, n)
			continue
		case m.AttendanceRecorded:
			m.Absent = append(m.Absent, n)
		}
		m.Members = append(m.Members, n)
		m.ExpectedKnown = m.ExpectedKnown || dated
	}
	for _, role := range []string{"chair", "attendees"} {
		for _, ref := range r.People[role] {
			if k := strings.ToLower(c.set.Canonical(ref)); !isMember[k] && !containsName(m.Others, k) {
				m.Others = append(m.Others, c.name(ref))
			}
		}
	}
	for _, ref := range r.People["regrets"] {
		if k := strings.ToLower(c.set.Canonical(ref)); !isMember[k] && !containsName(m.OtherRegrets, k) {
			m.OtherRegrets = append(m.OtherRegrets, c.name(ref))
		}
	}
	for _, it := range r.Items {
		switch it.Kind {
		case record.KindDecision:
			m.Decisions++
		case record.KindAction:
			m.Actions++
		case record.KindRecommendation:
			m.Recommendations++
		}
	}
	return m
}

// UncertainDate reports whether a meeting's date is too coarse to place it
// on a day: coarser than a day (a month, a quarter, "early 2020"), or a
// range longer than a week.
func UncertainDate(d dates.Date) bool {
	switch d.Precision {
	case dates.TBD, dates.Day:
		return false
	case dates.Range:
		return d.End.Sub(d.Start) >= 7*24*time.Hour
	}
	return true
}

// meetingDay is the day a meeting's attendance is judged on: its first day,
// or its whole span when the day is not recorded (a term must then cover
// all of it).
func (c *calc) meetingDay(r *record.Record) dates.Date {
	if UncertainDate(r.Date) {
		return r.Date
	}
	return dates.OfTime(r.Date.Start)
}

// votingRole leaves out advisors and support staff that the registry lists
// under a body: a body's membership is its members and officers.
func votingRole(p *record.Person, s *record.Set, body string) bool {
	for _, m := range p.Memberships {
		if !strings.EqualFold(s.Canonical(m.Body), s.Canonical(body)) {
			continue
		}
		if !strings.Contains(strings.ToLower(m.Role), "advisor") && !strings.Contains(strings.ToLower(m.Role), "support") {
			return true
		}
	}
	return false
}

func containsName(ns []Name, ref string) bool {
	for _, n := range ns {
		if strings.EqualFold(n.Ref, ref) {
			return true
		}
	}
	return false
}

func (c *calc) line(it *record.Item) Line {
	owners := c.names(it.Owners)
	ids := make([]string, len(owners))
	for i, n := range owners {
		ids[i] = n.Ref
	}
	l := Line{ID: it.ID, Kind: it.Kind, Title: it.Title, Owners: owners, OwnerIDs: ids, Due: it.Due,
		Start: it.Start, Status: it.Status, DoneDate: it.DoneDate, Record: it.Record.ID,
		RecordTitle: it.Record.Title, Body: it.Record.Body, Parent: it.Parent, Milestone: it.Milestone,
		ServedBy: c.servedBy[strings.ToLower(it.ID)], Link: linkOf(it), Closed: c.closing(it)}
	if it.Kind != record.KindMilestone && it.Record.Type == record.TypeMeeting {
		l.Opened = it.Record.Date
		l.OpenedDayUnknown = UncertainDate(it.Record.Date)
	}
	l.State = c.state(it)
	return l
}

// closing is the commit that marked a done item without a done date done,
// when history knows it.
func (c *calc) closing(it *record.Item) *Closing {
	if c.closed == nil || it.Status != record.StatusDone || !it.DoneDate.IsTBD() {
		return nil
	}
	if cl, ok := c.closed(it.ID); ok {
		return &cl
	}
	return nil
}

// doneBy reports whether the item was done by the end of day: yes, no, or
// unknown (done, but neither the records nor history say when). An item
// without a done date is dated by the commit that ticked it; one added
// already done is known done only when it was opened in the period and
// committed done by day.
func (c *calc) doneBy(it *record.Item, day dates.Date) (done, known bool) {
	if it.Status != record.StatusDone {
		return false, true
	}
	if !it.DoneDate.IsTBD() {
		return !it.DoneDate.Start.After(day.End), true
	}
	switch cl := c.closing(it); {
	case cl == nil:
		return true, false
	case !cl.Added:
		return !cl.Date.Start.After(day.End), true
	case !c.period.IsTBD() && heldIn(it.Record.Date, c.period) && !cl.Date.Start.After(day.End) && !cl.Date.Start.After(c.period.End):
		return true, true
	}
	return true, false
}

// completedIn reports whether the item was done within span, as far as the
// records and history tell.
func (c *calc) completedIn(it *record.Item, span dates.Date) bool {
	if it.Status != record.StatusDone {
		return false
	}
	if !it.DoneDate.IsTBD() {
		return heldIn(it.DoneDate, span)
	}
	switch cl := c.closing(it); {
	case cl == nil:
		return false
	case !cl.Added:
		return startsIn(cl.Date, span)
	default:
		// Added already done: done after its meeting and by the commit.
		return heldIn(it.Record.Date, span) && !cl.Date.Start.After(span.End)
	}
}

func (c *calc) state(it *record.Item) string {
	if it.Status == record.StatusCancelled {
		return StateCancelled
	}
	done, known := c.doneBy(it, c.status)
	doneDate := it.DoneDate
	if cl := c.closing(it); cl != nil && !cl.Added {
		doneDate = cl.Date
	}
	late := !it.Due.IsTBD() && !doneDate.IsTBD() && doneDate.Start.After(it.Due.End)
	switch {
	case it.Kind == record.KindMilestone && done && late:
		return StateMetLate
	case it.Kind == record.KindMilestone && done:
		return StateMet
	case done && known:
		return StateDone
	case done:
		return StateDoneUndated
	case it.Due.OverdueOn(c.overdueOn) && it.Kind == record.KindMilestone && c.over:
		return StateSlipped
	case it.Due.OverdueOn(c.overdueOn):
		return StateOverdue
	}
	return StateOpen
}

// openedBy reports whether an item existed on day: its meeting was held by then.
// Items of records without a date count as always there.
func openedBy(it *record.Item, day dates.Date) bool {
	d := it.Record.Date
	return d.IsTBD() || !d.Start.After(day.End)
}

func (c *calc) decisions() []Line {
	out := []Line{}
	for _, r := range c.set.Records {
		if !heldIn(r.Date, c.period) {
			continue
		}
		if r.Type == record.TypeDecision {
			out = append(out, Line{ID: r.ID, Kind: record.KindDecision, Title: r.Title, Owners: c.names([]string{r.Body}), OwnerIDs: ownerIDs(c.set, []string{r.Body}),
				Record: r.ID, RecordTitle: r.Title, Body: r.Body, Opened: r.Date, Link: recordLink(r)})
			continue
		}
		if r.Type != record.TypeMeeting {
			continue
		}
		for _, it := range r.Items {
			if it.Kind == record.KindDecision {
				l := c.line(it)
				l.State, l.Status = "", ""
				out = append(out, l)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Opened.Before(out[j].Opened) })
	return out
}

func (c *calc) actions() Actions {
	// Two passes: each line and the lists it goes in first, then every list
	// made at its size and filled. Appending grew the lists by copying (a
	// Line is some 300 bytes, and an open item is in three lists): 1.9 GB of
	// the site build's allocations at 10,000 records.
	type placed struct {
		l                          Line
		opened, completed, grouped bool
		owners                     []Name
	}
	var actions []*record.Item
	for _, it := range c.set.ItemsByDue() {
		if it.Kind == record.KindAction && it.Status != record.StatusCancelled && openedBy(it, c.status) {
			actions = append(actions, it)
		}
	}
	all := make([]placed, 0, len(actions)) // sized to the actions, not every item (35 MB a report at 10,000 records)
	var nOpened, nCompleted, nUndated, nOpen, nOverdue int
	perOwner := map[string]int{}
	groups := map[string]*OwnerActions{}
	// Items in due order: every list below then comes out in that order, as
	// sortByDue would leave it (a stable sort of a part of a list is that
	// part of the list stably sorted), and no list of lines is sorted.
	for _, it := range actions {
		p := placed{l: c.line(it), opened: heldIn(it.Record.Date, c.period), completed: c.completedIn(it, c.period)}
		p.l.action = it
		if p.opened {
			nOpened++
		}
		if p.completed {
			nCompleted++
		}
		st := p.l.State
		switch st {
		case StateDoneUndated:
			nUndated++
		case StateOpen:
			nOpen++
		case StateOverdue:
			nOpen++
			nOverdue++
		}
		if p.opened || p.completed || st == StateOpen || st == StateOverdue || (st == StateDoneUndated && p.opened) {
			p.grouped = true
			p.owners = p.l.Owners
			if len(p.owners) == 0 {
				p.owners = []Name{c.name(record.TBD)}
			}
			for _, o := range p.owners {
				k := strings.ToLower(o.Ref)
				if groups[k] == nil {
					groups[k] = &OwnerActions{Owner: o}
				}
				perOwner[k]++
			}
		}
		all = append(all, p)
	}
	a := Actions{Opened: make([]Line, 0, nOpened), Completed: make([]Line, 0, nCompleted),
		DoneUndated: make([]Line, 0, nUndated), Open: make([]Line, 0, nOpen), Overdue: make([]Line, 0, nOverdue)}
	for k, g := range groups {
		g.Lines = make([]Line, 0, perOwner[k])
	}
	for i := range all {
		p := &all[i]
		l := p.l
		if p.opened {
			a.Opened = append(a.Opened, l)
		}
		if p.completed {
			a.Completed = append(a.Completed, l)
		}
		switch l.State {
		case StateDoneUndated:
			a.DoneUndated = append(a.DoneUndated, l)
		case StateOpen:
			a.Open = append(a.Open, l)
		case StateOverdue:
			a.Open = append(a.Open, l)
			a.Overdue = append(a.Overdue, l)
		}
		if !p.grouped {
			continue
		}
		for _, o := range p.owners {
			g := groups[strings.ToLower(o.Ref)]
			g.Lines = append(g.Lines, l)
			if p.opened {
				g.Opened++
			}
			if p.completed {
				g.Completed++
			}
			switch l.State {
			case StateOpen:
				g.Open++
			case StateOverdue:
				g.Open++
				g.Overdue++
			}
		}
	}
	a.ByOwner = make([]OwnerActions, 0, len(groups))
	for _, g := range groups {
		a.ByOwner = append(a.ByOwner, *g)
	}
	sortOwners(a.ByOwner)
	return a
}

// sortOwners orders owners by name, with "to be determined" last. The
// groups come from a map, in no order: two owners of the same name (two
// people the registry spells alike) are ordered by their IDs, so a report
// reads the same on every run.
func sortOwners(gs []OwnerActions) {
	sort.SliceStable(gs, func(i, j int) bool {
		a, b := gs[i].Owner, gs[j].Owner
		if (a.Ref == record.TBD) != (b.Ref == record.TBD) {
			return b.Ref == record.TBD
		}
		if an, bn := strings.ToLower(a.Name), strings.ToLower(b.Name); an != bn {
			return an < bn
		}
		return a.Ref < b.Ref
	})
}

// sortByDue orders lines by due date, then by their place in the records.
// It sorts the lines' indexes and moves each line once: a Line is large,
// and moving lines in the sort was most of a quarterly report's time on a
// large repository.
func sortByDue(ls []Line) {
	order := make([]int, len(ls))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		if c := dates.Compare(ls[i].Due, ls[j].Due); c != 0 {
			return c
		}
		if c := strings.Compare(ls[i].Link.Path, ls[j].Link.Path); c != 0 {
			return c
		}
		return cmp.Compare(ls[i].Link.Line, ls[j].Link.Line)
	})
	sorted := make([]Line, len(ls))
	for i, j := range order {
		sorted[i] = ls[j]
	}
	copy(ls, sorted)
}

func (c *calc) milestones(span dates.Date) Milestones {
	m := Milestones{Lines: []Line{}}
	for _, it := range c.set.Items() {
		if it.Kind != record.KindMilestone || !endsIn(it.Due, span) {
			continue
		}
		l := c.line(it)
		switch l.State {
		case StateMet, StateMetLate:
			m.Met++
		case StateSlipped:
			m.Slipped++
		case StateOverdue:
			m.Overdue++
		case StateOpen:
			m.Open++
		}
		m.Lines = append(m.Lines, l)
	}
	sortByDue(m.Lines)
	return m
}

func (c *calc) nextActions(span dates.Date) []Line {
	out := []Line{}
	for _, it := range c.set.Items() {
		if it.Kind != record.KindAction || it.Status == record.StatusCancelled || !endsIn(it.Due, span) || !openedBy(it, c.status) {
			continue
		}
		if done, _ := c.doneBy(it, c.status); done {
			continue
		}
		out = append(out, c.line(it))
	}
	sortByDue(out)
	return out
}

func (c *calc) recommendations() Recommendations {
	rs := Recommendations{Made: []Line{}, Completed: []Line{}, ByAddressee: []AddresseeCount{}}
	counts := map[string]*AddresseeCount{}
	var order []string
	for _, it := range c.set.Items() {
		if it.Kind != record.KindRecommendation || !openedBy(it, c.status) {
			continue
		}
		l := c.line(it)
		rs.Total++
		if heldIn(it.Record.Date, c.period) {
			rs.Made = append(rs.Made, l)
		}
		if c.completedIn(it, c.period) {
			rs.Completed = append(rs.Completed, l)
		}
		bump := func(ac *AddresseeCount) {
			ac.Total++
			switch l.State {
			case StateCancelled:
				ac.Cancelled++
			case StateDone, StateDoneUndated:
				ac.Done++
			default:
				ac.Open++
			}
		}
		all := AddresseeCount{}
		bump(&all)
		rs.Open += all.Open
		rs.Done += all.Done
		rs.Cancelled += all.Cancelled
		for _, o := range l.Owners {
			k := strings.ToLower(o.Ref)
			if counts[k] == nil {
				counts[k] = &AddresseeCount{Addressee: o}
				order = append(order, k)
			}
			bump(counts[k])
		}
	}
	for _, k := range order {
		rs.ByAddressee = append(rs.ByAddressee, *counts[k])
	}
	sort.SliceStable(rs.ByAddressee, func(i, j int) bool {
		a, b := rs.ByAddressee[i], rs.ByAddressee[j]
		if a.Total != b.Total {
			return a.Total > b.Total
		}
		return strings.ToLower(a.Addressee.Name) < strings.ToLower(b.Addressee.Name)
	})
	return rs
}

// DaysBetween counts whole days from a to b.
func DaysBetween(a, b time.Time) int { return int(b.Sub(a).Hours() / 24) }
