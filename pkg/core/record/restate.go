package record

import (
	"strings"
	"unicode/utf8"
)

// Restates reports whether one of the record's items says text again: an
// action or decision whose title — case, blanks and Markdown emphasis marks
// aside — stands inside text. Records restate what their prose says as items
// igf tracks (igf import does, and so do editors: "restated from the notes
// above"); the prose is then neither an untracked action nor an undecided
// decision. Titles under three words or twelve letters are too common to tell.
func (r *Record) Restates(text string) bool {
	if len(r.Items) == 0 {
		return false
	}
	t := plainWords(text)
	for _, it := range r.Items {
		if it.Kind == KindMilestone {
			continue
		}
		title := plainWords(it.Title)
		if utf8.RuneCountInString(title) >= 12 && strings.Count(title, " ") >= 2 && strings.Contains(t, title) {
			return true
		}
	}
	return false
}

// plainWords is text lower-cased, without *, _ and `, its blanks collapsed.
func plainWords(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '*', '_', '`':
			return -1
		}
		return r
	}, s)
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}
