package validate

import (
	"sort"
	"strings"
	"sync"

	"github.com/igf-records/igf/internal/parallel"
	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/record"
)

// Input is one file of a repository, as a source supplies it.
type Input struct {
	Path string
	Data []byte
	// Err is set when the source could not supply the bytes (too large,
	// unreadable, a link out of the repository); it is the file's finding.
	Err *record.Finding
	// Full asks for every check of the file itself. Otherwise the file is
	// only read so the cross-record rules see the whole repository.
	Full bool
	// Parsed, for a file that is not Full, is its record as a source already
	// parsed it (from a cache, say): Data is then not needed.
	Parsed *record.Record
}

// Options choose which findings a run reports.
type Options struct {
	// CrossEverywhere reports cross-record errors in every file, not only in
	// full ones: a change to the registry can break a file nobody touched.
	CrossEverywhere bool
}

// Result is what a run found.
type Result struct {
	Findings []record.Finding // by path, then line and column
	Files    int              // files read
	Checked  int              // files checked fully
	Set      *record.Set
	// Touched, after an incremental run, names the unchanged files whose
	// cross-record errors were reported because the change touches them.
	Touched map[string]bool
}

// Errors and Warnings count the findings by severity.
func (r *Result) Errors() int   { return r.count(record.SeverityError) }
func (r *Result) Warnings() int { return r.count(record.SeverityWarning) }

func (r *Result) count(sev string) int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity == sev {
			n++
		}
	}
	return n
}

// Run checks n files, get(i) supplying the i-th, on every core, then applies
// the cross-record rules to all of them together.
func Run(n int, get func(i int) Input, opt Options) *Result {
	recs := make([]*record.Record, n)
	paths := make([]string, n)
	finds := make([][]record.Finding, n)
	full := make(map[string]bool)
	var mu sync.Mutex
	parallel.For(n, func(i int) {
		in := get(i)
		paths[i] = in.Path
		if in.Full {
			mu.Lock()
			full[in.Path] = true
			mu.Unlock()
		}
		switch {
		case in.Err != nil:
			if in.Full {
				finds[i] = []record.Finding{*in.Err}
			}
		case in.Full:
			recs[i], finds[i] = File(in.Path, in.Data)
		case in.Parsed != nil:
			recs[i] = in.Parsed
		default:
			recs[i], _ = parse.File(in.Path, in.Data)
		}
	})

	res := &Result{Files: n, Checked: len(full)}
	var kept []*record.Record
	var unread []string
	for i := range recs {
		if recs[i] != nil {
			kept = append(kept, recs[i])
		} else if paths[i] != "" {
			unread = append(unread, paths[i])
		}
		res.Findings = append(res.Findings, finds[i]...)
	}
	res.Set = record.NewSet(kept)
	isFull := func(p string) bool { return full[p] }
	res.keep(setWith(res.Set, isFull, nil), full, unread, func(string, string) bool { return opt.CrossEverywhere })
	return res
}

// keep adds the cross-record findings a run reports: all of those in fully
// checked files, and the errors of the rest where elsewhere(path, rule) says.
func (res *Result) keep(cross []record.Finding, full map[string]bool, unread []string, elsewhere func(path, rule string) bool) {
	sort.Strings(unread)
	for _, f := range cross {
		if full[f.Path] || f.Rule == RuleNoRegistry || IsCrossRule(f.Rule) && f.Severity == record.SeverityError && elsewhere(f.Path, f.Rule) {
			// A reference into a file that could not be read dangles only
			// until that file is fixed: say so, or the cascade misleads.
			if f.Rule == RuleUnknownReference && len(unread) > 0 && !strings.Contains(f.Message, " names the ") {
				f.Hint += "; it may be in a file igf could not read: " + strings.Join(unread[:min(3, len(unread))], ", ")
			}
			res.Findings = append(res.Findings, f)
		}
	}
	Sort(res.Findings)
}

// Sort orders findings by path, line and column, keeping the rules' order otherwise.
func Sort(fs []record.Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Strict turns warnings into errors, for --strict.
func Strict(fs []record.Finding) {
	for i := range fs {
		fs[i].Severity = record.SeverityError
	}
}
