package record

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/igf-records/igf/pkg/core/dates"
)

// Set is every record of a repository (or of one git revision), indexed.
type Set struct {
	Records  []*Record // sorted by path
	Registry *Registry // merged from every registry record

	byID   map[string]*Record
	itemID map[string]*Item
	names  map[string][]string // lower-cased name -> the refs holding it at its strongest tier
	tier   map[string]int      // lower-cased name -> that tier (see nameTiers)

	keysOnce sync.Once // the sorted keys of names, for suggestions
	keys     []string
	people   map[string]*Person
	bodies   map[string]*Body

	// Every item, in path and file order and in due order, made on first
	// use: a site's reports each read them several times, and making and
	// sorting them afresh each time was 150 MB and 0.3 s of CPU at 10,000
	// records.
	itemsOnce, dueOnce sync.Once
	items, byDue       []*Item

	// inBody holds, by foldKey of a body's canonical ID, the people with a
	// membership in it (in registry order) and those memberships: a report
	// asks for every meeting's members, and a scan of the whole registry
	// for each came to most of the site build's serial time at 10,000
	// records.
	inBody map[string][]heldBy
}

// heldBy is one person's memberships of one body.
type heldBy struct {
	person      *Person
	memberships []Membership
}

// NewSet indexes records. Duplicate IDs keep the first by path; the validator
// reports the rest.
func NewSet(records []*Record) *Set {
	sort.Slice(records, func(i, j int) bool { return records[i].Path < records[j].Path })
	s := &Set{Records: records, Registry: &Registry{},
		byID: map[string]*Record{}, itemID: map[string]*Item{}, names: map[string][]string{}, tier: map[string]int{},
		people: map[string]*Person{}, bodies: map[string]*Body{}}
	for _, r := range records {
		// IDs compare with ASCII case folded only (FoldID): a look-alike
		// letter never makes one ID another's.
		if _, dup := s.byID[FoldID(r.ID)]; !dup && r.ID != "" {
			s.byID[FoldID(r.ID)] = r
		}
		for _, it := range r.Items {
			if _, dup := s.itemID[FoldID(it.ID)]; !dup && it.ID != "" {
				s.itemID[FoldID(it.ID)] = it
			}
		}
		if r.Registry != nil {
			s.Registry.People = append(s.Registry.People, r.Registry.People...)
			s.Registry.Bodies = append(s.Registry.Bodies, r.Registry.Bodies...)
			s.Registry.Passthrough = append(s.Registry.Passthrough, r.Registry.Passthrough...)
		}
	}
	// IDs first, then initials, then aliases, then names: an exact ID
	// always wins. Entries sharing a name at its strongest tier make it
	// ambiguous (validate reports that as an error).
	for tier := range nameTiers {
		for _, p := range s.Registry.People {
			for _, n := range NamesAt(tier, p.ID, p.Initials, p.Aliases, p.Name) {
				s.addName(n, p.ID, tier)
			}
			if tier == 0 {
				if _, dup := s.people[strings.ToLower(p.ID)]; !dup {
					s.people[strings.ToLower(p.ID)] = p
				}
			}
		}
		for _, b := range s.Registry.Bodies {
			for _, n := range NamesAt(tier, b.ID, "", b.Aliases, b.Name) {
				s.addName(n, b.ID, tier)
			}
			if tier == 0 {
				if _, dup := s.bodies[strings.ToLower(b.ID)]; !dup {
					s.bodies[strings.ToLower(b.ID)] = b
				}
			}
		}
	}
	s.indexMemberships()
	return s
}

// indexMemberships fills inBody once every name resolves.
func (s *Set) indexMemberships() {
	s.inBody = map[string][]heldBy{}
	for _, p := range s.Registry.People {
		first := map[string]int{} // body key -> its heldBy's index in inBody[key]
		for _, m := range p.Memberships {
			k := foldKey(s.Canonical(m.Body))
			if i, seen := first[k]; seen {
				h := &s.inBody[k][i]
				h.memberships = append(h.memberships, m)
				continue
			}
			first[k] = len(s.inBody[k])
			s.inBody[k] = append(s.inBody[k], heldBy{person: p, memberships: []Membership{m}})
		}
	}
}

