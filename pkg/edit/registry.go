package edit

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
)

var (
	topKey    = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*\s*:`)
	peopleKey = regexp.MustCompile(`^people\s*:\s*(.*?)\s*(#.*)?$`)
)

// AddListEntry adds entry, the YAML lines of one list item written at
// indent 0 ("- id: LF\n  name: ..."), at the end of the top-level list
// key of a record's front matter, indented as the list's items are; every
// other byte stays as it was. An empty flow list (`people: []`) becomes a
// block list, and a missing key is added at the end of the front matter.
func AddListEntry(data []byte, key, entry string) ([]byte, error) {
	keyLine := peopleKey
	if key != "people" {
		keyLine = regexp.MustCompile(`^` + regexp.QuoteMeta(key) + `\s*:\s*(.*?)\s*(#.*)?$`)
	}
	nl := "\n"
	if bytes.Contains(data, []byte("\r\n")) {
		nl = "\r\n"
	}
	lines := strings.SplitAfter(string(data), "\n")
	body := func(l string) string { return strings.TrimRight(l, "\r\n") }
	start := 0
	if len(lines) > 0 && strings.TrimPrefix(body(lines[0]), "\ufeff") == "---" {
		start = 1
	} else {
		return nil, fmt.Errorf("no front matter")
	}
	end := -1 // the closing --- line
	for i := start; i < len(lines); i++ {
		if body(lines[i]) == "---" {
			end = i
			break
		}
	}
	if end < 0 {
		return nil, fmt.Errorf("the front matter is not closed")
	}
	indentEntry := func(ind string) string {
		var b strings.Builder
		for _, l := range strings.Split(strings.TrimRight(entry, "\n"), "\n") {
			b.WriteString(ind + l + nl)
		}
		return b.String()
	}
	splice := func(at int, text string, replace bool) []byte {
		var b strings.Builder
		for i, l := range lines {
			if i == at {
				b.WriteString(text)
				if replace {
					continue
				}
			}
			b.WriteString(l)
		}
		return []byte(b.String())
	}
	k := -1
	for i := start; i < end; i++ {
		if keyLine.MatchString(body(lines[i])) {
			k = i
			break
		}
	}
	if k < 0 {
		return splice(end, key+":"+nl+indentEntry("  "), false), nil
	}
	m := keyLine.FindStringSubmatch(body(lines[k]))
	switch value := m[1]; {
	case value == "[]":
		comment := ""
		if m[2] != "" {
			comment = " " + m[2]
		}
		return splice(k, key+":"+comment+nl+indentEntry("  "), true), nil
	case value != "":
		return nil, fmt.Errorf("%s: is written as %s on one line; add the entry by hand, or write the list one item a line", key, value)
	}
	// A block list: items run until the next top-level key or the end of the
	// front matter; the entry goes after the last line of the last item, so
	// comments that head the next key stay with it.
	last, ind := k, "  "
	foundItem := false
	for i := k + 1; i < end; i++ {
		l := body(lines[i])
		if topKey.MatchString(l) {
			break
		}
		t := strings.TrimLeft(l, " ")
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if strings.HasPrefix(t, "- ") || t == "-" {
			if !foundItem {
				ind = l[:len(l)-len(t)]
				foundItem = true
			}
		}
		last = i
	}
	return splice(last+1, indentEntry(ind), false), nil
}
