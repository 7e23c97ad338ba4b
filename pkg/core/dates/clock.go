package dates

import (
	"fmt"
	"strings"
	"time"

	// Zone names must resolve the same on a machine without a zoneinfo
	// database (containers, Windows), so the binary carries its own.
	_ "time/tzdata"
)

// Clock is a meeting's time of day with its zone, as written: "16:00-17:00 UTC",
// "13:00 UTC", "09:30-11:00 Europe/Zurich", "16:20-17:20 local" (the source
// gives no zone: the meeting's own wall clock, converted by no one).
type Clock struct {
	StartMin, EndMin int            // minutes after midnight; EndMin is -1 when no end is given
	Zone             string         // "UTC", "+03:00", an IANA zone ID, or "local" (any case, kept lower-case)
	Location         *time.Location // nil for local
}

// Local reports whether the source gave no zone.
func (c Clock) Local() bool { return c.Zone == "local" }

// ParseClock reads "HH:MM[-HH:MM] ZONE".
func ParseClock(s string) (Clock, error) {
	bad := func(why string) (Clock, error) {
		return Clock{}, fmt.Errorf("invalid time %q: %s (write \"16:00-17:00 UTC\", \"13:00 +03:00\", \"09:30 Europe/Zurich\" or \"16:20-17:20 local\" when the source gives no zone)", s, why)
	}
	span, zone, ok := strings.Cut(strings.TrimSpace(s), " ")
	zone = strings.TrimSpace(zone)
	if !ok || zone == "" {
		return bad("the zone is missing")
	}
	from, to, hasEnd := strings.Cut(span, "-")
	c := Clock{EndMin: -1, Zone: zone}
	var err error
	if c.StartMin, err = minutes(from); err != nil {
		return bad(err.Error())
	}
	if hasEnd {
		if c.EndMin, err = minutes(to); err != nil {
			return bad(err.Error())
		}
		if c.EndMin <= c.StartMin {
			return bad("it ends before it starts")
		}
	}
	switch {
	case strings.EqualFold(zone, "local"):
		// Never Go's "Local", the zone of whichever machine runs igf.
		c.Zone = "local"
	case zone == "UTC" || zone == "Z":
		c.Zone, c.Location = "UTC", time.UTC
	case (zone[0] == '+' || zone[0] == '-') && len(zone) == 6:
		t, err := time.Parse("-07:00", zone)
		if err != nil {
			return bad("the offset must be ±hh:mm")
		}
		_, off := t.Zone()
		c.Location = time.FixedZone(zone, off)
	default:
		loc, err := time.LoadLocation(zone)
		if err != nil || strings.HasPrefix(zone, "/") || strings.Contains(zone, "..") {
			if z := ZoneFor(zone); z != "" {
				return Clock{}, fmt.Errorf("invalid time %q: %s is not an IANA zone ID; its time is that of %s (write %q)", s, zone, z, span+" "+z)
			}
			return Clock{}, fmt.Errorf("invalid time %q: unknown zone %s; a zone is UTC, an offset such as +01:00, or an IANA zone ID: Region/City, e.g. Europe/Zurich for Geneva", s, zone)
		}
		c.Location = loc
	}
	return c, nil
}

// zoneless are places meetings are held that have no IANA zone ID of their
// own, with the zone whose time they keep.
var zoneless = map[string]string{
	"geneva": "Europe/Zurich", "genève": "Europe/Zurich", "genf": "Europe/Zurich", "lausanne": "Europe/Zurich",
	"the hague": "Europe/Amsterdam", "den haag": "Europe/Amsterdam", "katowice": "Europe/Warsaw",
	"kyoto": "Asia/Tokyo", "washington": "America/New_York", "washington dc": "America/New_York",
	"san francisco": "America/Los_Angeles", "geneva switzerland": "Europe/Zurich", "bonn": "Europe/Berlin",
	"rio de janeiro": "America/Sao_Paulo", "sharm el sheikh": "Africa/Cairo", "sharm el-sheikh": "Africa/Cairo",
	"addis": "Africa/Addis_Ababa", "new york city": "America/New_York", "nyc": "America/New_York",
}

// zoneRegions are the areas of IANA zone IDs, for finding a city's zone.
var zoneRegions = []string{"Europe", "America", "Asia", "Africa", "Australia", "Pacific", "Atlantic", "Indian", "Antarctica"}

// ZoneFor is the IANA zone ID a place name written as a zone means, or ""
// when it knows none: "Geneva" and "Europe/Geneva" mean Europe/Zurich,
// "Tokyo" Asia/Tokyo, "new york" America/New_York.
func ZoneFor(name string) string {
	city := strings.TrimSpace(name)
	if i := strings.LastIndexByte(city, '/'); i >= 0 {
		city = city[i+1:]
	}
	key := strings.ToLower(strings.ReplaceAll(city, "_", " "))
	if z, ok := zoneless[key]; ok {
		return z
	}
	if key == "" || strings.ContainsAny(key, "./\\") {
		return ""
	}
	// A city that is a zone ID's last part: title-cased words joined by _.
	words := strings.Fields(key)
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	want := strings.Join(words, "_")
	for _, region := range zoneRegions {
		if z := region + "/" + want; z != name {
			if _, err := time.LoadLocation(z); err == nil {
				return z
			}
		}
	}
	return ""
}

func minutes(hhmm string) (int, error) {
	h, m, ok := strings.Cut(hhmm, ":")
	hh, err1 := number(h, 2)
	mm, err2 := number(m, 2)
	if !ok || err1 != nil || err2 != nil || hh > 24 || mm > 59 || (hh == 24 && mm != 0) {
		return 0, fmt.Errorf("%q is not HH:MM", hhmm)
	}
	return hh*60 + mm, nil
}

// String is the canonical written form.
func (c Clock) String() string {
	s := fmt.Sprintf("%02d:%02d", c.StartMin/60, c.StartMin%60)
	if c.EndMin >= 0 {
		s += fmt.Sprintf("-%02d:%02d", c.EndMin/60, c.EndMin%60)
	}
	return s + " " + c.Zone
}

// Wall gives the start and end on day d as wall-clock times, for a local
// clock that no zone places in time: the fields read as written (16:20) and
// the location means nothing. hasEnd is false when only a start is given.
func (c Clock) Wall(d time.Time) (start, end time.Time, hasEnd bool) {
	base := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	start = base.Add(time.Duration(c.StartMin) * time.Minute)
	if c.EndMin < 0 {
		return start, start, false
	}
	return start, base.Add(time.Duration(c.EndMin) * time.Minute), true
}

// On gives the start and end instants on day d; ok is false for a local clock.
func (c Clock) On(d time.Time) (start, end time.Time, ok bool) {
	if c.Location == nil {
		return time.Time{}, time.Time{}, false
	}
	base := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, c.Location)
	start = base.Add(time.Duration(c.StartMin) * time.Minute)
	end = start
	if c.EndMin >= 0 {
		end = base.Add(time.Duration(c.EndMin) * time.Minute)
	}
	return start, end, true
}
