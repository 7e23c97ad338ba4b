package record

import (
	"testing"

	"github.com/igf-records/igf/pkg/core/dates"
)

func TestMembershipTerm(t *testing.T) {
	day := dates.MustParse
	for _, c := range []struct {
		m    Membership
		day  string
		want Coverage
	}{
		// No dates say nothing of any day: not "always current".
		{Membership{Body: "LP"}, "2016-08-30", TermUnknown},
		{Membership{Body: "LP", From: "2022-08"}, "2023-12-18", TermCovers},
		{Membership{Body: "LP", From: "2022-08"}, "2022-07-31", TermOutside},
		// A partial from is certain only from its end.
		{Membership{Body: "LP", From: "2022-08"}, "2022-08-10", TermUnknown},
		{Membership{Body: "LP", From: "2022-08"}, "2022-08-31", TermCovers},
		{Membership{Body: "LP", From: "2020", To: "2021-06"}, "2021-06-15", TermUnknown},
		{Membership{Body: "LP", From: "2020", To: "2021-06"}, "2021-05-31", TermCovers},
		{Membership{Body: "LP", From: "2020", To: "2021-06"}, "2021-07-01", TermOutside},
		// Only a to: certain of nothing before it, sure of what is after.
		{Membership{Body: "LP", To: "2021"}, "2020-05-01", TermUnknown},
		{Membership{Body: "LP", To: "2021"}, "2022-01-01", TermOutside},
		// Seen on two days: a member on them and between them.
		{Membership{Body: "MAG", Seen: []string{"2016-08-30", "2016-09-13"}}, "2016-09-01", TermCovers},
		{Membership{Body: "MAG", Seen: []string{"2016-08-30", "2016-09-13"}}, "2016-09-13", TermCovers},
		{Membership{Body: "MAG", Seen: []string{"2016-08-30", "2016-09-13"}}, "2016-10-01", TermUnknown},
		{Membership{Body: "MAG", From: "2017", Seen: []string{"2016-09-13"}}, "2016-12-01", TermCovers},
		// A meeting whose day is not recorded: covered only whole.
		{Membership{Body: "LP", From: "2022-08"}, "2022", TermUnknown},
		{Membership{Body: "LP", From: "2022-08"}, "2023", TermCovers},
		{Membership{Body: "LP"}, "TBD", TermCovers},
	} {
		if got := c.m.Term(day(c.day)); got != c.want {
			t.Errorf("%+v on %s: got %v, want %v", c.m, c.day, got, c.want)
		}
	}
}

func TestMembershipSplitsKnownAndUnknown(t *testing.T) {
	s := NewSet([]*Record{{Path: "records/registry.md", Registry: &Registry{People: []*Person{
		{ID: "ann", Memberships: []Membership{{Body: "LP", From: "2020"}}},
		{ID: "bob", Memberships: []Membership{{Body: "LP"}}},
		{ID: "cy", Memberships: []Membership{{Body: "LP", To: "2019"}}},
		{ID: "dee", Memberships: []Membership{{Body: "LP", To: "2019"}, {Body: "LP", Seen: []string{"2023-12-18"}}}},
	}, Bodies: []*Body{{ID: "LP"}}}}})
	known, unknown := s.Membership("LP", dates.MustParse("2023-12-18"))
	ids := func(ps []*Person) (out []string) {
		for _, p := range ps {
			out = append(out, p.ID)
		}
		return out
	}
	if got := ids(known); len(got) != 2 || got[0] != "ann" || got[1] != "dee" {
		t.Errorf("known = %v, want ann and dee", got)
	}
	if got := ids(unknown); len(got) != 1 || got[0] != "bob" {
		t.Errorf("unknown = %v, want bob (cy's term ended)", got)
	}
}
