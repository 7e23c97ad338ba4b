package validate

import (
	"slices"
	"strings"

	"github.com/igf-records/igf/internal/parallel"
	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/record"
)

// Unchanged is a file the change leaves as it was, known by its summary.
type Unchanged struct {
	Path string
	Sum  *Summary // nil: the file could not be read (or, with a Lookup, is not loaded)
}

// Delta is a change to a repository: the files it changes, every other file
// by its summary, and what the changed and deleted paths held before.
type Delta struct {
	Changed   []Input // checked fully
	Unchanged []Unchanged
	Gone      []*Summary // the earlier versions of changed and deleted files
	// Read supplies Unchanged[i]'s bytes (or record), for the few files the
	// change touches: they are parsed so their errors can be reported in place.
	Read func(i int) Input
	// Lookup, when set, answers for the unchanged files instead of their
	// Sum fields, which it leaves nil: a change then costs look-ups of the
	// IDs it touches, not a pass over every file's summary.
	Lookup Lookup
}

// Lookup finds unchanged files by the IDs their summaries hold. Files are
// named by their index in Delta.Unchanged, and lists are ascending.
type Lookup interface {
	// Touching lists the records that define or reference one of ids
	// (lower-cased), and the registry.
	Touching(ids map[string]bool) []int
	// Defining lists the records that define one of ids (lower-cased).
	Defining(ids map[string]bool) []int
	// Unread lists the files that are not records or could not be read.
	Unread() []int
	// Summary is file i's summary (nil: it could not be read).
	Summary(i int) *Summary
	// Every is every file's summary, for a run that needs them all.
	Every() []*Summary
}

// scanned is the Lookup of summaries held in memory: each question is a
// pass over all of them, on every core.
type scanned []Unchanged

func (u scanned) Touching(ids map[string]bool) []int {
	return scan(len(u), func(i int) bool {
		s := u[i].Sum
		return s != nil && s.Parsed && (s.Registry || touches(s, ids))
	})
}

func (u scanned) Defining(ids map[string]bool) []int {
	return scan(len(u), func(i int) bool { s := u[i].Sum; return s != nil && s.Parsed && s.defines(ids) })
}

func (u scanned) Unread() []int {
	return scan(len(u), func(i int) bool { s := u[i].Sum; return s == nil || !s.Parsed })
}

func (u scanned) Summary(i int) *Summary { return u[i].Sum }

func (u scanned) Every() []*Summary {
	out := make([]*Summary, len(u))
	for i := range u {
		out[i] = u[i].Sum
	}
	return out
}

// Incremental validates a change without parsing the files it leaves alone.
// Changed files get every check, against the summaries of the rest; an
// unchanged file is parsed and its cross-record errors reported when it
// defines or references an ID that a changed or deleted file defines or
// defined (a reference the change breaks, a duplicate it makes); dependency
// cycles are reported wherever they close. The findings in those files are
// those a full run reports there. When the change touches the registry every
// name in every file may change meaning: ok is false and the caller must
// validate everything.
func Incremental(d Delta) (res *Result, ok bool) {
	look := d.Lookup
	if look == nil {
		look = scanned(d.Unchanged)
	}
	recs := make([]*record.Record, len(d.Changed))
	finds := make([][]record.Finding, len(d.Changed))
	parallel.For(len(d.Changed), func(i int) {
		in := d.Changed[i]
		if in.Err != nil {
			finds[i] = []record.Finding{*in.Err}
			return
		}
		recs[i], finds[i] = File(in.Path, in.Data)
	})
	for i, in := range d.Changed {
		if in.Path == RegistryPath || recs[i] != nil && recs[i].Registry != nil {
			return nil, false
		}
	}
	touched := map[string]bool{}
	for _, g := range d.Gone {
		if g.Registry {
			return nil, false
		}
		for _, id := range g.ids() {
			touched[id] = true
		}
	}
	for _, r := range recs {
		if r != nil {
			for _, id := range Summarize(r).ids() {
				touched[id] = true
			}
		}
	}

	// Unchanged files the change touches, and the registry, are parsed.
	parseIdx := look.Touching(touched)
	parsed := make([]*record.Record, len(parseIdx))
	parallel.For(len(parseIdx), func(j int) {
		switch in := d.Read(parseIdx[j]); {
		case in.Parsed != nil:
			parsed[j] = in.Parsed
		case in.Err == nil:
			parsed[j], _ = parse.File(in.Path, in.Data)
		}
	})
	byIdx := make(map[int]*record.Record, len(parseIdx))
	for j, i := range parseIdx {
		byIdx[i] = parsed[j]
	}

	res = &Result{Files: len(d.Changed) + len(d.Unchanged), Checked: len(d.Changed)}
	var kept []*record.Record
	full := make(map[string]bool, len(d.Changed))
	res.Touched = map[string]bool{}
	var unread []string
	for i, in := range d.Changed {
		full[in.Path] = true
		res.Findings = append(res.Findings, finds[i]...)
		if recs[i] != nil {
			kept = append(kept, recs[i])
		} else {
			unread = append(unread, in.Path)
		}
	}
	for j, i := range parseIdx {
		path := d.Unchanged[i].Path
		if parsed[j] == nil {
			unread = append(unread, path)
			continue
		}
		kept = append(kept, parsed[j])
		if touches(look.Summary(i), touched) {
			res.Touched[path] = true
		}
	}
	for _, i := range look.Unread() {
		unread = append(unread, d.Unchanged[i].Path)
	}
	own := slices.Clone(res.Findings) // keep sorts in place
	isFull := func(p string) bool { return full[p] }
	inScope := func(path, rule string) bool { return res.Touched[path] || rule == RuleDependencyCycle }

	// First against stand-ins for only the files the parsed ones reach
	// (reference targets, and milestones they depend on, transitively).
	// Findings that depend on every ID in the repository (a dangling
	// reference's "did you mean", a duplicate's free ID, where a cycle is
	// first met) send the run round again with all of them.
	if reach := d.reach(look, kept, byIdx); reach != nil {
		stubs := map[*record.Record]bool{}
		some := append([]*record.Record(nil), kept...)
		for _, i := range reach {
			r := look.Summary(i).stub(d.Unchanged[i].Path)
			stubs[r] = true
			some = append(some, r)
		}
		res.Set = record.NewSet(some)
		res.keep(setWith(res.Set, isFull, stubs), full, unread, inScope)
		if !wholeSetNeeded(res.Findings) {
			return res, true
		}
		res.Findings = own
	}
	stubs := make(map[*record.Record]bool, len(d.Unchanged))
	all := make([]*record.Record, 0, res.Files)
	all = append(all, kept...)
	for i, s := range look.Every() {
		if _, read := byIdx[i]; read || s == nil || !s.Parsed {
			continue
		}
		r := s.stub(d.Unchanged[i].Path)
		stubs[r] = true
		all = append(all, r)
	}
	res.Set = record.NewSet(all)
	res.keep(setWith(res.Set, isFull, stubs), full, unread, inScope)
	return res, true
}

