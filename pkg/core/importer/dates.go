package importer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/igf-records/igf/pkg/core/dates"
)

// A date as minutes write it: the shapes looked for in file names, headings
// and deadlines. Each match is then read; one that reads two ways ("04/10/2016")
// or names no year where there is nothing to take one from is not a date to
// import: it is reported, never guessed.
const monthWords = `jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?`

var dateShape = regexp.MustCompile(`(?i)` +
	// 2021-11-25, 2021_11_25, 2021.11.25, 20211125
	`\b\d{4}([-_./]?)\d{2}[-_./]?\d{2}\b` +
	// 30 March to 1 April 2022, 27–31 May 2024, 25 November 2021, 1st March 2024
	`|\b\d{1,2}(?:st|nd|rd|th)?(?:\s+(?:` + monthWords + `)\.?)?\s*(?:-|–|—|to|until)\s*\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:` + monthWords + `)\.?,?\s+\d{4}\b` +
	`|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:` + monthWords + `)\.?,?(?:\s+\d{4}\b)?` +
	// November 25th, 2021; Oct 4, 2016; December 16th
	`|\b(?:` + monthWords + `)\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+\d{4}\b)?` +
	// mid-October 2016, early May 2024, end of March 2024, September 2024
	`|\b(?:(?:early|mid|late|beginning of|end of|the end of)[-\s]+)?(?:` + monthWords + `)\.?\s+\d{4}\b` +
	// Q3 2024, 2024-Q3, H1 2024, the first half of 2024, early 2024
	`|\bq[1-4]\s+\d{4}\b|\b\d{4}-[qh][1-4]\b|\bh[12]\s+\d{4}\b|\b(?:early|mid|late|beginning of|end of)[-\s]+\d{4}\b` +
	// 16/10/2016, 1/12/22, 16.10.2016
	`|\b\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b`)

// found is a date written in a text.
type found struct {
	date dates.Date
	text string // as written
	// why, when date is zero: the text reads as a date but not as one day,
	// month or period igf could take ("04/10/2016" reads two ways).
	why string
}

// findDates lists the dates written in text, in order. ref, when set, gives
// the year a text leaves out ("by 19 December" in minutes of 18 December 2023
// is 19 December 2023; "by 5 January", 5 January 2024): the first such day on
// or after ref.
func findDates(text string, ref dates.Date) []found {
	var out []found
	for _, loc := range dateShape.FindAllStringIndex(text, -1) {
		s := text[loc[0]:loc[1]]
		d, why := readDate(s, ref)
		out = append(out, found{date: d, text: s, why: why})
	}
	return out
}

