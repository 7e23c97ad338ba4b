package validate

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/record"
)

// RegistryPath is where docs/format.md puts the registry.
const RegistryPath = "records/registry.md"

// maxRefHints bounds the "did you mean" searches for dangling references.
const maxRefHints = 200

// checker holds what the cross-record rules share.
type checker struct {
	s       *record.Set
	full    func(path string) bool
	out     []record.Finding
	names   []string                       // every name the registry answers to, for hints
	near    map[string]string              // unknown name -> hint, computed once
	ids     map[string]map[string][]string // target kind -> prefixKey -> IDs, for hints
	hinted  int                            // dangling references given a "did you mean"
	noNames bool                           // no registry was read: names are not checked
	stubs   map[*record.Record]bool        // stand-ins for unchanged files: their own references are not checked
	// lineStarts indexes the body of the record whose items are being
	// checked (linesOf), so a token's position costs the same for the last
	// item of a file as for the first.
	lineRec    *record.Record
	lineStarts []int
	scanned    int // lines tokenPos and linesOf looked at
}

// Set applies the cross-record rules to a whole repository. full says which
// records also get the per-item rules that need the registry (nil: all).
func Set(s *record.Set, full func(path string) bool) []record.Finding {
	return setWith(s, full, nil)
}

func setWith(s *record.Set, full func(path string) bool, stubs map[*record.Record]bool) []record.Finding {
	if full == nil {
		full = func(string) bool { return true }
	}
	c := &checker{s: s, full: full, near: map[string]string{}, stubs: stubs}
	for _, p := range s.Registry.People {
		c.names = append(c.names, p.ID, p.Initials)
		c.names = append(c.names, p.Aliases...)
	}
	for _, b := range s.Registry.Bodies {
		c.names = append(c.names, b.ID)
		c.names = append(c.names, b.Aliases...)
	}
	c.uniqueIDs()
	c.sharedNames()
	// Without a readable registry every name would be "unknown": one finding
	// says why instead of one per name.
	c.noNames = true
	for _, r := range s.Records {
		if r.Registry != nil {
			c.noNames = false
		}
	}
	if c.noNames {
		c.errAt(RegistryPath, record.Pos{Line: 1, Col: 1}, RuleNoRegistry,
			"no registry could be read, so names of people and bodies are not checked",
			"fix the registry's own errors, or create "+RegistryPath+" (type: registry) naming every person and body")
	}
	passthrough := map[string]bool{}
	for _, f := range s.Registry.Passthrough {
		passthrough[f] = true
	}
	for _, r := range s.Records {
		if !c.stubs[r] {
			c.fields(r, passthrough)
		}
		if r.Registry != nil {
			c.registry(r)
			continue
		}
		if !c.stubs[r] {
			c.record(r)
		}
	}
	c.cycles()
	if checked != nil {
		checked(c)
	}
	return c.out
}

// checked, when set (by tests), sees each checker when it is done.
var checked func(c *checker)

// fields reports the record's top-level front-matter fields that its type
// does not know, unless they belong to another tool: named x-NAME, or listed
// under passthrough: in the registry.
func (c *checker) fields(r *record.Record, passthrough map[string]bool) {
	known := topFields()[r.Type]
	if known == nil {
		return // an unknown type: the schema check says so
	}
	var unknown []string
	for k := range r.FieldPos {
		name := k[1:]
		if strings.Count(k, "/") != 1 || strings.HasPrefix(name, "x-") || passthrough[name] || slices.Contains(known, name) {
			continue
		}
		unknown = append(unknown, name)
	}
	sort.Slice(unknown, func(i, j int) bool {
		a, b := r.FieldPos["/"+unknown[i]], r.FieldPos["/"+unknown[j]]
		return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
	})
	for _, name := range unknown {
		hint := "igf does not know this field of a " + r.Type + " (igf help format, section " + r.Type + "); if another tool needs it " +
			"(a site generator's layout, permalink, weight), list it under passthrough: in " + RegistryPath +
			" or write it x-" + name + " (igf help format, section Fields of other tools)"
		if near := Closest(name, known, 1); len(near) > 0 {
			hint = "did you mean `" + near[0] + "`?"
		}
		c.errAt(r.Path, r.FieldPos["/"+name], RuleUnknownField, "unknown field `"+name+"`", hint)
	}
}

func (c *checker) errAt(path string, p record.Pos, rule, msg, hint string) {
	c.out = append(c.out, record.At(path, p, rule, msg, hint))
}