// maxReach bounds the rounds of following milestone dependencies from file
// to file before reach gives up (and every file stands in).
const maxReach = 16

// reach lists the unchanged, unparsed files that define an ID the parsed
// records point at, following depends_on from file to file so a cycle is
// seen whole; nil when the chase runs too long.
func (d *Delta) reach(look Lookup, parsed []*record.Record, read map[int]*record.Record) []int {
	want := map[string]bool{}
	for _, r := range parsed {
		sum := Summarize(r)
		for _, ref := range sum.Refs {
			want[strings.ToLower(ref)] = true
		}
		for _, it := range sum.Items {
			for _, dep := range it.DependsOn {
				want[strings.ToLower(dep)] = true
			}
		}
	}
	in := map[int]bool{}
	var out []int
	for round := 0; len(want) > 0; round++ {
		if round == maxReach {
			return nil
		}
		next := map[string]bool{}
		for _, i := range look.Defining(want) {
			if _, isRead := read[i]; isRead || in[i] {
				continue
			}
			in[i] = true
			out = append(out, i)
			for _, it := range look.Summary(i).Items {
				for _, dep := range it.DependsOn {
					next[strings.ToLower(dep)] = true
				}
			}
		}
		// Most milestones depend on others of their own timeline: those
		// need no further round.
		for _, i := range out {
			s := look.Summary(i)
			delete(next, strings.ToLower(s.ID))
			for j := range s.Items {
				delete(next, strings.ToLower(s.Items[j].ID))
			}
		}
		want = next
	}
	return out
}

// wholeSetNeeded reports findings whose text depends on every ID there is.
func wholeSetNeeded(fs []record.Finding) bool {
	for _, f := range fs {
		switch f.Rule {
		case RuleUnknownReference, RuleDuplicateID, RuleDependencyCycle:
			return true
		}
	}
	return false
}

// defines reports whether the file defines one of the lower-cased IDs.
func (s *Summary) defines(ids map[string]bool) bool {
	if ids[strings.ToLower(s.ID)] {
		return true
	}
	for i := range s.Items {
		if ids[strings.ToLower(s.Items[i].ID)] {
			return true
		}
	}
	return false
}

// Defines reports whether the file defines one of the lower-cased IDs.
func Defines(s *Summary, ids map[string]bool) bool { return s.defines(ids) }

// Touches reports whether the file defines or references one of the
// lower-cased IDs.
func Touches(s *Summary, ids map[string]bool) bool { return touches(s, ids) }

// touches reports whether a file defines or references one of the IDs.
func touches(s *Summary, ids map[string]bool) bool {
	if len(ids) == 0 {
		return false
	}
	if s.defines(ids) {
		return true
	}
	for _, ref := range s.Refs {
		if ids[strings.ToLower(ref)] {
			return true
		}
	}
	for i := range s.Items {
		for _, dep := range s.Items[i].DependsOn {
			if ids[strings.ToLower(dep)] {
				return true
			}
		}
	}
	return false
}

// scan lists, in order, the i in 0..n-1 for which match holds, testing
// slices of them on every core. match must only read shared state.
func scan(n int, match func(i int) bool) []int {
	const slice = 2048
	parts := make([][]int, (n+slice-1)/slice)
	parallel.For(len(parts), func(p int) {
		for i := p * slice; i < min(n, (p+1)*slice); i++ {
			if match(i) {
				parts[p] = append(parts[p], i)
			}
		}
	})
	var out []int
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}
