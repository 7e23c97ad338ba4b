package dates

import (
	"regexp"
	"strings"
)

// monthWords are the month names and abbreviations Find looks for.
const monthWords = `jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?`

// dateShape is what a date looks like inside running text: the shapes
// Recognize reads, found in file names, title lines and deadlines.
var dateShape = regexp.MustCompile(`(?i)` +
	// 2021-11-25, 2021.11.25, 20211125
	`\b\d{4}[-./]?\d{2}[-./]?\d{2}\b` +
	// 30 March to 1 April 2022, 27–31 May 2024
	`|\b\d{1,2}(?:st|nd|rd|th)?(?:\s+(?:` + monthWords + `)\.?)?\s*(?:-|–|—|to|until)\s*\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:` + monthWords + `)\.?,?\s+\d{4}\b` +
	// 25 November 2021, 1st March 2024, 19 December
	`|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:` + monthWords + `)\b\.?,?(?:\s+\d{4}\b)?` +
	// November 25th, 2021; Oct 4, 2016; December 16th
	`|\b(?:` + monthWords + `)\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+\d{4}\b)?` +
	// mid-October 2016, early May 2024, end of March 2024, September 2024
	`|\b(?:(?:early|mid|late|beginning of|end of|the end of)[-\s]+)?(?:` + monthWords + `)\.?\s+\d{4}\b` +
	// early May, mid-April (the year is the reference's)
	`|\b(?:early|mid|late|beginning of|end of)[-\s]+(?:` + monthWords + `)\b` +
	// Q3 2024, 2024-Q3, H1 2024, early 2024, the beginning of 2024
	`|\bq[1-4]\s+\d{4}\b|\b\d{4}-[qh][1-4]\b|\bh[12]\s+\d{4}\b|\b(?:early|mid|late|beginning of|end of)[-\s]+\d{4}\b` +
	// 16/10/2016, 1/12/22, 16.10.2016
	`|\b\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b`)

// twoDigitYear is how Recognize says it took '22 for 2022.
var twoDigitYear = regexp.MustCompile(`'\d\d read as \d{4}`)

// Found is a date written inside a text, as Recognize reads it.
type Found struct {
	Start, End int     // byte offsets of the date in the text
	Text       string  // as written
	Meaning    Meaning // what Recognize makes of it
	OK         bool    // false: it looks like a date but is none ("31 February 2024")
	Why        string  // when !OK, why not
}

// Find lists the dates written in running text — a file name, a title line,
// "send it by 19 December" — in order, each read by Recognize with ref (the
// year a text leaves out). It is the one way igf finds dates in prose, as
// Recognize is the one way it reads one.
func Find(text string, ref Date) []Found {
	var out []Found
	for _, loc := range dateShape.FindAllStringIndex(text, -1) {
		s := text[loc[0]:loc[1]]
		f := Found{Start: loc[0], End: loc[1], Text: s}
		f.Meaning, f.OK = Recognize(s, ref)
		if !f.OK {
			if f.Why = impossible(s); f.Why == "" {
				f.Why = "not a date igf reads"
			}
		}
		out = append(out, f)
	}
	return out
}

// Sure is the one date a found text names without guessing: written in full,
// or leaving out only what ref gives (the year), or one of igf's own vague
// forms ("end of March" is late March). A text that reads two ways, names no
// year igf can take, or writes a two-digit year is no date: why says so.
func (f Found) Sure() (d Date, why string) {
	if !f.OK {
		return Date{}, f.Why
	}
	m := f.Meaning
	switch m.Confidence {
	case Exact, Certain:
		return m.Readings[0].Date, ""
	case Likely:
		if twoDigitYear.MatchString(m.Assumed) {
			return Date{}, "a two-digit year (" + m.Assumed + ")"
		}
		return m.Readings[0].Date, ""
	case Ambiguous:
		var rs []string
		for _, r := range m.Readings {
			rs = append(rs, r.Text+" ("+r.As+")")
		}
		return Date{}, "it reads as " + strings.Join(rs, " or ")
	}
	return Date{}, "it names no year"
}
