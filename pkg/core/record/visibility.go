package record

import "strings"

// Lines that open and close a restricted passage of a record's body: the
// text between them (a personal note, a recording link, an item) is left out
// of every public output. HTML comments, so GitHub shows neither marker.
const (
	RestrictedOpen  = "<!-- restricted -->"
	RestrictedClose = "<!-- /restricted -->"
)

// RestrictedBlocks lists the file lines of the body's restricted passages,
// markers included. A passage never closed runs to the end of the body
// (unclosed is then its opening line; validate reports it); a stray close
// is reported the same way through stray.
func (r *Record) RestrictedBlocks() (spans [][2]int, unclosed, stray int) {
	open := 0
	line := r.BodyLine
	for _, l := range strings.Split(r.Text, "\n") {
		switch strings.ToLower(strings.TrimSpace(l)) {
		case RestrictedOpen:
			if open == 0 {
				open = line
			}
		case RestrictedClose:
			if open == 0 {
				if stray == 0 {
					stray = line
				}
			} else {
				spans = append(spans, [2]int{open, line})
				open = 0
			}
		}
		line++
	}
	if open != 0 {
		spans = append(spans, [2]int{open, line - 1})
		unclosed = open
	}
	return spans, unclosed, stray
}