// nameTiers are the kinds of name an entry answers to, strongest first.
var nameTiers = []string{"ID", "initials", "alias", "name"}

// NameTier names a tier of NamesAt.
func NameTier(tier int) string { return nameTiers[tier] }

// NameTiers counts the tiers of NamesAt.
const NameTiers = 4

// NamesAt lists an entry's names of one tier: 0 its ID, 1 its initials,
// 2 its aliases, 3 its name.
func NamesAt(tier int, id, initials string, aliases []string, name string) []string {
	switch tier {
	case 0:
		return []string{id}
	case 1:
		return []string{initials}
	case 2:
		return aliases
	}
	return []string{name}
}

// NameKey is how names are compared: trimmed, case folded.
func NameKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

func (s *Set) addName(name, ref string, tier int) {
	k := NameKey(name)
	if k == "" {
		return
	}
	if t, taken := s.tier[k]; taken && t < tier {
		return
	}
	for _, r := range s.names[k] {
		if strings.EqualFold(r, ref) {
			return
		}
	}
	s.tier[k] = tier
	s.names[k] = append(s.names[k], ref)
}

// Candidates lists the refs a name (ID, initials, alias or name, any case)
// may mean: one for a known name, several for one that registry entries
// share (ambiguous), none for a name the registry does not know.
func (s *Set) Candidates(name string) []string {
	return s.names[NameKey(name)]
}

// Record finds a record by ID, ignoring ASCII case.
func (s *Set) Record(id string) *Record { return s.byID[FoldID(id)] }

// Item finds an item by ID, ignoring ASCII case.
func (s *Set) Item(id string) *Item { return s.itemID[FoldID(id)] }

// Items lists every item of every record, in path and file order. The
// slice is the set's own: read it, do not change it.
func (s *Set) Items() []*Item {
	s.itemsOnce.Do(func() {
		n := 0
		for _, r := range s.Records {
			n += len(r.Items)
		}
		s.items = make([]*Item, 0, n)
		for _, r := range s.Records {
			s.items = append(s.items, r.Items...)
		}
	})
	return s.items
}

// ItemsByDue lists every item by due date (TBD after every date), then by
// its place in the records: path, line, and order in Items. The keys are
// taken out first (dates.Compare on each comparison was most of the sort).
// The slice is the set's own: read it, do not change it.
func (s *Set) ItemsByDue() []*Item {
	s.dueOnce.Do(func() {
		items := s.Items()
		type key struct {
			tbd        bool // to be determined: after every date
			start, end time.Time
			path       string
			line, at   int
		}
		keys := make([]key, len(items))
		for i, it := range items {
			keys[i] = key{tbd: it.Due.IsTBD(), line: it.Pos.Line, at: i}
			if it.Record != nil {
				keys[i].path = it.Record.Path
			}
			if !keys[i].tbd {
				keys[i].start, keys[i].end = it.Due.Start, it.Due.End
			}
		}
		slices.SortFunc(keys, func(a, b key) int {
			if a.tbd != b.tbd {
				if a.tbd {
					return 1
				}
				return -1
			}
			if c := a.start.Compare(b.start); c != 0 {
				return c
			}
			if c := a.end.Compare(b.end); c != 0 {
				return c
			}
			if c := strings.Compare(a.path, b.path); c != 0 {
				return c
			}
			if c := cmp.Compare(a.line, b.line); c != 0 {
				return c
			}
			return cmp.Compare(a.at, b.at)
		})
		s.byDue = make([]*Item, len(items))
		for i, k := range keys {
			s.byDue[i] = items[k.at]
		}
	})
	return s.byDue
}

// Resolve turns what someone wrote for a person or body (ID, initials,
// alias or name, any case) into the registry's canonical ID. Matching is
// whole-name only. A name two entries share resolves to neither (see
// Candidates).
func (s *Set) Resolve(name string) (string, bool) {
	if refs := s.names[NameKey(name)]; len(refs) == 1 {
		return refs[0], true
	}
	return "", false
}

