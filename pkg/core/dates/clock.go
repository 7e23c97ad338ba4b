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
// "13:00 UTC", "09:30-11:00 Europe/Geneva", "16:20-17:20 local" (zone not given).
type Clock struct {
	StartMin, EndMin int    // minutes after midnight; EndMin is -1 when no end is given
	Zone             string // "UTC", "+03:00", an IANA name, or "local"
	Location         *time.Location
}

// Local reports whether the source gave no zone.
func (c Clock) Local() bool { return c.Zone == "local" }

// ParseClock reads "HH:MM[-HH:MM] ZONE".
func ParseClock(s string) (Clock, error) {
	bad := func(why string) (Clock, error) {
		return Clock{}, fmt.Errorf("invalid time %q: %s (write \"16:00-17:00 UTC\", \"13:00 +03:00\", \"09:30 Europe/Geneva\" or \"16:20-17:20 local\" when the source gives no zone)", s, why)
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
	case zone == "local":
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
			return bad("unknown zone " + zone)
		}
		c.Location = loc
	}
	return c, nil
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
