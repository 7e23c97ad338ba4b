package importer

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// bullet is a line that starts a list item in plain text: the marks Word's
// "plain text" export and e-mail use, and numbers or letters (1. a) iv.).
var bullet = regexp.MustCompile(`^([ \t]*)(?:[•·▪◦‣○●■□➢►*+\-–—]|o(?:\s)|(\d{1,3})[.)]|\(?(\d{1,3})\)|[a-z][.)]|[ivx]{1,5}[.)])[ \t]+(\S.*)$`)

// textBlocks reads plain text: blank lines separate blocks; a lone short line
// without a full stop is a heading; lines that start with a bullet or a
// number are list items, and so are runs of short lines (a list of names);
// anything else is a paragraph, its lines kept. Tabs (Word's table cells)
// become " | ".
func textBlocks(src []byte) []block {
	text := strings.ReplaceAll(string(src), "\r\n", "\n")
	lines := strings.Split(text, "\n")
	var out []block
	for i := 0; i < len(lines); {
		if strings.TrimSpace(lines[i]) == "" {
			i++
			continue
		}
		start := i
		for i < len(lines) && strings.TrimSpace(lines[i]) != "" {
			i++
		}
		out = appendGroup(out, lines[start:i], start+1)
	}
	if len(out) > 0 && out[0].kind == heading {
		out[0].level = 1
	}
	return out
}

func appendGroup(out []block, group []string, line int) []block {
	for j := range group {
		group[j] = strings.TrimRight(strings.ReplaceAll(group[j], "\t", " | "), " |")
	}
	if len(group) == 1 && isTextHeading(group[0]) {
		return append(out, block{kind: heading, level: 2, text: strings.TrimSpace(group[0]), line: line, parent: -1})
	}
	// Word's plain-text export writes a paragraph a line, with no blank line
	// between: a line far longer than any hard-wrapped one says so, and each
	// line is then a block of its own.
	if len(group) > 1 && !bullet.MatchString(group[0]) {
		for _, l := range group {
			if utf8.RuneCountInString(l) > 100 {
				for j, l := range group {
					out = appendGroup(out, []string{l}, line+j)
				}
				return out
			}
		}
	}
	bullets, longest := 0, 0
	for _, l := range group {
		if bullet.MatchString(l) {
			bullets++
		}
		longest = max(longest, utf8.RuneCountInString(strings.TrimSpace(l)))
	}
	switch {
	case bullets > 0 && bullet.MatchString(group[0]):
		// Items; a line without a bullet continues the item above it. An
		// item indented more than the one above sits in it.
		type open struct{ indent, at int }
		var stack []open
		var more []string // lines continuing the last item, joined once (+= would be quadratic)
		flush := func() {
			if len(more) > 0 {
				out[len(out)-1].text += "\n" + strings.Join(more, "\n")
				more = more[:0]
			}
		}
		for j, l := range group {
			m := bullet.FindStringSubmatch(l)
			if m == nil {
				more = append(more, strings.TrimSpace(l))
				continue
			}
			flush()
			indent := len(strings.ReplaceAll(m[1], "\t", "    "))
			for len(stack) > 0 && stack[len(stack)-1].indent >= indent {
				stack = stack[:len(stack)-1]
			}
			parent := -1
			if len(stack) > 0 {
				parent = stack[len(stack)-1].at
			}
			b := block{kind: item, level: len(stack), text: strings.TrimSpace(m[4]), line: line + j, parent: parent}
			for _, n := range []string{m[2], m[3]} {
				if n != "" {
					b.num, _ = strconv.Atoi(n)
				}
			}
			stack = append(stack, open{indent, len(out)})
			out = append(out, b)
		}
		flush()
		return out
	case len(group) > 1 && longest <= 60:
		// A run of short lines: a list of names, an address block.
		for j, l := range group {
			out = append(out, block{kind: item, text: strings.TrimSpace(l), line: line + j, parent: -1})
		}
		return out
	}
	for j := range group {
		group[j] = strings.TrimSpace(group[j])
	}
	return append(out, block{kind: para, text: strings.Join(group, "\n"), line: line, parent: -1})
}

// isTextHeading: a lone line that reads as a title, not a sentence — short,
// no full stop at the end, not a "Label: value" line.
func isTextHeading(l string) bool {
	l = strings.TrimSpace(l)
	if utf8.RuneCountInString(l) > 80 || strings.HasSuffix(l, ".") && !strings.HasSuffix(l, "etc.") {
		return false
	}
	if i := strings.Index(l, ": "); i >= 0 && strings.TrimSpace(l[i+2:]) != "" {
		return false
	}
	return true
}
