// Package dates reads and compares the dates governance records write:
// exact days, months, quarters, halves, years, "early/mid/late" thirds of a
// month or year, ranges of any of these, and TBD. A date is the span of days
// it covers; it sorts by its start and is overdue only after its end.
package dates

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Precision says what a written date names; it picks how the date is printed.
type Precision uint8

const (
	TBD Precision = iota
	Day
	Month
	MonthPart // early/mid/late third of a month
	Quarter
	Half
	YearPart // early/mid/late third of a year
	Year
	Range
)

// Date is a span of whole days [Start, End], both inclusive, in UTC.
// The zero Date is "not given"; it behaves as TBD but prints as nothing.
type Date struct {
	Start, End time.Time
	Precision  Precision
	text       string // canonical form
}

// Error says why a date could not be read and, when the text reads as a
// date written another way, what igf would write.
type Error struct {
	Input  string
	Reason string
	Meant  *Meaning // what the writer seems to have meant; nil when unknown
}

// Message says what is wrong and what was probably meant, without the list
// of forms: findings give that as their hint.
func (e *Error) Message() string {
	if e.Meant != nil {
		if s := e.Meant.Suggestion(); s != "" {
			return fmt.Sprintf("invalid date %q: %s", e.Input, s)
		}
	}
	return fmt.Sprintf("invalid date %q: %s", e.Input, e.Reason)
}

// Error is Message, with the forms when there is no suggestion, for
// commands that print the error alone.
func (e *Error) Error() string {
	if e.Meant != nil {
		return e.Message()
	}
	return e.Message() + " (write " + FormList() + ")"
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func lastOfMonth(y int, m time.Month) time.Time { return day(y, m+1, 0) }

// Parse reads a written date. When it cannot, the error says what igf
// would write for a date written another way ("4 October 2016"). It never
// panics on any input.
func Parse(s string) (Date, error) { return ParseNear(s, Date{}) }

// ParseNear is Parse, with the suggestions for a mistyped date taking the
// year the text leaves out from near (a record's own date).
func ParseNear(s string, near Date) (Date, error) {
	d, err := parse(s)
	if err != nil {
		e := err.(*Error)
		if m, ok := Recognize(s, near); ok {
			e.Meant = &m
		} else if why := impossible(s); why != "" {
			e.Reason = why
		}
	}
	return d, err
}

// parse reads igf's own forms only.
func parse(s string) (Date, error) {
	in := s
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, &Error{Input: in, Reason: "empty"}
	}
	if strings.EqualFold(s, "tbd") {
		return Date{text: "TBD"}, nil
	}
	if a, b, ok := strings.Cut(s, "/"); ok {
		from, err := parseSingle(a)
		if err != nil {
			return Date{}, &Error{Input: in, Reason: "range start: " + err.(*Error).Reason}
		}
		to, err := parseSingle(b)
		if err != nil {
			return Date{}, &Error{Input: in, Reason: "range end: " + err.(*Error).Reason}
		}
		if to.End.Before(from.Start) {
			return Date{}, &Error{Input: in, Reason: "range ends before it starts"}
		}
		return Date{Start: from.Start, End: to.End, Precision: Range, text: from.text + "/" + to.text}, nil
	}
	return parseSingle(s)
}

// MustParse is for tests and constants.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

var parts = map[string]int{"early": 0, "mid": 1, "late": 2}

func parseSingle(s string) (Date, error) {
	in := s
	s = strings.TrimSpace(s)
	fields := strings.Split(s, "-")
	if len(fields) > 3 {
		return Date{}, &Error{Input: in, Reason: "too many parts"}
	}
	y, err := number(fields[0], 4)
	if err != nil || y < 1 {
		return Date{}, &Error{Input: in, Reason: "the year must be four digits"}
	}
	if len(fields) == 1 {
		return Date{Start: day(y, 1, 1), End: day(y, 12, 31), Precision: Year, text: fields[0]}, nil
	}
	second := fields[1]
	if p, ok := parts[strings.ToLower(second)]; ok && len(fields) == 2 {
		startMonth := time.Month(1 + 4*p)
		return Date{Start: day(y, startMonth, 1), End: lastOfMonth(y, startMonth+3), Precision: YearPart,
			text: fmt.Sprintf("%04d-%s", y, strings.ToLower(second))}, nil
	}
	if len(second) == 2 && (second[0] == 'Q' || second[0] == 'q') && len(fields) == 2 {
		q, err := number(second[1:], 1)
		if err != nil || q < 1 || q > 4 {
			return Date{}, &Error{Input: in, Reason: "a quarter is Q1 to Q4"}
		}
		m := time.Month(3*q - 2)
		return Date{Start: day(y, m, 1), End: lastOfMonth(y, m+2), Precision: Quarter, text: fmt.Sprintf("%04d-Q%d", y, q)}, nil
	}
	if len(second) == 2 && (second[0] == 'H' || second[0] == 'h') && len(fields) == 2 {
		h, err := number(second[1:], 1)
		if err != nil || h < 1 || h > 2 {
			return Date{}, &Error{Input: in, Reason: "a half is H1 or H2"}
		}
		m := time.Month(6*h - 5)
		return Date{Start: day(y, m, 1), End: lastOfMonth(y, m+5), Precision: Half, text: fmt.Sprintf("%04d-H%d", y, h)}, nil
	}
	mo, err := number(second, 2)
	if err != nil || mo < 1 || mo > 12 {
		return Date{}, &Error{Input: in, Reason: "the month must be 01 to 12"}
	}
	m := time.Month(mo)
	if len(fields) == 2 {
		return Date{Start: day(y, m, 1), End: lastOfMonth(y, m), Precision: Month, text: fmt.Sprintf("%04d-%02d", y, mo)}, nil
	}
	third := fields[2]
	if p, ok := parts[strings.ToLower(third)]; ok {
		start := day(y, m, 1+10*p)
		end := day(y, m, 10+10*p)
		if p == 2 {
			end = lastOfMonth(y, m)
		}
		return Date{Start: start, End: end, Precision: MonthPart, text: fmt.Sprintf("%04d-%02d-%s", y, mo, strings.ToLower(third))}, nil
	}
	d, err := number(third, 2)
	if err != nil {
		return Date{}, &Error{Input: in, Reason: "the day must be two digits, or early, mid or late"}
	}
	if d < 1 || d > lastOfMonth(y, m).Day() {
		return Date{}, &Error{Input: in, Reason: fmt.Sprintf("%s %d has no day %d", m, y, d)}
	}
	t := day(y, m, d)
	return Date{Start: t, End: t, Precision: Day, text: fmt.Sprintf("%04d-%02d-%02d", y, mo, d)}, nil
}

