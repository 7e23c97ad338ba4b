package edit

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/igf-records/igf/pkg/core/record"
)

// emptyPeople is `people: []` (a new registry's skeleton), with any comment.
var emptyPeople = regexp.MustCompile(`^people:[ \t]*\[[ \t]*\][ \t]*(#.*)?$`)

// AddPeople appends entries (YAML list items, as importer.PersonYAML writes
// them, at the indent the registry's people use) to the people: list of a
// registry file, changing no other byte: after the last entry when the list
// is written as a block, in place of `people: []`, or as a new people: block
// before the closing --- when there is none. rec is data parsed.
func AddPeople(data []byte, rec *record.Record, entries func(indent int, nl string) string) ([]byte, error) {
	if rec.Registry == nil {
		return nil, fmt.Errorf("%s is not a registry", rec.Path)
	}
	nl := "\n"
	if bytes.Contains(data, []byte("\r\n")) {
		nl = "\r\n"
	}
	lines := lineStarts(data)
	lineAt := func(n int) (int, int) { // byte range of file line n (1-based), without its end
		s := lines[n-1]
		e := len(data)
		if n < len(lines) {
			e = lines[n] - 1
		}
		if e > s && data[e-1] == '\r' {
			e--
		}
		return s, e
	}
	closing := rec.BodyLine - 1 // the closing --- line
	if closing < 1 || closing > len(lines) {
		return nil, fmt.Errorf("%s: cannot find the end of the front matter", rec.Path)
	}
	key, ok := rec.FieldPos["/people"]
	if !ok {
		at := lines[closing-1]
		return splice(data, at, at, "people:"+nl+entries(2, nl)), nil
	}
	if key.Col != 1 {
		return nil, fmt.Errorf("%s:%d: people: is not a top-level field", rec.Path, key.Line)
	}
	s, e := lineAt(key.Line)
	if emptyPeople.Match(data[s:e]) {
		return splice(data, s, e, "people:"+nl+strings.TrimSuffix(entries(2, nl), nl)), nil
	}
	n := 0
	for {
		if _, ok := rec.FieldPos[fmt.Sprintf("/people/%d/id", n)]; !ok {
			break
		}
		n++
	}
	if n == 0 {
		return nil, fmt.Errorf("%s:%d: people: is not a block list of entries (- id: ...); write it as one to add people", rec.Path, key.Line)
	}
	first := rec.FieldPos["/people/0/id"]
	if first.Line == key.Line {
		return nil, fmt.Errorf("%s:%d: people: is written on one line; write it as a block list (- id: ...) to add people", rec.Path, key.Line)
	}
	indent := first.Col - 3 // "- id:": the dash two columns before the key
	if indent < 0 {
		indent = 0
	}
	// The list ends where the next top-level field starts, or at the closing
	// ---; comment and blank lines just before that stay where they are.
	end := closing
	for k, p := range rec.FieldPos {
		if strings.Count(k, "/") == 1 && p.Col == 1 && p.Line > key.Line && p.Line < end {
			end = p.Line
		}
	}
	last := end - 1
	for last > key.Line {
		ls, le := lineAt(last)
		t := bytes.TrimSpace(data[ls:le])
		if len(t) != 0 && t[0] != '#' {
			break
		}
		last--
	}
	at := len(data)
	if last < len(lines) {
		at = lines[last]
	}
	return splice(data, at, at, entries(indent, nl)), nil
}

func lineStarts(data []byte) []int {
	out := []int{0}
	for i, c := range data {
		if c == '\n' && i+1 <= len(data) {
			out = append(out, i+1)
		}
	}
	if out[len(out)-1] == len(data) && len(data) > 0 {
		out = out[:len(out)-1]
	}
	return out
}