// uniqueIDs reports every ID used a second time, records and items together,
// case-insensitively, pointing at the first use.
func (c *checker) uniqueIDs() {
	type use struct {
		path string
		pos  record.Pos
		what string
	}
	first := map[string]use{}
	var dups []struct {
		id  string
		at  use
		was use
	}
	see := func(id string, u use) {
		if id == "" {
			return
		}
		k := strings.ToLower(id)
		if was, ok := first[k]; ok {
			dups = append(dups, struct {
				id  string
				at  use
				was use
			}{id, u, was})
			return
		}
		first[k] = u
	}
	for _, r := range c.s.Records {
		see(r.ID, use{r.Path, r.FieldAt("/id"), r.Type + " record"})
		for _, it := range r.Items {
			see(it.ID, use{r.Path, it.Pos, it.Kind})
		}
	}
	for _, d := range dups {
		free := d.id
		for n := 2; ; n++ {
			free = fmt.Sprintf("%s-%d", strings.ToLower(d.id), n)
			if _, taken := first[free]; !taken {
				break
			}
		}
		c.errAt(d.at.path, d.at.pos, RuleDuplicateID,
			fmt.Sprintf("duplicate ID %q: already used by the %s at %s:%d:%d", d.id, d.was.what, d.was.path, d.was.pos.Line, d.was.pos.Col),
			fmt.Sprintf("IDs are unique across the repository, records and items together, ignoring case; give this one a new ID (e.g. %s)", free))
	}
}

// unknownHint names the registry's closest names to a misspelt one.
func (c *checker) unknownHint(name string) string {
	k := strings.ToLower(name)
	if h, ok := c.near[k]; ok {
		return h
	}
	parts := c.s.Suggest(name, 3)
	h := "names are registry IDs, initials, aliases or names, matched whole and ignoring case; add new people and bodies to records/registry.md"
	if len(parts) > 0 {
		h = "did you mean " + strings.Join(parts, ", ") + "? " + h
	}
	c.near[k] = h
	return h
}

// person checks a name written where a person or body belongs.
func (c *checker) person(r *record.Record, p record.Pos, rule, role, name string) {
	if c.noNames || strings.EqualFold(name, record.TBD) {
		return
	}
	if _, ok := c.s.Resolve(name); !ok {
		if cands := c.s.Candidates(name); len(cands) > 1 {
			c.errAt(r.Path, p, RuleAmbiguousName, fmt.Sprintf("%s %q is ambiguous: registry entries %s share it", role, name, strings.Join(cands, " and ")),
				"write the ID of the one meant ("+cands[0]+" or "+strings.Join(cands[1:], " or ")+"); names lead to one entry each once the registry gives them distinct aliases")
			return
		}
		c.errAt(r.Path, p, rule, fmt.Sprintf("unknown %s %q: not in the registry", role, name), c.unknownHint(name))
	}
}

// body checks a name written where a registry body belongs.
func (c *checker) body(path string, p record.Pos, what, name string) {
	if name == "" || c.noNames {
		return
	}
	ref, ok := c.s.Resolve(name)
	switch {
	case !ok && len(c.s.Candidates(name)) > 1:
		c.errAt(path, p, RuleAmbiguousName, fmt.Sprintf("body %q in %s is ambiguous: registry entries %s share it", name, what, strings.Join(c.s.Candidates(name), " and ")),
			"write the ID of the body meant")
	case !ok:
		c.errAt(path, p, RuleUnknownBody, fmt.Sprintf("unknown body %q in %s: not in the registry", name, what), c.unknownHint(name))
	case c.s.Body(ref) == nil:
		c.errAt(path, p, RuleUnknownBody, fmt.Sprintf("%q in %s is a person, not a body", name, what),
			"write the registry ID of a body (LP, MAG, Sect); bodies are listed under bodies: in records/registry.md")
	}
}

func (c *checker) registry(r *record.Record) {
	reserved := func(p record.Pos, names ...string) {
		for _, n := range names {
			if strings.EqualFold(strings.TrimSpace(n), record.TBD) {
				c.errAt(r.Path, p, RuleReservedName, "TBD is reserved: it means the source leaves the owner open",
					"remove TBD from the registry entry; records write @TBD without it being registered")
			}
		}
	}
	for _, p := range r.Registry.People {
		reserved(p.Pos, append([]string{p.ID, p.Initials}, p.Aliases...)...)
		for _, m := range p.Memberships {
			c.body(r.Path, p.Pos, "the memberships of "+p.ID, m.Body)
		}
	}
	c.singleHolders(r)
	for _, b := range r.Registry.Bodies {
		reserved(b.Pos, append([]string{b.ID}, b.Aliases...)...)
		c.body(r.Path, b.Pos, "the parent of "+b.ID, b.Parent)
	}
}

