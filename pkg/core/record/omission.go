package record

import (
	"fmt"
	"sort"
)

// Omission is a file whose reading met an error, so an answer built from the
// records lacks what it holds: the whole file (no record could be read from
// it) or a part of it (a field or an item that could not be read).
type Omission struct {
	Path   string `json:"path"`
	Line   int    `json:"line"`
	Col    int    `json:"col"`
	Rule   string `json:"rule"`
	Reason string `json:"reason"`
	// Whole is true when nothing of the file was read.
	Whole bool `json:"whole"`
	// More counts the file's further errors, after the first.
	More int `json:"more_errors,omitempty"`
}

// String is "path:line:col: left out: reason" (or "read in part: reason").
func (o Omission) String() string {
	what := "read in part"
	if o.Whole {
		what = "left out"
	}
	s := fmt.Sprintf("%s:%d:%d: %s: %s [%s]", o.Path, o.Line, o.Col, what, o.Reason, o.Rule)
	if o.More == 1 {
		s += " (and 1 more error)"
	} else if o.More > 1 {
		s += fmt.Sprintf(" (and %d more errors)", o.More)
	}
	return s
}

// Omissions lists, one per file and by path, the files whose reading met an
// error: the first error of each, and how many more. Warnings leave nothing
// out and are not listed. read reports whether a record of the path is in
// the answer's set (else the whole file is left out).
func Omissions(findings []Finding, read func(path string) bool) []Omission {
	byPath := map[string]int{}
	var out []Omission
	for _, f := range findings {
		if f.Severity != SeverityError {
			continue
		}
		if i, ok := byPath[f.Path]; ok {
			o := &out[i]
			if f.Line < o.Line || f.Line == o.Line && f.Col < o.Col {
				o.Line, o.Col, o.Rule, o.Reason = f.Line, f.Col, f.Rule, f.Message
			}
			o.More++
			continue
		}
		byPath[f.Path] = len(out)
		out = append(out, Omission{Path: f.Path, Line: f.Line, Col: f.Col, Rule: f.Rule, Reason: f.Message, Whole: !read(f.Path)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}
