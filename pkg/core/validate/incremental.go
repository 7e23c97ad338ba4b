package validate

import (
	"runtime"
	"strings"
	"sync"

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
	// Read supplies Unchanged[i]'s bytes, for the few files the change
	// touches: they are parsed so their errors can be reported in place.
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
	each(len(d.Changed), func(i int) {
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
	var parseIdx []int
	for i, u := range d.Unchanged {
		if u.Sum != nil && u.Sum.Parsed && (u.Sum.Registry || touches(u.Sum, touched)) {
			parseIdx = append(parseIdx, i)
		}
	}
	parsed := make([]*record.Record, len(parseIdx))
	each(len(parseIdx), func(j int) {
		if in := d.Read(parseIdx[j]); in.Err == nil {
			parsed[j], _ = parse.File(in.Path, in.Data)
		}
	})
	byIdx := make(map[int]*record.Record, len(parseIdx))
	for j, i := range parseIdx {
		byIdx[i] = parsed[j]
	}

	res = &Result{Files: len(d.Changed) + len(d.Unchanged), Checked: len(d.Changed)}
	kept := make([]*record.Record, 0, res.Files)
	stubs := make(map[*record.Record]bool, len(d.Unchanged))
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
			continue
		}
		if u.Sum == nil || !u.Sum.Parsed {
			unread = append(unread, u.Path)
			continue
		}
		r := u.Sum.stub(u.Path)
		stubs[r] = true
		kept = append(kept, r)
	}
	res.Set = record.NewSet(kept)
	isFull := func(p string) bool { return full[p] }
	res.keep(setWith(res.Set, isFull, stubs), full, unread, func(path, rule string) bool {
		return res.Touched[path] || rule == RuleDependencyCycle
	})
	return res, true
}

// touches reports whether a file defines or references one of the IDs.
func touches(s *Summary, ids map[string]bool) bool {
	if len(ids) == 0 {
		return false
	}
	for _, id := range s.ids() {
		if ids[id] {
			return true
		}
	}
	for _, ref := range s.Refs {
		if ids[strings.ToLower(ref)] {
			return true
		}
	}
	return false
}

// each calls f(0..n-1) on every core.
func each(n int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(n, runtime.GOMAXPROCS(0)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
