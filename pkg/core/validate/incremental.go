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
	Sum  *Summary // nil: the file could not be read
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
	parseIdx := scan(len(d.Unchanged), func(i int) bool {
		u := d.Unchanged[i]
		return u.Sum != nil && u.Sum.Parsed && (u.Sum.Registry || touches(u.Sum, touched))
	})
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
	for i, u := range d.Unchanged {
		if r, read := byIdx[i]; read {
			if r == nil {
				unread = append(unread, u.Path)
				continue
			}
			kept = append(kept, r)
			if touches(u.Sum, touched) {
				res.Touched[u.Path] = true
			}
		} else if u.Sum == nil || !u.Sum.Parsed {
			unread = append(unread, u.Path)
		}
	}
	own := slices.Clone(res.Findings) // keep sorts in place
	isFull := func(p string) bool { return full[p] }
	inScope := func(path, rule string) bool { return res.Touched[path] || rule == RuleDependencyCycle }

	// First against stand-ins for only the files the parsed ones reach
	// (reference targets, and milestones they depend on, transitively).
	// Findings that depend on every ID in the repository (a dangling
	// reference's "did you mean", a duplicate's free ID, where a cycle is
	// first met) send the run round again with all of them.
	if reach := d.reach(kept, byIdx); reach != nil {
		stubs := map[*record.Record]bool{}
		some := append([]*record.Record(nil), kept...)
		for _, i := range reach {
			r := d.Unchanged[i].Sum.stub(d.Unchanged[i].Path)
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
	for i, u := range d.Unchanged {
		if _, read := byIdx[i]; read || u.Sum == nil || !u.Sum.Parsed {
			continue
		}
		r := u.Sum.stub(u.Path)
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
func (d *Delta) reach(parsed []*record.Record, read map[int]*record.Record) []int {
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
		found := scan(len(d.Unchanged), func(i int) bool {
			u := d.Unchanged[i]
			_, isRead := read[i]
			return u.Sum != nil && u.Sum.Parsed && !isRead && u.Sum.defines(want)
		})
		for _, i := range found {
			if in[i] {
				continue
			}
			in[i] = true
			out = append(out, i)
			for _, it := range d.Unchanged[i].Sum.Items {
				for _, dep := range it.DependsOn {
					next[strings.ToLower(dep)] = true
				}
			}
		}
		// Most milestones depend on others of their own timeline: those
		// need no further round.
		for _, i := range out {
			s := d.Unchanged[i].Sum
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