// MayMean reports whether a name as written may mean ref: it resolves to
// it, is it as written, or is shared by entries ref is one of.
func (s *Set) MayMean(name, ref string) bool {
	if strings.EqualFold(s.Canonical(name), ref) {
		return true
	}
	for _, c := range s.Candidates(name) {
		if strings.EqualFold(c, ref) {
			return true
		}
	}
	return false
}

// Canonical is Resolve's answer, or the name as written when it is not
// known or is ambiguous.
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

// Members lists the people whose membership in body is known to cover
// day (see Membership.Term). TBD day means any membership.
func (s *Set) Members(body string, day dates.Date) []*Person {
	known, _ := s.Membership(body, day)
	return known
}

// Membership splits the people with a membership in body by what the
// registry says of day: known members then, and people whose term may or
// may not cover it (no dates, or a partial date around the day). People
// whose terms all lie elsewhere are in neither.
func (s *Set) Membership(body string, day dates.Date) (known, unknown []*Person) {
	for _, h := range s.inBody[foldKey(s.Canonical(body))] {
		p, best := h.person, TermOutside
		for _, m := range h.memberships {
			if c := m.Term(day); c == TermCovers || c == TermUnknown && best == TermOutside {
				best = c
			}
		}
		switch best {
		case TermCovers:
			known = append(known, p)
		case TermUnknown:
			unknown = append(unknown, p)
		}
	}
	return known, unknown
}

// Coverage is what a membership's term says of a day.
type Coverage int

// Coverages.
const (
	TermUnknown Coverage = iota // the sources do not date the term well enough to tell
	TermCovers                  // the person held the role on the day
	TermOutside                 // the term ended before the day or began after it
)

// Term says whether the membership covers day. A member is known to hold
// the role from the end of a partial from (from: "2022-08" is certain from
// 31 August) to the start of a partial to, and on every day seen and
// between them; with a from and no to the term runs on. The role was
// certainly not held before from starts or after to ends. Everything else
// is unknown: a membership with no dates says nothing of any day. A TBD day
// is covered by any membership.
func (m Membership) Term(day dates.Date) Coverage {
	if day.IsTBD() {
		return TermCovers
	}
	lo, hi, hiOpen, ok := m.Known()
	if ok && !day.Start.Before(lo) && (hiOpen || !day.End.After(hi)) {
		return TermCovers
	}
	from, hasFrom := termDate(m.From)
	to, hasTo := termDate(m.To)
	if hasFrom && day.End.Before(from.Start) || hasTo && day.Start.After(to.End) {
		return TermOutside
	}
	return TermUnknown
}

// Known is the span over which the membership is certain, as Term reads
// it: from lo to hi (or on, when open); ok is false when nothing is.
func (m Membership) Known() (lo, hi time.Time, open, ok bool) {
	from, hasFrom := termDate(m.From)
	to, hasTo := termDate(m.To)
	var seenLo, seenHi time.Time
	for _, s := range m.Seen {
		if d, ok := termDate(s); ok {
			if seenLo.IsZero() || d.Start.Before(seenLo) {
				seenLo = d.Start
			}
			if d.End.After(seenHi) {
				seenHi = d.End
			}
		}
	}
	// What is certain: [lo, hi], with an open end when hiOpen.
	hiOpen := false
	switch {
	case hasFrom:
		lo = from.End
		if hasTo {
			hi = to.Start
		} else {
			hiOpen = true
		}
	case !seenLo.IsZero():
		lo, hi = seenLo, seenHi
	}
	if !seenLo.IsZero() {
		if lo.IsZero() || seenLo.Before(lo) {
			lo = seenLo
		}
		if !hiOpen && seenHi.After(hi) {
			hi = seenHi
		}
	}
	if lo.IsZero() || !hiOpen && hi.Before(lo) {
		return time.Time{}, time.Time{}, false, false
	}
	return lo, hi, hiOpen, true
}

// termDate reads a date of a membership term; unreadable ones (validate
// reports them) and TBD say nothing.
func termDate(s string) (dates.Date, bool) {
	if s == "" {
		return dates.Date{}, false
	}
	d, err := dates.Parse(s)
	if err != nil || d.IsTBD() {
		return dates.Date{}, false
	}
	return d, true
}
