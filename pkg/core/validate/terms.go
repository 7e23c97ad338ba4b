package validate

import (
	"fmt"
	"strings"

	"github.com/igf-records/igf/pkg/core/record"
)

// Rules of memberships and attendance.
const (
	RuleRoleOverlap     = "role-overlap"
	RuleExpectedPending = "expected-pending"
)

// singleHolderRoles are held by one person of a body at a time.
var singleHolderRoles = map[string]bool{"chair": true, "vice-chair": true}

func roleKey(role string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(role, "-", " "))), "-")
}

// singleHolders warns when two people hold a single-holder role (chair,
// vice-chair) of one body over terms known to overlap. Undated terms say
// nothing of when they ran, so they draw no warning.
func (c *checker) singleHolders(r *record.Record) {
	type term struct {
		p *record.Person
		m record.Membership
	}
	held := map[string][]term{} // body + role -> terms
	var order []string
	for _, p := range r.Registry.People {
		for _, m := range p.Memberships {
			role := roleKey(m.Role)
			if !singleHolderRoles[role] {
				continue
			}
			k := strings.ToLower(c.s.Canonical(m.Body)) + "\x00" + role
			if held[k] == nil {
				order = append(order, k)
			}
			held[k] = append(held[k], term{p, m})
		}
	}
	for _, k := range order {
		ts := held[k]
		for i := 1; i < len(ts); i++ {
			for j := 0; j < i; j++ {
				a, b := ts[j], ts[i]
				if a.p == b.p || !overlap(a.m, b.m) {
					continue
				}
				c.out = append(c.out, record.Warn(r.Path, b.p.Pos, RuleRoleOverlap,
					fmt.Sprintf("%s and %s (line %d) are both %s of %s over overlapping terms (%s; %s)",
						b.p.ID, a.p.ID, a.p.Pos.Line, roleKey(b.m.Role), c.s.Canonical(b.m.Body), termText(b.m), termText(a.m)),
					"one person holds the role at a time: end the earlier term with to:, or correct the role"))
			}
		}
	}
}

// overlap reports whether two memberships are known to run at once.
func overlap(a, b record.Membership) bool {
	alo, ahi, aopen, aok := a.Known()
	blo, bhi, bopen, bok := b.Known()
	if !aok || !bok {
		return false
	}
	return (bopen || !alo.After(bhi)) && (aopen || !blo.After(ahi))
}

func termText(m record.Membership) string {
	var parts []string
	if m.From != "" {
		parts = append(parts, "from "+m.From)
	}
	if m.To != "" {
		parts = append(parts, "to "+m.To)
	}
	if len(m.Seen) > 0 {
		parts = append(parts, "seen "+strings.Join(m.Seen, ", "))
	}
	return strings.Join(parts, " ")
}

// expectedPending warns when a meeting whose attendance is being recorded
// still lists people only as expected: reports read attendees and regrets
// alone, so those people are counted nowhere.
func expectedPending(r *record.Record) []record.Finding {
	expected := r.People[record.ExpectedRole]
	if r.Type != record.TypeMeeting || len(expected) == 0 || len(r.People["attendees"])+len(r.People["regrets"]) == 0 {
		return nil
	}
	listed := map[string]bool{}
	for _, role := range record.PeopleRoles {
		for _, ref := range r.People[role] {
			listed[strings.ToLower(ref)] = true
		}
	}
	var pending []string
	for _, ref := range expected {
		if !listed[strings.ToLower(ref)] {
			pending = append(pending, ref)
		}
	}
	if len(pending) == 0 {
		return nil
	}
	return []record.Finding{record.Warn(r.Path, r.FieldAt("/"+record.ExpectedRole), RuleExpectedPending,
		fmt.Sprintf("attendance is recorded, but %s %s still only expected: reports count no one from expected:", strings.Join(pending, ", "), plural(len(pending), "is", "are")),
		"move each name to attendees or regrets, then delete expected:")}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
