package view

import (
	"fmt"
	"io"
	"strings"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/query"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/output"
)

// Profile is a person or a body of the registry with what the records say
// of them: memberships with their terms, meetings, and the items they own.
type Profile struct {
	ID         string   `json:"id"`
	Type       string   `json:"type"` // person or body
	Name       string   `json:"name"`
	Initials   string   `json:"initials,omitempty"`
	Aliases    []string `json:"aliases,omitempty"`
	Unexpanded bool     `json:"unexpanded,omitempty"` // the sources give only initials
	Kind       string   `json:"kind,omitempty"`       // a body's kind: panel, secretariat...
	Parent     string   `json:"parent,omitempty"`
	Note       string   `json:"note,omitempty"`
	// A person's memberships, or a body's members.
	Memberships []Membership `json:"memberships"`
	// The meetings a person is listed at (with the roles), or a body held.
	Meetings []MeetingRef `json:"meetings"`
	Open     []Item       `json:"open"`
	Done     []Item       `json:"done"`
	// Cancelled items are neither open nor done.
	Cancelled []Item `json:"cancelled"`
}

// Membership is a term of a person in a body, current or not on today.
type Membership struct {
	Body   Owner    `json:"body"`
	Person Owner    `json:"person"`
	Role   string   `json:"role,omitempty"`
	From   string   `json:"from,omitempty"`
	To     string   `json:"to,omitempty"`
	Seen   []string `json:"seen,omitempty"`
	// Current is true when the term is known to cover today; TermKnown is
	// false when the registry's dates cannot tell (no dates, or a partial
	// one around today).
	Current   bool `json:"current"`
	TermKnown bool `json:"term_known"`
}

// MeetingRef is a meeting in a profile.
type MeetingRef struct {
	ID    string     `json:"id"`
	Title string     `json:"title"`
	Date  dates.Date `json:"date"`
	Body  string     `json:"body,omitempty"`
	Roles []string   `json:"roles,omitempty"` // a person's: attendees, chair, regrets...
	Path  string     `json:"path"`
}

// NewProfile describes the registry entry ref resolves to; ok is false when
// it is neither a person nor a body.
func NewProfile(s *record.Set, ref string, today dates.Date) (Profile, bool) {
	id, known := s.Resolve(ref)
	if !known {
		return Profile{}, false
	}
	pr := Profile{ID: id, Memberships: []Membership{}, Meetings: []MeetingRef{}, Open: []Item{}, Done: []Item{}, Cancelled: []Item{}}
	if p := s.Person(id); p != nil {
		pr.Type, pr.Name, pr.Initials, pr.Aliases, pr.Note, pr.Unexpanded = "person", p.Display(), p.Initials, p.Aliases, p.Note, p.Unexpanded()
		for _, m := range p.Memberships {
			pr.Memberships = append(pr.Memberships, newMembership(s, p, m, today))
		}
		for _, a := range query.Appearances(s, id) {
			pr.Meetings = append(pr.Meetings, meetingRef(a.Meeting, a.Roles))
		}
	} else if b := s.Body(id); b != nil {
		pr.Type, pr.Name, pr.Aliases, pr.Kind, pr.Parent, pr.Note = "body", s.DisplayName(id), b.Aliases, b.Kind, b.Parent, b.Note
		for _, m := range query.MembersOf(s, id) {
			pr.Memberships = append(pr.Memberships, newMembership(s, m.Person, m.Membership, today))
		}
		for _, r := range query.MeetingsOf(s, id) {
			pr.Meetings = append(pr.Meetings, meetingRef(r, nil))
		}
	} else {
		return Profile{}, false
	}
	for _, it := range (query.Actions{Owners: []string{id}, Status: query.StatusAll, Today: today}).Run(s) {
		v := NewItem(s, it, today)
		switch it.Status {
		case record.StatusOpen:
			pr.Open = append(pr.Open, v)
		case record.StatusDone:
			pr.Done = append(pr.Done, v)
		default:
			pr.Cancelled = append(pr.Cancelled, v)
		}
	}
	return pr, true
}