func (c *checker) record(r *record.Record) {
	c.body(r.Path, r.FieldAt("/body"), "`body`", r.Body)
	for _, role := range record.PersonFields {
		for j, name := range r.People[role] {
			c.person(r, r.FieldAt(fmt.Sprintf("/%s/%d", role, j)), RuleUnknownPerson, "person", name)
		}
	}
	if r.Meeting != "" {
		c.ref(r, r.FieldAt("/meeting"), "`meeting`", r.Meeting, "meeting record", isMeeting)
	}
	if nm := r.NextMeeting; nm != nil && nm.ID != "" {
		c.ref(r, r.FieldAt("/next_meeting/id"), "`next_meeting.id`", nm.ID, "meeting record", isMeeting)
	}
	for j, id := range r.Supersedes {
		c.ref(r, r.FieldAt(fmt.Sprintf("/supersedes/%d", j)), "`supersedes`", id, "decision", isDecision)
	}
	full := c.full(r.Path)
	m := -1
	for _, it := range r.Items {
		if it.Kind == record.KindMilestone {
			m++
		}
		mp := fmt.Sprintf("/milestones/%d", m)
		for j, o := range it.Owners {
			p := it.Pos
			if it.Kind == record.KindMilestone {
				p = r.FieldAt(fmt.Sprintf("%s/owners/%d", mp, j))
			} else {
				p = c.tokenPos(r, it.Pos, ownerToken(o))
				if c.spacedOwner(r, p, o) {
					continue
				}
			}
			c.person(r, p, RuleUnknownOwner, "owner", o)
			if full {
				c.termEnded(r, it, p, o)
			}
		}
		switch it.Kind {
		case record.KindMilestone:
			if it.Parent != "" {
				c.ref(r, r.FieldAt(mp+"/parent"), "`parent`", it.Parent, "milestone", isMilestone)
			}
			for j, d := range it.DependsOn {
				c.ref(r, r.FieldAt(fmt.Sprintf("%s/depends_on/%d", mp, j)), "`depends_on`", d, "milestone", isMilestone)
			}
		case record.KindAction, record.KindRecommendation:
			if it.Milestone != "" {
				c.ref(r, c.tokenPos(r, it.Pos, "milestone:"), "`milestone:`", it.Milestone, "milestone", isMilestone)
			}
		}
	}
}

func isMeeting(r *record.Record, _ *record.Item) bool {
	return r != nil && r.Type == record.TypeMeeting
}
func isDecision(r *record.Record, it *record.Item) bool {
	return r != nil && r.Type == record.TypeDecision || it != nil && it.Kind == record.KindDecision
}
func isMilestone(_ *record.Record, it *record.Item) bool {
	return it != nil && it.Kind == record.KindMilestone
}

// ref checks that an ID names something of the right kind.
func (c *checker) ref(r *record.Record, p record.Pos, field, id, want string, ok func(*record.Record, *record.Item) bool) {
	target, item := c.s.Record(id), c.s.Item(id)
	if ok(target, nil) || ok(nil, item) {
		return
	}
	if target != nil || item != nil {
		what := "the " + kindOf(target, item)
		c.errAt(r.Path, p, RuleUnknownReference, fmt.Sprintf("%s %q names %s, not a %s", field, id, what, want),
			"point it at a "+want+"'s ID")
		return
	}
	hint := "no record or item has this ID; check the spelling, or leave the field out until it exists"
	// Hints for the first dangling references only: thousands of them are one
	// systemic mistake (a renamed series), and each search costs.
	if c.hinted < maxRefHints {
		c.hinted++
		if near := Closest(id, c.candidates(want, ok)[prefixKey(id)], 3); len(near) > 0 {
			hint = "did you mean " + strings.Join(near, ", ") + "? " + hint
		}
	}
	c.errAt(r.Path, p, RuleUnknownReference, fmt.Sprintf("%s %q: no %s has this ID", field, id, want), hint)
}

// candidates lists the IDs of one kind of target, bucketed by prefixKey, built
// once per run: comparing a dangling reference with every ID of a large
// repository would cost seconds, and a typo rarely hits the first letters.
func (c *checker) candidates(want string, ok func(*record.Record, *record.Item) bool) map[string][]string {
	if m, done := c.ids[want]; done {
		return m
	}
	m := map[string][]string{}
	for _, rec := range c.s.Records {
		if ok(rec, nil) {
			m[prefixKey(rec.ID)] = append(m[prefixKey(rec.ID)], rec.ID)
		}
		for _, it := range rec.Items {
			if ok(nil, it) {
				m[prefixKey(it.ID)] = append(m[prefixKey(it.ID)], it.ID)
			}
		}
	}
	if c.ids == nil {
		c.ids = map[string]map[string][]string{}
	}
	c.ids[want] = m
	return m
}

