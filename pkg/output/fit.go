package output

import (
	"strings"

	"github.com/mattn/go-runewidth"
)

// Width is the number of terminal columns s takes: wide East Asian
// characters count two, combining marks none.
func Width(s string) int { return runewidth.StringWidth(s) }

// Cut shortens s to at most w columns, ending it with "…" when it had to.
func Cut(s string, w int) string {
	if Width(s) <= w {
		return s
	}
	if w <= 0 {
		return ""
	}
	return runewidth.Truncate(s, w, "…")
}

// CutLeft shortens s to at most w columns from the left ("…/iww-2024.md:10"),
// for paths, whose end says the most.
func CutLeft(s string, w int) string {
	if Width(s) <= w {
		return s
	}
	if w <= 0 {
		return ""
	}
	r := []rune(s)
	for i := range r {
		if Width(string(r[i:])) <= w-1 {
			return "…" + string(r[i:])
		}
	}
	return "…"
}

// Truncate shortens s to n columns with an ellipsis, for terminal tables.
func Truncate(s string, n int) string {
	if n <= 1 {
		return s
	}
	return Cut(s, n)
}

// giving says, by header, which columns give way when a table is wider
// than the terminal, first to last, and how narrow each may get: a long
// title down to 30 columns, then the secondary columns (where it is written, who owns it, a long date
// range), dates in words and bodies, then the title; if that is not
// enough, the widest column other than the ID (which people copy), one
// column of width at a time. Paths are cut from the left, where their end
// (file and line) says the most.
var giving = []struct {
	header string
	min    int
	left   bool
}{
	{"title", 30, false}, {"subject", 30, false},
	{"source", 10, true}, {"path", 10, true}, {"owners", 8, false}, {"memberships", 10, false},
	{"record_title", 10, false}, {"due", 10, false}, {"author", 10, false},
	{"date", 16, false}, {"body", 8, false},
	{"title", 16, false}, {"subject", 16, false}, {"name", 16, false},
}

// optional are the columns a table on a terminal leaves out, first to
// last, when even with every giving column at its floor the title would
// get less than titleRoom: counts and a meeting's format say less than its
// title. --wide (or a pipe) shows them; the table says which it left out.
var optional = []string{"attendees", "decisions", "format", "actions"}

// titleRoom is the least a title column should get before optional
// columns go.
const titleRoom = 24

// drop says which columns to leave out so that the title gets titleRoom
// columns within max: optional ones, in order, while the narrowest the
// others can get still leaves the title less.
func drop(headers []string, widths []int, gap, max int) []bool {
	out := make([]bool, len(widths))
	if max <= 0 {
		return out
	}
	title := -1
	for i, h := range headers {
		if strings.EqualFold(h, "title") && i < len(widths) {
			title = i
		}
	}
	if title < 0 {
		return out
	}
	floor := func(i int) int {
		w := widths[i]
		for _, g := range giving {
			if strings.EqualFold(headers[i], g.header) && w > g.min {
				w = g.min
			}
		}
		return w
	}
	need := func() int {
		n, cols := 0, 0
		for i := range widths {
			if out[i] {
				continue
			}
			cols++
			if i == title {
				n += min(widths[i], titleRoom)
			} else {
				n += floor(i)
			}
		}
		return n + gap*(cols-1)
	}
	for _, name := range optional {
		if need() <= max {
			break
		}
		for i, h := range headers {
			if i < len(widths) && strings.EqualFold(h, name) {
				out[i] = true
			}
		}
	}
	return out
}

// fit narrows column widths so that a row, with gaps of gap columns, takes
// at most max columns: the giving columns first, each down to its floor,
// then, if that is not enough, the widest column one at a time. left[i] says
// whether column i is cut from the left. max <= 0 means no limit.
func fit(headers []string, widths []int, gap, max int) (left []bool) {
	left = make([]bool, len(widths))
	if max <= 0 || len(widths) == 0 {
		return left
	}
	over := gap*(len(widths)-1) - max
	for _, w := range widths {
		over += w
	}
	for _, g := range giving {
		if over <= 0 {
			return left
		}
		for i, h := range headers {
			if i < len(widths) && strings.EqualFold(h, g.header) && widths[i] > g.min {
				cut := min(over, widths[i]-g.min)
				widths[i] -= cut
				over -= cut
				left[i] = g.left
			}
		}
	}
	for over > 0 {
		widest := -1
		for i := range widths {
			if (i >= len(headers) || !strings.EqualFold(headers[i], "id")) && widths[i] > 6 && (widest < 0 || widths[i] > widths[widest]) {
				widest = i
			}
		}
		if widest < 0 { // only the ID and narrow columns are left
			for i := range widths {
				if widest < 0 || widths[i] > widths[widest] {
					widest = i
				}
			}
		}
		if widths[widest] <= 1 {
			break
		}
		widths[widest]--
		over--
	}
	return left
}
