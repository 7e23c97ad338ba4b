package importer

import (
	"strings"
	"unicode/utf8"
)

// kind is what a block of minutes is.
type kind uint8

const (
	heading kind = iota + 1
	para
	item
)

// block is one heading, paragraph or list item of the minutes, whatever
// their format: the readers of Markdown, plain text and HTML all produce
// blocks, and the inference reads only blocks.
type block struct {
	kind  kind
	level int    // a heading's level (1-6); a list item's depth (0 at the top)
	text  string // the visible text, one line per source line, markup gone
	line  int    // the input's 1-based line where the block starts
	num   int    // an ordered item's number, 0 otherwise
	// parent is the index of the item a nested item sits in, -1 otherwise.
	parent int
	// tracked: igf reads the block as an item already (a task item, or text
	// with an {#id}): it is the record's own, never restated.
	tracked bool
}

// first is the block's first line.
func (b *block) first() string {
	if i := strings.IndexByte(b.text, '\n'); i >= 0 {
		return b.text[:i]
	}
	return b.text
}

// flat is the block's text on one line.
func (b *block) flat() string { return strings.Join(strings.Fields(b.text), " ") }

// short reports whether a block is a line or two, not prose: a title line, a
// date, a name.
func (b *block) short() bool { return utf8.RuneCountInString(b.flat()) <= 120 }

// lineOffsets maps byte offsets of the input to lines.
type lineOffsets []int

func newLineOffsets(src []byte) lineOffsets {
	lo := lineOffsets{0}
	for i, c := range src {
		if c == '\n' {
			lo = append(lo, i+1)
		}
	}
	return lo
}

// line is the 1-based line holding byte offset off.
func (lo lineOffsets) line(off int) int {
	l, h := 0, len(lo)
	for l < h {
		m := (l + h) / 2
		if lo[m] <= off {
			l = m + 1
		} else {
			h = m
		}
	}
	return l
}
