package record

import (
	"sort"
	"strings"

	"github.com/igf-records/igf/pkg/core/dates"
)

// Set is every record of a repository (or of one git revision), indexed.
type Set struct {
	Records  []*Record // sorted by path
	Registry *Registry // merged from every registry record

	byID   map[string]*Record
	items  map[string]*Item
	names  map[string]string // lower-cased id, initials or alias -> canonical ref
	people map[string]*Person
	bodies map[string]*Body
}

// NewSet indexes records. Duplicate IDs keep the first by path; the validator
// reports the rest.
func NewSet(records []*Record) *Set {
	sort.Slice(records, func(i, j int) bool { return records[i].Path < records[j].Path })
	s := &Set{Records: records, Registry: &Registry{},
		byID: map[string]*Record{}, items: map[string]*Item{}, names: map[string]string{},
		people: map[string]*Person{}, bodies: map[string]*Body{}}
	for _, r := range records {
		// IDs compare with ASCII case folded only (FoldID): a look-alike
		// letter never makes one ID another's.
		if _, dup := s.byID[FoldID(r.ID)]; !dup && r.ID != "" {
			s.byID[FoldID(r.ID)] = r
		}
		for _, it := range r.Items {
			if _, dup := s.items[FoldID(it.ID)]; !dup && it.ID != "" {
				s.items[FoldID(it.ID)] = it
			}
		}
		if r.Registry != nil {
			s.Registry.People = append(s.Registry.People, r.Registry.People...)
			s.Registry.Bodies = append(s.Registry.Bodies, r.Registry.Bodies...)
			s.Registry.Passthrough = append(s.Registry.Passthrough, r.Registry.Passthrough...)
		}
	}
	// IDs first, then initials, then aliases: an exact ID always wins.
	for pass := 0; pass < 3; pass++ {
		for _, p := range s.Registry.People {
			for _, n := range namesOf(pass, p.ID, p.Initials, p.Aliases) {
				s.addName(n, p.ID)
			}
			if pass == 0 {
				s.people[strings.ToLower(p.ID)] = p
			}
		}
		for _, b := range s.Registry.Bodies {
			for _, n := range namesOf(pass, b.ID, "", b.Aliases) {
				s.addName(n, b.ID)
			}
			if pass == 0 {
				s.bodies[strings.ToLower(b.ID)] = b
			}
		}
	}
	return s
}

func namesOf(pass int, id, initials string, aliases []string) []string {
	switch pass {
	case 0:
		return []string{id}
	case 1:
		return []string{initials}
	}
	return aliases
}

func (s *Set) addName(name, ref string) {
	k := strings.ToLower(strings.TrimSpace(name))
	if k == "" {
		return
	}
	if _, taken := s.names[k]; !taken {
		s.names[k] = ref
	}
}

// Record finds a record by ID, ignoring ASCII case.
func (s *Set) Record(id string) *Record { return s.byID[FoldID(id)] }

// Item finds an item by ID, ignoring ASCII case.
func (s *Set) Item(id string) *Item { return s.items[FoldID(id)] }

// Items lists every item of every record, in path and file order.
func (s *Set) Items() []*Item {
	var out []*Item
	for _, r := range s.Records {
		out = append(out, r.Items...)
	}
	return out
}

// Resolve turns what someone wrote for a person or body (ID, initials or alias,
// any case) into the registry's canonical ID. Matching is whole-name only.
func (s *Set) Resolve(name string) (string, bool) {
	ref, ok := s.names[strings.ToLower(strings.TrimSpace(name))]
	return ref, ok
}

// Canonical is Resolve's answer, or the name as written when it is not known.
func (s *Set) Canonical(name string) string {
	if ref, ok := s.Resolve(name); ok {
		return ref
	}
	return name
}

// Person finds a person by canonical ID.
func (s *Set) Person(id string) *Person { return s.people[strings.ToLower(id)] }

// Body finds a body by canonical ID.
func (s *Set) Body(id string) *Body { return s.bodies[strings.ToLower(id)] }

// Known lists every name (IDs, initials, aliases) the registry answers to.
func (s *Set) Known() []string {
	out := make([]string, 0, len(s.names))
	for _, p := range s.Registry.People {
		out = append(out, p.ID)
	}
	for _, b := range s.Registry.Bodies {
		out = append(out, b.ID)
	}
	return out
}

// DisplayName is how a report names a ref: "Lise Fuhr", "IGF Secretariat",
// "KE (not expanded in the sources)", or the ref itself when unknown.
func (s *Set) DisplayName(ref string) string {
	if strings.EqualFold(ref, TBD) {
		return "to be determined"
	}
	id := s.Canonical(ref)
	if p := s.Person(id); p != nil {
		return p.Display()
	}
	if b := s.Body(id); b != nil && b.Name != "" {
		return b.Name
	}
	return ref
}

// Members lists the people with a membership in body that is current on day
// (a term with no dates is taken as current). TBD day means any membership.
func (s *Set) Members(body string, day dates.Date) []*Person {
	body = s.Canonical(body)
	var out []*Person
	for _, p := range s.Registry.People {
		for _, m := range p.Memberships {
			if !strings.EqualFold(s.Canonical(m.Body), body) || !m.CoversDay(day) {
				continue
			}
			out = append(out, p)
			break
		}
	}
	return out
}

// CoversDay reports whether the membership's term includes the day.
func (m Membership) CoversDay(day dates.Date) bool {
	if day.IsTBD() {
		return true
	}
	if m.From != "" {
		if f, err := dates.Parse(m.From); err == nil && !f.IsTBD() && day.Start.Before(f.Start) {
			return false
		}
	}
	if m.To != "" {
		if t, err := dates.Parse(m.To); err == nil && !t.IsTBD() && t.End.Before(day.Start) {
			return false
		}
	}
	return true
}
