// Package docs carries igf's reference pages inside the binary, so
// `igf help format`, `igf help dates`, `igf help owners` and `igf help output` print the very
// text of this folder: one source, read on GitHub and in the terminal.
package docs

import (
	_ "embed"
	"strings"
)

// Format is format.md, the reference of the record format.
//
//go:embed format.md
var Format string

// Output is output.md, the output flags every list takes.
//
//go:embed output.md
var Output string

// Section is the part of a Markdown page under the heading titled title
// (any level), up to the next heading of the same or a higher level; "" when
// there is no such heading. Headings inside fenced code blocks do not count.
func Section(page, title string) string {
	lines := strings.SplitAfter(page, "\n")
	start, level := -1, 0
	fence := false
	for i, line := range lines {
		trimmed := strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(trimmed, "```") {
			fence = !fence
			continue
		}
		if fence || !strings.HasPrefix(trimmed, "#") {
			continue
		}
		n := len(trimmed) - len(strings.TrimLeft(trimmed, "#"))
		text := strings.TrimSpace(trimmed[n:])
		if start >= 0 && n <= level {
			return strings.TrimRight(strings.Join(lines[start:i], ""), "\n") + "\n"
		}
		if start < 0 && strings.EqualFold(text, title) {
			start, level = i, n
		}
	}
	if start < 0 {
		return ""
	}
	return strings.TrimRight(strings.Join(lines[start:], ""), "\n") + "\n"
}
