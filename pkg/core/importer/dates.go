package importer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/igf-records/igf/pkg/core/dates"
)

// found is a date written in a text.
type found struct {
	date dates.Date
	text string // as written
	// why, when date is zero: the text reads as a date but not as one igf
	// can take without guessing ("04/10/2016" reads two ways).
	why string
}

// findDates lists the dates written in text, in order, as dates.Find finds
// them; only a date dates.Found.Sure names counts. ref, when set, gives the
// year a text leaves out ("by 19 December" in minutes of 18 December 2023 is
// 19 December 2023; "by 5 January", 5 January 2024).
func findDates(text string, ref dates.Date) []found {
	var out []found
	for _, f := range dates.Find(text, ref) {
		d, why := f.Sure()
		out = append(out, found{date: d, text: f.Text, why: why})
	}
	return out
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
