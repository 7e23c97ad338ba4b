package dates

import (
	"errors"
	"fmt"
	"strings"
)

// Form is one way igf writes a date.
type Form struct {
	Written string // as written in a record: "2024-Q3"
	Meaning string // what it names: "a quarter"
	Covers  string // the days it covers: "1 July – 30 September 2024"
}

// Forms is the one list of the date forms igf reads. Error messages, hints
// and the table in docs/format.md are all made from it (a test checks the
// docs), so they cannot drift apart.
var Forms = []Form{
	{"2024-03-01", "a day", "that day"},
	{"2024-09", "a month", "1–30 September 2024"},
	{"2024-Q3", "a quarter", "1 July – 30 September 2024"},
	{"2024-H1", "a half year", "1 January – 30 June 2024"},
	{"2024", "a year", "1 January – 31 December 2024"},
	{"2024-04-mid", "\"mid-April\": early = days 1–10, mid = 11–20, late = 21–end", "11–20 April 2024"},
	{"2024-early", "\"early 2024\": early = Jan–Apr, mid = May–Aug, late = Sep–Dec", "1 January – 30 April 2024"},
	{"2024-05-27/2024-05-31", "a range; either end may be any form above", "27–31 May 2024"},
	{"TBD", "to be determined", "nothing: never overdue, sorts last"},
}

// FormList is the forms as a phrase: "2024-03-01, 2024-09, ... or TBD".
func FormList() string {
	ws := make([]string, len(Forms))
	for i, f := range Forms {
		ws[i] = f.Written
	}
	return strings.Join(ws[:len(ws)-1], ", ") + " or " + ws[len(ws)-1]
}

// Hint is the hint every invalid-date finding carries.
func Hint() string {
	return "dates are written " + FormList() + "; see igf help dates"
}

// FormsTable is the Markdown table of Forms, as docs/format.md shows it.
func FormsTable() string {
	var sb strings.Builder
	sb.WriteString("| written | meaning | covers |\n|---|---|---|\n")
	for _, f := range Forms {
		fmt.Fprintf(&sb, "| `%s` | %s | %s |\n", f.Written, f.Meaning, f.Covers)
	}
	return sb.String()
}

// Explain turns an error from Parse into a finding's message and hint: the
// message says what is wrong and, when the text reads as a date, what igf
// would write; the hint lists the forms.
func Explain(err error) (message, hint string) {
	var de *Error
	if errors.As(err, &de) {
		return de.Message(), Hint()
	}
	return err.Error(), Hint()
}
