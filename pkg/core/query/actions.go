// Package query answers the questions people ask of records: whose actions are
// open, what is overdue, what a body decided. Pure functions over a record.Set.
package query

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/record"
)

// Statuses a filter accepts.
const (
	StatusOpen = "open"
	StatusDone = "done"
	StatusAll  = "all"
)

// Actions filters trackable items: actions, recommendations and milestones.
type Actions struct {
	Owners    []string   // any of these owners (IDs, initials or aliases; whole names only)
	ViaBodies bool       // also items owned by a body an owner is a member of
	Status    string     // open (default), done or all
	DueBefore dates.Date // due starts before this date starts
	DueAfter  dates.Date // due starts after this date ends
	Overdue   bool       // open and due's end before Today
	Today     dates.Date
	Bodies    []string // the record's body
	Records   []string // record IDs
	Kinds     []string // action, recommendation, milestone; empty = all three
	Tags      []string // any of these tags of the item's record
}

// Validate says what is wrong with a filter before it runs.
func (q Actions) Validate() error {
	switch q.Status {
	case "", StatusOpen, StatusDone, StatusAll:
	default:
		return fmt.Errorf("--status %q: use open, done or all", q.Status)
	}
	for _, k := range q.Kinds {
		switch k {
		case record.KindAction, record.KindRecommendation, record.KindMilestone:
		default:
			return fmt.Errorf("--kind %q: use action, recommendation or milestone", k)
		}
	}
	return nil
}

// Run returns matching items sorted by due date (TBD last), then by place.
func (q Actions) Run(s *record.Set) []*record.Item {
	match := q.Matcher(s)
	var out []*record.Item
	for _, r := range s.Records {
		for _, it := range r.Items {
			if match(it) {
				out = append(out, it)
			}
		}
	}
	SortByDue(out)
	return out
}

// ownerRefs are the canonical refs an item's owner must resolve to.
func (q Actions) ownerRefs(s *record.Set) []string {
	owners := canonical(s, q.Owners)
	if q.ViaBodies {
		owners = withBodies(s, owners)
	}
	return owners
}

// OwnerSpellings lists, lower-cased and trimmed, every way an item's owner
// can be written for the item to pass the owner filter, given the registry
// in s: each registry name that resolves to one of the wanted refs, and
// the refs themselves as written (how an owner the registry does not know
// matches). A file whose items name none of these holds no match, so a
// loader may skip it. ok is false when no such list can be given: no owner
// filter, or a ref outside ASCII, which case folding matches in more ways
// than lower-casing shows.
func (q Actions) OwnerSpellings(s *record.Set) (spellings map[string]bool, ok bool) {
	refs := q.ownerRefs(s)
	if len(refs) == 0 {
		return nil, false
	}
	spellings = map[string]bool{}
	for _, ref := range refs {
		for _, c := range ref {
			if c >= 0x80 {
				return nil, false
			}
		}
		spellings[strings.ToLower(strings.TrimSpace(ref))] = true
	}
	// Every registry name that may mean a wanted ref, an ambiguous one too.
	add := func(names ...string) {
		for _, n := range names {
			for _, ref := range s.Candidates(n) {
				if containsFold(refs, ref) {
					spellings[strings.ToLower(strings.TrimSpace(n))] = true
				}
			}
		}
	}
	for _, p := range s.Registry.People {
		add(p.ID, p.Initials, p.Name)
		add(p.Aliases...)
	}
	for _, b := range s.Registry.Bodies {
		add(b.ID, b.Name)
		add(b.Aliases...)
	}
	return spellings, true
}

