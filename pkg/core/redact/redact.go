// Package redact makes the public copy of a record set: everything marked
// `visibility: restricted` — a record, an item, a source, a passage of a
// body — and every field a record or registry entry lists under
// `restricted:` is left out, and references to what was left out are
// dropped. Public outputs (igf site build --public, igf report ... --public)
// are computed from this copy, so pages, search index, feeds, JSON and
// calendars cannot show what it does not hold. It is pure: records in,
// records out; the originals are never changed.
package redact

import (
	"fmt"
	"strings"

	"github.com/igf-records/igf/pkg/core/record"
)

// Summary counts what the public copy leaves out, so every public output
// can say that something was withheld.
type Summary struct {
	Records  int `json:"records"`  // whole records
	Items    int `json:"items"`    // actions, recommendations, decisions and milestones
	Fields   int `json:"fields"`   // front-matter and registry fields
	Sources  int `json:"sources"`  // entries of sources
	Passages int `json:"passages"` // restricted passages of bodies
}

// Any reports whether anything was left out.
func (s Summary) Any() bool { return s != Summary{} }

// String says what was left out: "1 record, 2 items and 3 fields".
func (s Summary) String() string {
	var parts []string
	add := func(n int, one, many string) {
		switch {
		case n == 1:
			parts = append(parts, "1 "+one)
		case n > 1:
			parts = append(parts, fmt.Sprintf("%d %s", n, many))
		}
	}
	add(s.Records, "record", "records")
	add(s.Items, "item", "items")
	add(s.Fields, "field", "fields")
	add(s.Sources, "source", "sources")
	add(s.Passages, "passage of text", "passages of text")
	switch len(parts) {
	case 0:
		return "nothing"
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// Public is the public copy of s and what it leaves out.
func Public(s *record.Set) (*record.Set, Summary) {
	var sum Summary
	gone := map[string]bool{} // lower-cased IDs of records and items left out
	var kept []*record.Record
	for _, r := range s.Records {
		if record.IsRestricted(r.Visibility) {
			sum.Records++
			gone[strings.ToLower(r.ID)] = true
			for _, it := range r.Items {
				gone[strings.ToLower(it.ID)] = true
			}
			continue
		}
		kept = append(kept, r)
	}
	out := make([]*record.Record, 0, len(kept))
	for _, r := range kept {
		out = append(out, publicRecord(r, gone, &sum))
	}
	// References to what is gone, from what stays: a restricted ID can say
	// as much as its record ("lp-2024-retreat-riyadh").
	for _, r := range out {
		if gone[strings.ToLower(r.Meeting)] {
			r.Meeting = ""
		}
		r.Supersedes = without(r.Supersedes, gone)
		if r.NextMeeting != nil && gone[strings.ToLower(r.NextMeeting.ID)] {
			nm := *r.NextMeeting
			nm.ID = ""
			r.NextMeeting = &nm
		}
		for _, it := range r.Items {
			if gone[strings.ToLower(it.Milestone)] {
				it.Milestone = ""
			}
			it.DependsOn = without(it.DependsOn, gone)
		}
	}
	return record.NewSet(out), sum
}

func without(ids []string, gone map[string]bool) []string {
	if ids == nil {
		return nil
	}
	out := []string{}
	for _, id := range ids {
		if !gone[strings.ToLower(id)] {
			out = append(out, id)
		}
	}
	return out
}

// publicRecord copies r without its restricted fields, sources, items and
// passages; gone learns the IDs of the items left out.
func publicRecord(r *record.Record, gone map[string]bool, sum *Summary) *record.Record {
	c := *r
	c.Restricted = nil
	for _, f := range r.Restricted {
		if clearField(&c, f) {
			sum.Fields++
		}
	}
	if c.Sources != nil {
		c.Sources = []record.Source{}
		for _, src := range r.Sources {
			if record.IsRestricted(src.Visibility) {
				sum.Sources++
				continue
			}
			c.Sources = append(c.Sources, src)
		}
	}
	if r.Registry != nil {
		c.Registry = publicRegistry(r.Registry, sum)
	}
	passages, _, _ := r.RestrictedBlocks()
	sum.Passages += len(passages)
	inPassage := func(line int) bool {
		for _, p := range passages {
			if line >= p[0] && line <= p[1] {
				return true
			}
		}
		return false
	}
	cut := append([][2]int{}, passages...)
	restricted := map[string]bool{}
	c.Items = make([]*record.Item, 0, len(r.Items))
	for _, it := range r.Items {
		// Parts follow their activity, nested items their parent: both
		// come after it in the file.
		if record.IsRestricted(it.Visibility) || restricted[strings.ToLower(it.Parent)] ||
			(it.Lines[0] > 0 && inPassage(it.Lines[0])) {
			restricted[strings.ToLower(it.ID)] = true
			gone[strings.ToLower(it.ID)] = true
			sum.Items++
			if it.Lines[0] > 0 {
				cut = append(cut, it.Lines)
			}
			continue
		}
		ic := *it
		ic.Record = &c
		c.Items = append(c.Items, &ic)
	}
	c.Text = cutLines(r.Text, r.BodyLine, cut)
	return &c
}

// cutLines drops the given file lines from a body that starts at file line first.
func cutLines(text string, first int, spans [][2]int) string {
	if len(spans) == 0 {
		return text
	}
	lines := strings.SplitAfter(text, "\n")
	var b strings.Builder
	for i, l := range lines {
		line := first + i
		drop := false
		for _, s := range spans {
			if line >= s[0] && line <= s[1] {
				drop = true
				break
			}
		}
		if !drop {
			b.WriteString(l)
		}
	}
	return b.String()
}

// clearField withholds one front-matter field; it reports whether the name
// is one it knows (the schema checks the names).
func clearField(r *record.Record, field string) bool {
	for _, role := range record.PersonFields {
		if field == role {
			if r.People != nil {
				people := make(map[string][]string, len(r.People))
				for k, v := range r.People {
					if k != role {
						people[k] = v
					}
				}
				r.People = people
			}
			return true
		}
	}
	switch field {
	case "title":
		r.Title = ""
	case "time":
		r.Time, r.TimeText = nil, ""
	case "format":
		r.Format = ""
	case "location":
		r.Location = ""
	case "agenda":
		r.Agenda = nil
	case "next_meeting":
		r.NextMeeting = nil
	case "sources":
		r.Sources = nil
	case "tags":
		r.Tags = nil
	case "meeting":
		r.Meeting = ""
	case "supersedes":
		r.Supersedes = nil
	default:
		return false
	}
	return true
}

func publicRegistry(g *record.Registry, sum *Summary) *record.Registry {
	out := &record.Registry{}
	for _, p := range g.People {
		c := *p
		c.Restricted = nil
		sum.Fields += withhold(p.Restricted, map[string]func(){
			"aliases":     func() { c.Aliases = nil },
			"memberships": func() { c.Memberships = nil },
			"note":        func() { c.Note = "" },
		})
		out.People = append(out.People, &c)
	}
	for _, b := range g.Bodies {
		c := *b
		c.Restricted = nil
		sum.Fields += withhold(b.Restricted, map[string]func(){
			"aliases": func() { c.Aliases = nil },
			"note":    func() { c.Note = "" },
		})
		out.Bodies = append(out.Bodies, &c)
	}
	return out
}

// withhold clears each listed field it knows and counts them.
func withhold(fields []string, clear map[string]func()) int {
	n := 0
	for _, f := range fields {
		if fn, ok := clear[f]; ok {
			fn()
			n++
		}
	}
	return n
}
