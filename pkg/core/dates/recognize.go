package dates

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Confidence says how sure Recognize is of what a writer meant.
type Confidence uint8

const (
	// Exact: the text is an igf date already (stray spaces or case aside).
	Exact Confidence = iota
	// Certain: one reading, every part of it written ("4 October 2016",
	// "16/10/2016", where 16 cannot be a month).
	Certain
	// Likely: one reading that assumes something the text does not say: a
	// year taken from the reference date, a two-digit year, "end of March"
	// read as late March. Meaning.Assumed says what.
	Likely
	// Ambiguous: the text reads more than one way ("04/10/2016"); Readings
	// holds each, the most common first.
	Ambiguous
	// NoYear: the text names no year and there is no reference date to take
	// one from; each Reading's Text holds YYYY where the year goes and its
	// Date is zero.
	NoYear
)

// Reading is one igf date a writer may have meant.
type Reading struct {
	Date Date   // the date; zero when the year is unknown (NoYear)
	Text string // igf's way of writing it: "2016-10-04"
	As   string // how the text was read: "day month year", "month/day/year"
}

// Meaning is what Recognize makes of a written date.
type Meaning struct {
	Input      string
	Readings   []Reading // at least one; two or more when Ambiguous
	Confidence Confidence
	Assumed    string // for Likely: what the reading takes for granted
}

// Suggestion says the meaning as a question for an error message:
// "did you mean 2016-10-04?", and for an ambiguous text every reading.
func (m Meaning) Suggestion() string {
	if len(m.Readings) == 0 {
		return ""
	}
	switch m.Confidence {
	case Ambiguous:
		parts := make([]string, len(m.Readings))
		for i, r := range m.Readings {
			parts[i] = fmt.Sprintf("%s (%s)", r.Text, r.As)
		}
		return "ambiguous: did you mean " + strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1] + "?"
	case NoYear:
		return "did you mean " + m.Readings[0].Text + ", with the year for YYYY?"
	case Likely:
		return fmt.Sprintf("did you mean %s (%s)?", m.Readings[0].Text, m.Assumed)
	}
	return "did you mean " + m.Readings[0].Text + "?"
}

// Recognize reads a date as people write it in minutes and mail — "4
// October 2016", "Oct 4, 2016", "16/10/2016", "mid-October 2016", "early May
// 2024", "Q3 2024", "end of March", "27–31 May 2024" — and says which igf
// date the writer meant, how sure that is, and every reading when the text is
// ambiguous. ref, when not zero, gives the year a text leaves out: the first
// such date on or after ref (a deadline written in a meeting's notes falls
// after the meeting). It reports false for text it cannot read as a date.
// It never panics.
func Recognize(s string, ref Date) (Meaning, bool) {
	m := Meaning{Input: s}
	t := normalize(s)
	if t == "" || len(t) > 80 {
		return m, false
	}
	if d, err := parse(t); err == nil {
		m.Readings = []Reading{{Date: d, Text: d.String(), As: "igf's form"}}
		return m, true
	}
	if tbdWords[t] {
		d, _ := parse("TBD")
		m.Readings = []Reading{{Date: d, Text: "TBD", As: "to be determined"}}
		m.Confidence = Likely
		m.Assumed = "written " + strings.TrimSpace(s) + "; igf writes TBD"
		return m, true
	}
	ps := single(t)
	if len(ps) == 0 {
		ps = ranges(t)
	}
	if len(ps) == 0 {
		return m, false
	}
	conf := Certain
	seen := map[string]bool{}
	for _, p := range ps {
		r, c, assumed, ok := p.resolve(ref)
		if !ok || seen[r.Text] {
			continue
		}
		seen[r.Text] = true
		m.Readings = append(m.Readings, r)
		if c > conf {
			conf = c
			m.Assumed = assumed
		}
	}
	switch {
	case len(m.Readings) == 0:
		return m, false
	case len(m.Readings) > 1:
		m.Confidence = Ambiguous
		m.Assumed = ""
	default:
		m.Confidence = conf
	}
	return m, true
}