func newMembership(s *record.Set, p *record.Person, m record.Membership, today dates.Date) Membership {
	return Membership{Body: NewOwner(s, m.Body), Person: NewOwner(s, p.ID), Role: m.Role, From: m.From, To: m.To,
		Seen: m.Seen, Current: m.Term(today) == record.TermCovers, TermKnown: m.Term(today) != record.TermUnknown}
}

func meetingRef(r *record.Record, roles []string) MeetingRef {
	return MeetingRef{ID: r.ID, Title: r.Title, Date: r.Date, Body: r.Body, Roles: roles, Path: r.Path}
}

// Term says when a membership runs, as a person reads it.
func (m Membership) Term() string {
	from, to := humanText(m.From), humanText(m.To)
	seen := ""
	if len(m.Seen) > 0 {
		days := make([]string, len(m.Seen))
		for i, s := range m.Seen {
			days[i] = humanText(s)
		}
		seen = "seen " + strings.Join(days, ", ")
	}
	switch {
	case from == "" && to == "" && seen != "":
		return seen
	case from == "" && to == "":
		return "no term recorded"
	case to == "":
		return "since " + from
	case from == "":
		return "until " + to
	}
	return from + " to " + to
}

func humanText(s string) string {
	if s == "" {
		return ""
	}
	if d, err := dates.Parse(s); err == nil {
		return HumanDate(d)
	}
	return s
}

// WriteProfile prints a profile for a person to read.
func WriteProfile(w io.Writer, p Profile) {
	fmt.Fprintf(w, "%s  %s\n", output.Visible(p.ID), output.Visible(p.Name))
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(w, "  %-12s %s\n", k+":", output.Visible(v))
		}
	}
	row("type", p.Type)
	row("kind", p.Kind)
	row("initials", p.Initials)
	row("aliases", strings.Join(p.Aliases, ", "))
	row("part of", p.Parent)
	row("note", p.Note)

	heading := "memberships"
	if p.Type == "body" {
		heading = "members"
	}
	fmt.Fprintf(w, "\n  %s (%d):\n", heading, len(p.Memberships))
	if len(p.Memberships) == 0 {
		fmt.Fprintln(w, "    none recorded")
	}
	for _, m := range p.Memberships {
		who := m.Body
		if p.Type == "body" {
			who = m.Person
		}
		state := "current"
		switch {
		case !m.TermKnown:
			state = "not known to be current"
		case !m.Current:
			state = "not current"
		}
		fmt.Fprintf(w, "    %-10s %-32s %-22s %s, %s\n", output.Visible(who.Ref), output.Visible(who.Name), output.Visible(orDash(m.Role)), output.Visible(m.Term()), state)
	}

	heading = "meetings attended"
	if p.Type == "body" {
		heading = "meetings held"
	}
	fmt.Fprintf(w, "\n  %s (%d):\n", heading, len(p.Meetings))
	if len(p.Meetings) == 0 {
		fmt.Fprintln(w, "    none recorded")
	}
	for _, m := range p.Meetings {
		roles := ""
		if len(m.Roles) > 0 {
			roles = "  (" + strings.Join(m.Roles, ", ") + ")"
		}
		fmt.Fprintf(w, "    %-28s %-20s %s%s\n", output.Visible(m.ID), HumanDate(m.Date), output.Visible(m.Title), roles)
	}
	items := func(title string, list []Item) {
		fmt.Fprintf(w, "\n  %s (%d):\n", title, len(list))
		if len(list) == 0 {
			fmt.Fprintln(w, "    none")
		}
		for _, it := range list {
			status := it.Status
			if it.Overdue {
				status = "overdue"
			}
			fmt.Fprintf(w, "    %-22s %-9s %-22s %-16s %s\n", output.Visible(it.ID), status, output.Visible(orDash(it.Due.String())), output.Visible(ownerIDs(it.OwnerIDs)), output.Visible(it.Title))
		}
	}
	items("open items", p.Open)
	items("done items", p.Done)
	if len(p.Cancelled) > 0 {
		items("cancelled items", p.Cancelled)
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func ownerIDs(owners []string) string {
	if len(owners) == 0 {
		return "-"
	}
	return strings.Join(owners, ",")
}