// prefixKey is an ID's first two characters, lower-cased.
func prefixKey(id string) string {
	id = strings.ToLower(id)
	if len(id) > 2 {
		return id[:2]
	}
	return id
}

func kindOf(r *record.Record, it *record.Item) string {
	if r != nil {
		return r.Type + " record"
	}
	return it.Kind
}

// termEnded warns when an open item's owner left the record's body before the
// item falls due: someone else will have to carry it.
func (c *checker) termEnded(r *record.Record, it *record.Item, p record.Pos, owner string) {
	if !it.Open() || !isSet(it.Due) || r.Body == "" {
		return
	}
	ref, ok := c.s.Resolve(owner)
	person := c.s.Person(ref)
	if !ok || person == nil {
		return
	}
	body := c.s.Canonical(r.Body)
	var last string
	for _, m := range person.Memberships {
		if !strings.EqualFold(c.s.Canonical(m.Body), body) {
			continue
		}
		if m.Term(it.Due) != record.TermOutside {
			return // the term covers the due date, or may
		}
		if to, err := dates.Parse(m.To); m.To != "" && err == nil && to.End.Before(it.Due.Start) {
			last = m.To
		}
	}
	if last == "" {
		return
	}
	c.out = append(c.out, record.Warn(r.Path, p, RuleOwnerTermEnded,
		fmt.Sprintf("owner %s's %s membership ended (%s) before %s is due (%s)", person.ID, body, last, it.ID, it.Due),
		"hand the item to a current member, or record the extended term in records/registry.md"))
}

// tokenPos finds where a token such as "@LF" is written in an item, searching
// the item's first lines; it falls back to the item's position. The item's
// line is found through an index of the body's line starts, made once per
// record: skipping from the top for every item made validation quadratic in
// the items of one file (100,000 items: half a minute).
func (c *checker) tokenPos(r *record.Record, from record.Pos, token string) record.Pos {
	if r.BodyLine == 0 || from.Line < r.BodyLine {
		return from
	}
	starts := c.linesOf(r)
	n := from.Line - r.BodyLine
	if n >= len(starts) {
		return from
	}
	text := r.Text[starts[n]:]
	for l := 0; l < 12 && text != ""; l++ {
		c.scanned++
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		if i := strings.Index(line, token); i >= 0 {
			return record.Pos{Line: from.Line + l, Col: 1 + utf8.RuneCountInString(line[:i])}
		}
	}
	return from
}

// linesOf is the offsets in r.Text where each of its lines starts.
func (c *checker) linesOf(r *record.Record) []int {
	if c.lineRec != r {
		c.lineRec = r
		c.lineStarts = append(c.lineStarts[:0], 0)
		for i := 0; i < len(r.Text); i++ {
			if r.Text[i] == '\n' {
				c.lineStarts = append(c.lineStarts, i+1)
			}
		}
		c.scanned += len(c.lineStarts)
	}
	return c.lineStarts
}

// cycles reports milestone dependencies that loop, once per cycle.
func (c *checker) cycles() {
	const (
		white = iota
		grey
		black
	)
	color := map[*record.Item]int{}
	var stack []*record.Item
	var visit func(it *record.Item)
	visit = func(it *record.Item) {
		color[it] = grey
		stack = append(stack, it)
		for _, d := range it.DependsOn {
			next := c.s.Item(d)
			if next == nil || next.Kind != record.KindMilestone {
				continue
			}
			switch color[next] {
			case white:
				visit(next)
			case grey:
				var ids []string
				start := 0
				for i, s := range stack {
					if s == next {
						start = i
					}
				}
				for _, s := range stack[start:] {
					ids = append(ids, s.ID)
				}
				ids = append(ids, next.ID)
				c.errAt(it.Record.Path, it.Pos, RuleDependencyCycle,
					"milestone dependencies loop: "+strings.Join(ids, " → "),
					"a milestone cannot depend, directly or through others, on itself; remove one depends_on entry")
			}
		}
		stack = stack[:len(stack)-1]
		color[it] = black
	}
	for _, r := range c.s.Records {
		for _, it := range r.Items {
			if it.Kind == record.KindMilestone && color[it] == white {
				visit(it)
			}
		}
	}
}