var (
	isoDay    = regexp.MustCompile(`^(\d{4})[-_./]?(\d{2})[-_./]?(\d{2})$`)
	dayFirst  = regexp.MustCompile(`(?i)^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(` + monthWords + `)\.?,?(?:\s+(\d{4}))?$`)
	monthDay  = regexp.MustCompile(`(?i)^(` + monthWords + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$`)
	monthYear = regexp.MustCompile(`(?i)^(?:(early|mid|late|beginning of|end of|the end of)[-\s]+)?(` + monthWords + `)\.?\s+(\d{4})$`)
	dayRange  = regexp.MustCompile(`(?i)^(\d{1,2})(?:st|nd|rd|th)?(?:\s+(` + monthWords + `)\.?)?\s*(?:-|–|—|to|until)\s*(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(` + monthWords + `)\.?,?\s+(\d{4})$`)
	quarter   = regexp.MustCompile(`(?i)^(?:q([1-4])\s+(\d{4})|(\d{4})-q([1-4]))$`)
	half      = regexp.MustCompile(`(?i)^(?:h([12])\s+(\d{4})|(\d{4})-h([12]))$`)
	yearPart  = regexp.MustCompile(`(?i)^(early|mid|late|beginning of|end of)[-\s]+(\d{4})$`)
	numeric   = regexp.MustCompile(`^(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})$`)
)

var parts = map[string]string{"early": "early", "beginning of": "early", "mid": "mid", "late": "late", "end of": "late", "the end of": "late"}

// readDate reads one written date; why says why it is not one igf can take.
func readDate(s string, ref dates.Date) (dates.Date, string) {
	s = strings.TrimSpace(s)
	parse := func(text string) (dates.Date, string) {
		d, err := dates.Parse(text)
		if err != nil {
			var de *dates.Error
			if ok := asDateError(err, &de); ok {
				return dates.Date{}, de.Reason
			}
			return dates.Date{}, err.Error()
		}
		return d, ""
	}
	if m := isoDay.FindStringSubmatch(s); m != nil {
		return parse(m[1] + "-" + m[2] + "-" + m[3])
	}
	if m := dayRange.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[5])
		to := monthOf(m[4])
		from := to
		if m[2] != "" {
			from = monthOf(m[2])
		}
		fy := y
		if from > to {
			fy-- // 30 December to 2 January 2024
		}
		return parse(fmt.Sprintf("%04d-%02d-%02d/%04d-%02d-%02d", fy, from, atoi(m[1]), y, to, atoi(m[3])))
	}
	if m := dayFirst.FindStringSubmatch(s); m != nil {
		return dayOf(atoi(m[1]), monthOf(m[2]), m[3], ref, s)
	}
	if m := monthDay.FindStringSubmatch(s); m != nil {
		return dayOf(atoi(m[2]), monthOf(m[1]), m[3], ref, s)
	}
	if m := monthYear.FindStringSubmatch(s); m != nil {
		text := fmt.Sprintf("%s-%02d", m[3], monthOf(m[2]))
		if p := parts[strings.ToLower(m[1])]; p != "" {
			text += "-" + p
		}
		return parse(text)
	}
	if m := quarter.FindStringSubmatch(s); m != nil {
		if m[1] != "" {
			return parse(m[2] + "-Q" + m[1])
		}
		return parse(m[3] + "-Q" + m[4])
	}
	if m := half.FindStringSubmatch(s); m != nil {
		if m[1] != "" {
			return parse(m[2] + "-H" + m[1])
		}
		return parse(m[3] + "-H" + m[4])
	}
	if m := yearPart.FindStringSubmatch(s); m != nil {
		return parse(m[2] + "-" + parts[strings.ToLower(m[1])])
	}
	if m := numeric.FindStringSubmatch(s); m != nil {
		a, b := atoi(m[1]), atoi(m[2])
		y := m[3]
		if len(y) == 2 {
			return dates.Date{}, fmt.Sprintf("%q has a two-digit year", s)
		}
		switch {
		case a > 12 && b <= 12:
			return parse(fmt.Sprintf("%s-%02d-%02d", y, b, a))
		case b > 12 && a <= 12:
			return parse(fmt.Sprintf("%s-%02d-%02d", y, a, b))
		case a == b:
			return parse(fmt.Sprintf("%s-%02d-%02d", y, a, b))
		}
		return dates.Date{}, fmt.Sprintf("%q reads as day/month or month/day", s)
	}
	return dates.Date{}, fmt.Sprintf("%q is not a date igf reads", s)
}

func asDateError(err error, target **dates.Error) bool {
	de, ok := err.(*dates.Error)
	if ok {
		*target = de
	}
	return ok
}

// dayOf is a day written with a month name; a missing year is the first such
// day on or after ref.
func dayOf(day, month int, year string, ref dates.Date, s string) (dates.Date, string) {
	y := atoi(year)
	if year == "" {
		if ref.IsZero() || ref.IsTBD() {
			return dates.Date{}, fmt.Sprintf("%q names no year", s)
		}
		y = ref.Start.Year()
		if time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC).Before(ref.Start) {
			y++
		}
	}
	d, err := dates.Parse(fmt.Sprintf("%04d-%02d-%02d", y, month, day))
	if err != nil {
		return dates.Date{}, err.(*dates.Error).Reason
	}
	return d, ""
}

func monthOf(w string) int {
	w = strings.ToLower(strings.TrimSuffix(w, "."))
	for m := time.January; m <= time.December; m++ {
		if strings.HasPrefix(strings.ToLower(m.String()), w[:min(3, len(w))]) {
			return int(m)
		}
	}
	return 0
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// clock is a meeting time as minutes write it: "16:00-17:00 UTC", "13:00
// UTC", "1 p.m. UTC", "16:20h - 17:20h" (no zone: local).
var clock = regexp.MustCompile(`(?i)\b(\d{1,2})(?::(\d{2}))?\s*(h|a\.?m\.?|p\.?m\.?)?(?:\s*(?:-|–|—|to)\s*(\d{1,2})(?::(\d{2}))?\s*(h|a\.?m\.?|p\.?m\.?)?)?\s*(UTC|GMT|CET|CEST|EST|EDT|[+-]\d{2}:?\d{2})?`)

// findTime reads a meeting time from a title line, as igf writes it, or "".
func findTime(text string) string {
	for _, m := range clock.FindAllStringSubmatch(text, -1) {
		hasMinutes := m[2] != "" || m[5] != ""
		hasMark := m[3] != "" || m[6] != ""
		if !hasMinutes && !(hasMark && !strings.EqualFold(m[3], "h")) {
			continue // a bare number is not a time
		}
		from, ok1 := hhmm(m[1], m[2], m[3])
		if !ok1 {
			continue
		}
		t := from
		if m[4] != "" {
			to, ok2 := hhmm(m[4], m[5], firstOf(m[6], m[3]))
			if !ok2 {
				continue
			}
			t += "-" + to
		}
		zone := strings.ToUpper(m[7])
		switch {
		case zone == "GMT":
			zone = "UTC"
		case zone == "":
			zone = "local"
		case zone[0] == '+' || zone[0] == '-':
			if !strings.Contains(zone, ":") {
				zone = zone[:3] + ":" + zone[3:]
			}
		case zone != "UTC":
			continue // a zone abbreviation igf does not take: CET is two offsets
		}
		c := t + " " + zone
		if _, err := dates.ParseClock(c); err == nil {
			return c
		}
	}
	return ""
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func hhmm(h, m, mark string) (string, bool) {
	hour, min := atoi(h), atoi(m)
	mark = strings.ToLower(strings.ReplaceAll(mark, ".", ""))
	switch mark {
	case "pm":
		if hour < 12 {
			hour += 12
		}
	case "am":
		if hour == 12 {
			hour = 0
		}
	}
	if hour > 23 || min > 59 {
		return "", false
	}
	return fmt.Sprintf("%02d:%02d", hour, min), true
}