func (q Actions) match(s *record.Set, it *record.Item, owners []string) bool {
	if !it.Trackable() {
		return false
	}
	if len(q.Kinds) > 0 && !slices.Contains(q.Kinds, it.Kind) {
		return false
	}
	switch q.Status {
	case "", StatusOpen:
		if it.Status != record.StatusOpen {
			return false
		}
	case StatusDone:
		if it.Status != record.StatusDone {
			return false
		}
	}
	if len(owners) > 0 && !OwnedByAny(s, it, owners) {
		return false
	}
	if !q.DueBefore.IsTBD() && (it.Due.IsTBD() || !it.Due.Start.Before(q.DueBefore.Start)) {
		return false
	}
	if !q.DueAfter.IsTBD() && (it.Due.IsTBD() || !it.Due.Start.After(q.DueAfter.End)) {
		return false
	}
	if q.Overdue && !IsOverdue(it, q.Today) {
		return false
	}
	return true
}

// IsOverdue reports whether an open item's whole due span has passed.
func IsOverdue(it *record.Item, today dates.Date) bool {
	return it.Status == record.StatusOpen && it.Due.OverdueOn(today)
}

// OwnedByAny reports whether one of the item's owners is one of refs
// (canonical registry IDs, or names as written when unknown). An owner
// written as a name registry entries share may be any of them, so it
// matches each.
func OwnedByAny(s *record.Set, it *record.Item, refs []string) bool {
	for _, o := range it.Owners {
		for _, ref := range refs {
			if s.MayMean(o, ref) {
				return true
			}
		}
	}
	return false
}

// AmbiguousOwners lists the items' owners written as a name that several
// registry entries share, each with the entries it may mean.
func AmbiguousOwners(s *record.Set, items []*record.Item) map[string][]string {
	out := map[string][]string{}
	for _, it := range items {
		for _, o := range it.Owners {
			if c := s.Candidates(o); len(c) > 1 {
				out[o] = c
			}
		}
	}
	return out
}

// ViaBodiesAdds lists the items --via-bodies would add to a query with
// owners: those owned only by a body an owner belongs to (the Panel, for a
// Panel member), which the query leaves out. bodies are those bodies' refs.
func (q Actions) ViaBodiesAdds(s *record.Set) (items []*record.Item, bodies []string) {
	if len(q.Owners) == 0 || q.ViaBodies {
		return nil, nil
	}
	owners := canonical(s, q.Owners)
	for _, ref := range withBodies(s, owners)[len(owners):] {
		if !containsFold(bodies, ref) && !containsFold(owners, ref) {
			bodies = append(bodies, ref)
		}
	}
	if len(bodies) == 0 {
		return nil, nil
	}
	got := map[*record.Item]bool{}
	for _, it := range q.Run(s) {
		got[it] = true
	}
	via := q
	via.ViaBodies = true
	for _, it := range via.Run(s) {
		if !got[it] {
			items = append(items, it)
		}
	}
	return items, bodies
}

// withBodies adds the bodies each person in refs is a member of, so a Panel
// member also sees what the minutes ask of "the Panel".
func withBodies(s *record.Set, refs []string) []string {
	out := refs
	for _, ref := range refs {
		if p := s.Person(ref); p != nil {
			for _, m := range p.Memberships {
				out = append(out, s.Canonical(m.Body))
			}
		}
	}
	return out
}

// canonical turns names into refs: an ambiguous name into every entry it
// may mean, an unknown one into itself as written.
func canonical(s *record.Set, names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		for _, part := range strings.Split(n, ",") {
			if part = strings.TrimSpace(part); part == "" {
				continue
			}
			if c := s.Candidates(part); len(c) > 1 {
				out = append(out, c...)
				continue
			}
			out = append(out, s.Canonical(part))
		}
	}
	return out
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// SortByDue orders items by due date (TBD last), then file and line.
func SortByDue(items []*record.Item) {
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if c := dates.Compare(a.Due, b.Due); c != 0 {
			return c < 0
		}
		if a.Record.Path != b.Record.Path {
			return a.Record.Path < b.Record.Path
		}
		return a.Pos.Line < b.Pos.Line
	})
}

// HasTag reports whether the record carries one of tags, ignoring case
// (true when tags is empty).
func HasTag(r *record.Record, tags []string) bool {
	if len(tags) == 0 {
		return true
	}
	for _, t := range r.Tags {
		if containsFold(tags, t) {
			return true
		}
	}
	return false
}
