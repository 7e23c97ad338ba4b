package query

import (
	"slices"
	"sort"
	"strings"

	"github.com/igf-records/igf/pkg/core/record"
)

// Appearance is a meeting whose person fields name someone, and as what.
type Appearance struct {
	Meeting *record.Record
	Roles   []string // chair, attendees, regrets, ... in record.PeopleRoles order
}

// Attended reports whether the appearance is more than sending regrets.
func (a Appearance) Attended() bool {
	for _, r := range a.Roles {
		if r != "regrets" {
			return true
		}
	}
	return false
}

// Appearances lists the meetings whose person fields name ref (any of its
// spellings), oldest first.
func Appearances(s *record.Set, ref string) []Appearance {
	ref = s.Canonical(ref)
	var out []Appearance
	for _, r := range s.Records {
		if r.Type != record.TypeMeeting {
			continue
		}
		var roles []string
		for _, role := range record.PeopleRoles {
			if slices.ContainsFunc(r.People[role], func(n string) bool { return s.MayMean(n, ref) }) {
				roles = append(roles, role)
			}
		}
		if len(roles) > 0 {
			out = append(out, Appearance{Meeting: r, Roles: roles})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Meeting.Date.Before(out[j].Meeting.Date) })
	return out
}

// Member is one membership of a person in a body.
type Member struct {
	Person     *record.Person
	Membership record.Membership
}

// MembersOf lists every membership in body the registry records, current
// or past, in registry order.
func MembersOf(s *record.Set, body string) []Member {
	body = s.Canonical(body)
	var out []Member
	for _, p := range s.Registry.People {
		for _, m := range p.Memberships {
			if strings.EqualFold(s.Canonical(m.Body), body) {
				out = append(out, Member{Person: p, Membership: m})
			}
		}
	}
	return out
}

// MeetingsOf lists the meetings a body held, oldest first.
func MeetingsOf(s *record.Set, body string) []*record.Record {
	body = s.Canonical(body)
	var out []*record.Record
	for _, r := range s.Records {
		if r.Type == record.TypeMeeting && strings.EqualFold(s.Canonical(r.Body), body) {
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out
}