// impossible says why a text that reads as a date names no day there is
// ("31 February 2024": February 2024 has no day 31), or "".
func impossible(s string) string {
	t := normalize(s)
	if t == "" || len(t) > 80 {
		return ""
	}
	ps := single(t)
	if len(ps) == 0 {
		ps = ranges(t)
	}
	for _, p := range ps {
		if p.year == 0 {
			continue
		}
		if _, err := parse(p.text(fmt.Sprintf("%04d", p.year))); err != nil {
			return err.(*Error).Reason
		}
	}
	return ""
}

var tbdWords = map[string]bool{"tbc": true, "tba": true, "to be determined": true, "to be confirmed": true,
	"to be announced": true, "to be decided": true, "tbd.": true, "n/a": false}

// normalize lower-cases, turns dashes into '-', folds white space and drops
// the words and stops around a date ("by", "on", a full stop).
func normalize(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.NewReplacer("–", "-", "—", "-", "‒", "-", "−", "-", "\u00a0", " ", "’", "'").Replace(s)
	s = strings.Join(strings.Fields(s), " ")
	for _, w := range []string{"by ", "on ", "before ", "until ", "due ", "around "} {
		s = strings.TrimPrefix(s, w)
	}
	return strings.Trim(s, " .,;:!?()")
}

// partial is a date as far as the text gives it; zero fields were not written.
type partial struct {
	year, month, day int
	quarter, half    int
	third            string // early, mid, late: of the month when month is set, else of the year
	as               string // how it was read
	guess            string // what the reading assumes, if anything
	twoDigitYear     bool
	withDay          bool     // numeric: the text writes a day
	end              *partial // the end of a range
}

// ordinals of quarters and halves written in words.
var ordinals = map[string]int{"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1}

var thirds = map[string]string{"early": "early", "beginning": "early", "start": "early",
	"mid": "mid", "middle": "mid", "late": "late", "end": "late"}

var weekdays = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "mon": true, "tue": true, "tues": true, "wed": true, "thu": true, "thur": true,
	"thurs": true, "fri": true, "sat": true, "sun": true}

func monthNamed(w string) int {
	w = strings.TrimSuffix(w, ".")
	if len(w) < 3 {
		return 0
	}
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		if w == name || w == name[:3] || (m == time.September && w == "sept") {
			return int(m)
		}
	}
	return 0
}

// single reads one date (not a range); several results when it is ambiguous.
func single(t string) []partial {
	if p, ok := timestamp(t); ok {
		return []partial{p}
	}
	if ps := numeric(t); ps != nil {
		return ps
	}
	words := tokens(t)
	if len(words) == 0 {
		return nil
	}
	if p, ok := periodWords(words); ok {
		return []partial{p}
	}
	if p, ok := named(words); ok {
		return []partial{p}
	}
	return nil
}