func number(s string, width int) (int, error) {
	if len(s) != width {
		return 0, strconv.ErrSyntax
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, strconv.ErrSyntax
		}
	}
	return strconv.Atoi(s)
}

// OfTime is the day t falls on (in t's own zone).
func OfTime(t time.Time) Date {
	d := day(t.Year(), t.Month(), t.Day())
	return Date{Start: d, End: d, Precision: Day, text: d.Format("2006-01-02")}
}

// Span is the range of days from start to end, written as a day range.
func Span(start, end time.Time) Date {
	a, b := OfTime(start), OfTime(end)
	return Date{Start: a.Start, End: b.End, Precision: Range, text: a.text + "/" + b.text}
}

// IsTBD reports whether the date is to be determined (or not given).
func (d Date) IsTBD() bool { return d.Precision == TBD }

// IsZero reports whether no date was given at all.
func (d Date) IsZero() bool { return d.text == "" }

// String is the canonical written form: "TBD", or "" when not given.
func (d Date) String() string { return d.text }

// Before reports whether d sorts before e: by start, then by end; TBD last.
func (d Date) Before(e Date) bool {
	if d.IsTBD() || e.IsTBD() {
		return !d.IsTBD() && e.IsTBD()
	}
	if !d.Start.Equal(e.Start) {
		return d.Start.Before(e.Start)
	}
	return d.End.Before(e.End)
}

// Compare orders dates as Before does: -1, 0 or +1.
func Compare(a, b Date) int {
	switch {
	case a.Before(b):
		return -1
	case b.Before(a):
		return 1
	}
	return 0
}

// OverdueOn reports whether the whole span has passed by day today.
func (d Date) OverdueOn(today Date) bool {
	return !d.IsTBD() && !today.IsTBD() && d.End.Before(today.Start)
}

// Overlaps reports whether d and e share at least one day.
func (d Date) Overlaps(e Date) bool {
	if d.IsTBD() || e.IsTBD() {
		return false
	}
	return !d.End.Before(e.Start) && !e.End.Before(d.Start)
}

// Within reports whether the whole of d lies inside e.
func (d Date) Within(e Date) bool {
	if d.IsTBD() || e.IsTBD() {
		return false
	}
	return !d.Start.Before(e.Start) && !d.End.After(e.End)
}

// Human says the date as a person would read it in a report:
// "1 March 2024", "September 2024", "mid-April 2024", "27–31 May 2024", "TBD".
func (d Date) Human() string {
	switch d.Precision {
	case TBD:
		return d.text
	case Day:
		return d.Start.Format("2 January 2006")
	case Month:
		return d.Start.Format("January 2006")
	case MonthPart:
		return partName(d.text) + "-" + d.Start.Format("January 2006")
	case Quarter, Half:
		return d.text[5:] + " " + d.text[:4]
	case YearPart:
		return partName(d.text) + " " + d.text[:4]
	case Year:
		return d.text
	}
	a, b := d.Start, d.End
	switch {
	case a.Year() == b.Year() && a.Month() == b.Month():
		return fmt.Sprintf("%d–%s", a.Day(), b.Format("2 January 2006"))
	case a.Year() == b.Year():
		return fmt.Sprintf("%s – %s", a.Format("2 January"), b.Format("2 January 2006"))
	}
	return fmt.Sprintf("%s – %s", a.Format("2 January 2006"), b.Format("2 January 2006"))
}

func partName(text string) string {
	for p := range parts {
		if strings.HasSuffix(text, p) {
			return p
		}
	}
	return ""
}

// ParsePeriod reads a reporting period: any date form, plus "2024Q1" and "2024H2".
func ParsePeriod(s string) (Date, error) {
	t := strings.TrimSpace(s)
	if len(t) == 6 && (t[4] == 'Q' || t[4] == 'q' || t[4] == 'H' || t[4] == 'h') {
		t = t[:4] + "-" + t[4:]
	}
	d, err := Parse(t)
	if err == nil && d.IsTBD() {
		return Date{}, &Error{Input: s, Reason: "a period cannot be TBD"}
	}
	return d, err
}

// MarshalJSON writes the canonical form, or null when no date was given.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + d.text + `"`), nil
}

// MarshalText writes the canonical form, so JSON shows "2024-09", not a struct.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads any written form.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