// tokens splits on spaces and commas, drops weekdays and filler words, and
// splits "mid-october" and "4th".
func tokens(t string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(t, func(r rune) bool { return r == ' ' || r == ',' }) {
		if i := strings.IndexByte(w, '-'); i > 0 {
			if _, ok := thirds[w[:i]]; ok {
				out = append(out, w[:i])
				w = w[i+1:]
				if w == "" {
					continue
				}
			}
		}
		if w == "of" || w == "the" || w == "in" || weekdays[strings.TrimSuffix(w, ".")] {
			continue
		}
		for _, suf := range []string{"st", "nd", "rd", "th"} {
			if n := strings.TrimSuffix(w, suf); n != w && len(n) > 0 && len(n) <= 2 && allDigits(n) {
				w = n
			}
		}
		out = append(out, w)
	}
	return out
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// year reads a four-digit year, or a two-digit one written '24 or 24 (20xx).
func year(w string) (int, bool, bool) {
	w = strings.TrimPrefix(w, "'")
	if !allDigits(w) {
		return 0, false, false
	}
	n, _ := strconv.Atoi(w)
	switch len(w) {
	case 4:
		return n, false, n >= 1
	case 2:
		return 2000 + n, true, true
	}
	return 0, false, false
}

func dayNumber(w string) (int, bool) {
	if !allDigits(w) || len(w) > 2 {
		return 0, false
	}
	n, _ := strconv.Atoi(w)
	return n, n >= 1 && n <= 31
}

// timestamp reads "2016-10-15T10:00" and "2016-10-15 10:00:00": the day.
func timestamp(t string) (partial, bool) {
	if len(t) < 16 || (t[10] != 't' && t[10] != ' ') || t[13] != ':' {
		return partial{}, false
	}
	d, err := parse(t[:10])
	if err != nil || d.Precision != Day {
		return partial{}, false
	}
	return partial{year: d.Start.Year(), month: int(d.Start.Month()), day: d.Start.Day(), as: "a day and time (igf dates carry no time)"}, true
}

// numeric reads dates written with numbers only: 16/10/2016, 10/16/2016,
// 04/10/2016 (both readings), 16.10.2016, 2016/10/16, 2016-10-4, 10/2016,
// 20161016.
func numeric(t string) []partial {
	var out []partial
	for _, p := range numbers(t) {
		// A zero month or day is a slip to report, not a part left out.
		if p.month != 0 && (p.day != 0 || !p.withDay) {
			out = append(out, p)
		}
	}
	return out
}

func numbers(t string) []partial {
	if len(t) == 8 && allDigits(t) {
		y, _ := strconv.Atoi(t[:4])
		m, _ := strconv.Atoi(t[4:6])
		d, _ := strconv.Atoi(t[6:])
		if y >= 1900 && m >= 1 && m <= 12 && d >= 1 && d <= 31 {
			return []partial{{year: y, month: m, day: d, withDay: true, as: "year month day run together", guess: "read as year, month, day run together"}}
		}
		return nil
	}
	var sep byte
	for _, c := range []byte{'/', '.', '-'} {
		if strings.IndexByte(t, c) >= 0 {
			if sep != 0 {
				return nil
			}
			sep = c
		}
	}
	if sep == 0 {
		return nil
	}
	parts := strings.Split(t, string(sep))
	for _, p := range parts {
		if !allDigits(p) || len(p) > 4 {
			return nil
		}
	}
	num := func(i int) int { n, _ := strconv.Atoi(parts[i]); return n }
	s := string(sep)
	switch len(parts) {
	case 2:
		switch {
		case len(parts[0]) == 4 && len(parts[1]) <= 2:
			return []partial{{year: num(0), month: num(1), as: "year" + s + "month"}}
		case len(parts[1]) == 4 && len(parts[0]) <= 2:
			return []partial{{year: num(1), month: num(0), as: "month" + s + "year"}}
		}
	case 3:
		if len(parts[0]) == 4 && len(parts[1]) <= 2 && len(parts[2]) <= 2 {
			return []partial{{year: num(0), month: num(1), day: num(2), withDay: true, as: "year" + s + "month" + s + "day"}}
		}
		if len(parts[0]) > 2 || len(parts[1]) > 2 || (len(parts[2]) != 4 && len(parts[2]) != 2) {
			return nil
		}
		y, two, _ := year(parts[2])
		a, b := num(0), num(1)
		dmy := partial{year: y, month: b, day: a, withDay: true, as: "day" + s + "month" + s + "year", twoDigitYear: two}
		mdy := partial{year: y, month: a, day: b, withDay: true, as: "month" + s + "day" + s + "year", twoDigitYear: two}
		var out []partial
		if sep == '-' && len(parts[0]) == 2 && len(parts[2]) == 2 {
			// 24-03-01 may be year-month-day with a short year.
			yy, _, _ := year(parts[0])
			out = append(out, partial{year: yy, month: b, day: num(2), withDay: true, as: "year-month-day", twoDigitYear: true})
		}
		switch {
		case a > 12 && b <= 12, a == b:
			out = append(out, dmy)
		case b > 12 && a <= 12:
			out = append(out, mdy)
		case a <= 12 && b <= 12:
			// Day first is how most of the world, and the UN, writes it.
			out = append(out, dmy, mdy)
		}
		return out
	}
	return nil
}

// periodWords reads quarters, halves and thirds: "Q3 2024", "2024 Q3",
// "Q3/2024", "third quarter of 2024", "H1 2024", "first half of 2024",
// "early 2024", "mid-2024", "end of 2024", and with a month, "mid-October
// 2016", "early May 2024", "end of March".
func periodWords(w []string) (partial, bool) {
	var p partial
	rest := w
	if len(rest) == 1 {
		// Q3/2024, Q3-2024, 3Q2024, 2024/Q3
		for _, sep := range []string{"/", "-", ""} {
			a, b, ok := strings.Cut(rest[0], sep)
			if sep == "" {
				if len(rest[0]) < 3 {
					break
				}
				a, b, ok = rest[0][:2], rest[0][2:], true
			}
			if ok && a != "" && b != "" {
				if _, isYear, _ := year(a); len(a) == 4 && !isYear {
					a, b = b, a
				}
				rest = []string{a, b}
				break
			}
		}
	}
	// Leading third: early, mid, late, beginning, start, end.
	if th, ok := thirds[rest[0]]; ok && len(rest) > 1 {
		p.third = th
		if rest[0] != th {
			p.guess = fmt.Sprintf("%q read as %s", rest[0], th)
		}
		rest = rest[1:]
		m := monthNamed(rest[0])
		if m > 0 {
			p.month = m
			rest = rest[1:]
		}
		switch len(rest) {
		case 0:
			if p.month == 0 {
				return partial{}, false
			}
		case 1:
			y, two, ok := year(rest[0])
			if !ok {
				return partial{}, false
			}
			p.year, p.twoDigitYear = y, two
		default:
			return partial{}, false
		}
		if p.month > 0 {
			p.as = p.third + " month year"
		} else {
			p.as = p.third + " year"
		}
		return p, true
	}
	// Quarters and halves: Q3 2024, 2024 Q3, 3Q 2024, third quarter 2024, H1 2024, first half 2024.
	var y, n int
	var kind string
	var haveYear bool
	for i := 0; i < len(rest); i++ {
		x := rest[i]
		switch {
		case len(x) == 2 && (x[0] == 'q' || x[0] == 'h') && x[1] >= '1' && x[1] <= '4':
			kind, n = string(x[0]), int(x[1]-'0')
		case len(x) == 2 && (x[1] == 'q' || x[1] == 'h') && x[0] >= '1' && x[0] <= '4':
			kind, n = string(x[1]), int(x[0]-'0')
		case ordinals[x] != 0 && i+1 < len(rest) && (rest[i+1] == "quarter" || rest[i+1] == "half"):
			n = ordinals[x]
			kind = rest[i+1][:1]
			if n < 0 {
				n = 4
				if kind == "h" {
					n = 2
				}
			}
			i++
		default:
			yy, two, ok := year(x)
			if !ok || haveYear {
				return partial{}, false
			}
			y, haveYear, p.twoDigitYear = yy, true, two
		}
	}
	if kind == "" || (kind == "q" && n > 4) || (kind == "h" && n > 2) {
		return partial{}, false
	}
	p.year = y
	if kind == "q" {
		p.quarter, p.as = n, "quarter year"
	} else {
		p.half, p.as = n, "half year"
	}
	return p, true
}

// named reads dates with a month name: "4 October 2016", "Oct 4, 2016",
// "October 2016", "4 Oct", "October 4".
func named(w []string) (partial, bool) {
	var p partial
	mi := -1
	for i, x := range w {
		if m := monthNamed(x); m > 0 {
			if mi >= 0 {
				return partial{}, false
			}
			mi, p.month = i, m
		}
	}
	if mi < 0 || len(w) > 3 {
		return partial{}, false
	}
	var order []string
	for i, x := range w {
		if i == mi {
			order = append(order, "month")
			continue
		}
		if d, ok := dayNumber(x); ok && p.day == 0 {
			p.day = d
			order = append(order, "day")
			continue
		}
		y, two, ok := year(x)
		if !ok || p.year != 0 {
			return partial{}, false
		}
		p.year, p.twoDigitYear = y, two
		order = append(order, "year")
	}
	p.as = strings.Join(order, " ")
	return p, true
}

// ranges reads "27–31 May 2024", "27 May - 2 June 2024", "2024-05-27 to
// 2024-05-31": each end a single date, the first taking what it leaves out
// (month, year) from the second.
func ranges(t string) []partial {
	for _, sep := range []string{" to ", " until ", " through ", " till ", " - ", "/", "-"} {
		for i := strings.Index(t, sep); i > 0; {
			a, b := strings.TrimSpace(t[:i]), strings.TrimSpace(t[i+len(sep):])
			if ps := rangeOf(a, b); ps != nil {
				return ps
			}
			j := strings.Index(t[i+len(sep):], sep)
			if j < 0 {
				break
			}
			i += len(sep) + j
		}
	}
	return nil
}

func rangeOf(a, b string) []partial {
	to := single(b)
	if len(to) != 1 || to[0].quarter > 0 || to[0].half > 0 {
		return nil
	}
	end := to[0]
	var from partial
	if d, ok := dayNumber(a); ok && end.day > 0 {
		from = partial{year: end.year, month: end.month, day: d}
	} else {
		fs := single(a)
		if len(fs) != 1 {
			// "27 May": no year; take it from the end.
			ws := tokens(a)
			p, ok := named(ws)
			if !ok || p.year != 0 {
				return nil
			}
			p.year = end.year
			fs = []partial{p}
		}
		from = fs[0]
		if from.year == 0 {
			from.year = end.year
		}
	}
	from.as = "range"
	from.guess = end.guess
	from.twoDigitYear = from.twoDigitYear || end.twoDigitYear
	from.end = &end
	return []partial{from}
}

// resolve makes a reading of a partial date, taking a missing year from ref.
func (p partial) resolve(ref Date) (Reading, Confidence, string, bool) {
	conf := Certain
	var assumed []string
	if p.guess != "" {
		conf = Likely
		assumed = append(assumed, p.guess)
	}
	if p.twoDigitYear {
		conf = Likely
		assumed = append(assumed, fmt.Sprintf("'%02d read as %d", p.year%100, p.year))
	}
	if p.year == 0 && !ref.IsZero() && !ref.IsTBD() {
		y := ref.Start.Year()
		if d, err := parse(p.text(strconv.Itoa(y))); err == nil && d.End.Before(ref.Start) {
			y++
		}
		p.year = y
		if p.end != nil && p.end.year == 0 {
			p.end.year = y
		}
		conf = Likely
		assumed = append(assumed, fmt.Sprintf("taking the year %d: the first on or after %s", y, ref))
	}
	if p.year == 0 {
		// Check the form in a leap year, so 29 February passes.
		text := p.text("YYYY")
		if _, err := parse(p.text("2000")); err != nil {
			return Reading{}, 0, "", false
		}
		return Reading{Text: text, As: p.as}, NoYear, "", true
	}
	text := p.text(fmt.Sprintf("%04d", p.year))
	d, err := parse(text)
	if err != nil || p.year > 9999 {
		return Reading{}, 0, "", false
	}
	return Reading{Date: d, Text: text, As: p.as}, conf, strings.Join(assumed, "; "), true
}

// text writes the partial date in igf's form with the year given.
func (p partial) text(y string) string {
	var s string
	switch {
	case p.quarter > 0:
		s = fmt.Sprintf("%s-Q%d", y, p.quarter)
	case p.half > 0:
		s = fmt.Sprintf("%s-H%d", y, p.half)
	case p.month > 0 && p.day > 0:
		s = fmt.Sprintf("%s-%02d-%02d", y, p.month, p.day)
	case p.month > 0 && p.third != "":
		s = fmt.Sprintf("%s-%02d-%s", y, p.month, p.third)
	case p.month > 0:
		s = fmt.Sprintf("%s-%02d", y, p.month)
	case p.third != "":
		s = y + "-" + p.third
	default:
		s = y
	}
	if p.end != nil {
		ey := y
		if p.end.year != 0 && y != "YYYY" {
			ey = fmt.Sprintf("%04d", p.end.year)
		}
		e := *p.end
		e.end = nil
		s += "/" + e.text(ey)
	}
	return s
}
