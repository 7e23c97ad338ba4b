package render

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/report"
)

// FormatICS is the -o name of an iCalendar file, for any list command.
const FormatICS = "ics"

// UIDDomain follows every event's item ID in its UID ("iww-1@igf"), so a
// calendar that subscribes again updates the same events.
const UIDDomain = "igf"

// icsText drops carriage returns and control characters; the library
// escapes '\\', ';', ',' and newlines itself.
func icsText(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' {
			return r
		}
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, strings.ReplaceAll(s, "\r\n", "\n"))
}

// ICS writes entries as an RFC 5545 calendar: CRLF line ends, lines folded
// at 75 octets, all-day events (VALUE=DATE, DTEND the day after the last
// day) for dates and fuzzy dates alike, timed events for meetings whose time
// has a zone. stamp is DTSTAMP for every event: pass the --today the feed is
// made on, so the file is reproducible.
func ICS(w io.Writer, name string, entries []report.Entry, stamp time.Time, o Options) error {
	return ICSCached(w, name, entries, stamp, o, nil)
}

// Events keeps each entry's VEVENT as written, for a caller writing many
// calendars that share entries (the site: a meeting is in the calendar of
// everyone it concerns). One Events serves one stamp and one Options.
// Safe for concurrent use.
type Events struct {
	mu sync.Mutex
	m  map[eventKey][]byte
}

// eventKey names an entry: its kind, ID and place in the records, so two
// records that share an ID (an error igf validate names) stay apart.
type eventKey struct {
	kind, id, path string
	line           int
}

// NewEvents is an empty Events.
func NewEvents() *Events { return &Events{m: map[eventKey][]byte{}} }

// event is e's VEVENT, from the cache when it holds it.
func (c *Events) event(e report.Entry, stamp time.Time, o Options) ([]byte, error) {
	if c == nil {
		return eventText(e, stamp, o)
	}
	key := eventKey{e.Kind, e.ID, e.Link.Path, e.Link.Line}
	c.mu.Lock()
	b, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return b, nil
	}
	b, err := eventText(e, stamp, o)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.m[key] = b
	c.mu.Unlock()
	return b, nil
}

const (
	icsBegin = "BEGIN:VCALENDAR\r\n"
	icsEnd   = "END:VCALENDAR\r\n"
)

// eventText is e's VEVENT as the library writes it inside a calendar: a
// calendar writes each component on its own, so the calendar is its head,
// its events and its end, written apart.
func eventText(e report.Entry, stamp time.Time, o Options) ([]byte, error) {
	cal := &ics.Calendar{}
	addEvent(cal, e, stamp, o)
	var b strings.Builder
	if err := cal.SerializeTo(&b, ics.WithNewLineWindows); err != nil {
		return nil, err
	}
	s, ok := strings.CutPrefix(b.String(), icsBegin)
	if s, ok = strings.CutSuffix(s, icsEnd); !ok {
		return nil, fmt.Errorf("calendar event %s: the iCalendar library wrote an unexpected frame", e.ID)
	}
	return []byte(s), nil
}

// ICSCached is ICS taking each event from events (nil: none kept).
func ICSCached(w io.Writer, name string, entries []report.Entry, stamp time.Time, o Options, events *Events) error {
	cal := ics.NewCalendar()
	cal.SetProductId("-//igf-records//igf//EN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetCalscale("GREGORIAN")
	cal.SetName(icsText(name))
	cal.SetXWRCalName(icsText(name))
	if m := o.Made; m != nil {
		// A calendar has no header or sections: the feed's description
		// (RFC 7986, and the X-WR- form most clients show) says what it was
		// made from and what it lacks, and X-IGF- properties say it for
		// tools, one per file left out.
		made := "Made from " + MadeFrom(*m, dates.OfTime(stamp)) + "."
		desc := made
		if len(m.NotIncluded) > 0 {
			desc += "\nNot included: " + notIncludedLead(m.NotIncluded, "calendar") + "\n" + strings.Join(NotIncludedLines(m.NotIncluded), "\n")
		}
		cal.SetDescription(icsText(desc))
		cal.SetXWRCalDesc(icsText(desc))
		xprop := func(name, value string) {
			cal.CalendarProperties = append(cal.CalendarProperties, ics.CalendarProperty{
				BaseProperty: ics.BaseProperty{IANAToken: name, Value: icsText(value)}})
		}
		xprop("X-IGF-MADE-FROM", made)
		for _, line := range NotIncludedLines(m.NotIncluded) {
			xprop("X-IGF-NOT-INCLUDED", line)
		}
	}
	var head strings.Builder
	if err := cal.SerializeTo(&head, ics.WithNewLineWindows); err != nil {
		return err
	}
	h, ok := strings.CutSuffix(head.String(), icsEnd)
	if !ok {
		return fmt.Errorf("calendar %s: the iCalendar library wrote an unexpected frame", name)
	}
	if _, err := io.WriteString(w, h); err != nil {
		return err
	}
	for _, e := range entries {
		b, err := events.event(e, stamp, o)
		if err != nil {
			return err
		}
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, icsEnd)
	return err
}

// addEvent adds e to cal as a VEVENT.
func addEvent(cal *ics.Calendar, e report.Entry, stamp time.Time, o Options) {
	{
		ev := cal.AddEvent(e.ID + "@" + UIDDomain)
		ev.SetDtStampTime(stamp)
		switch {
		case e.Clock != nil && e.Clock.Location == nil:
			// "local": the meeting's own wall clock, an RFC 5545 floating
			// time (no Z, no TZID) that every calendar shows as written.
			start, end, hasEnd := e.Clock.Wall(e.From)
			ev.SetProperty(ics.ComponentPropertyDtStart, start.Format(icsFloating))
			if hasEnd {
				ev.SetProperty(ics.ComponentPropertyDtEnd, end.Format(icsFloating))
			}
		case e.Clock != nil:
			start, end, _ := e.Clock.On(e.From)
			ev.SetStartAt(start)
			// Only a start time: no invented end (RFC 5545 then ends the
			// event at its start).
			if end.After(start) {
				ev.SetEndAt(end)
			}
		default:
			ev.SetAllDayStartAt(e.From)
			ev.SetAllDayEndAt(e.To.AddDate(0, 0, 1))
		}
		ev.SetSummary(icsText(summary(e)))
		ev.SetDescription(icsText(description(e, o)))
		if e.Location != "" {
			ev.SetLocation(icsText(e.Location))
		}
		if u := o.LinkURL(e.Link); strings.Contains(u, "://") {
			ev.SetURL(u)
		}
		ev.AddCategory(strings.ToUpper(e.Kind))
		if e.Kind != report.EntryMeeting {
			// A due date does not make anyone busy.
			ev.SetTimeTransparency(ics.TransparencyTransparent)
		}
		if e.State == report.StateCancelled {
			ev.SetStatus(ics.ObjectStatusCancelled)
		} else {
			ev.SetStatus(ics.ObjectStatusConfirmed)
		}
	}
}

// icsFloating is the form of a floating date-time: no Z, no zone.
const icsFloating = "20060102T150405"

func summary(e report.Entry) string {
	by := ""
	if e.DueBy {
		// A fuzzy due date drawn as its last day: say both.
		by = "by " + HumanDate(dates.OfTime(e.To)) + " — " + e.Date.Human()
	}
	switch e.Kind {
	case report.EntryMeeting:
		return e.Title
	case report.EntryCheckpoint:
		if by != "" {
			return e.Title + " (" + e.ID + "), " + by
		}
		return e.Title + " (" + e.ID + ")"
	}
	if by != "" {
		return "Due " + by + ": " + e.Title + " (" + e.ID + ")"
	}
	prefix := "Due: "
	if !e.From.Equal(e.To) && !e.From.Equal(e.Date.Start) {
		prefix = ""
	}
	return prefix + e.Title + " (" + e.ID + ")"
}

func description(e report.Entry, o Options) string {
	var lines []string
	add := func(label, value string) {
		if value != "" {
			lines = append(lines, label+": "+value)
		}
	}
	if e.Kind == report.EntryMeeting {
		add("Body", namesPlain(e.Owners))
		add("Date", e.Date.Human())
		add("Time", e.TimeText)
		if e.Detail != "" {
			lines = append(lines, "Agenda:\n"+e.Detail)
		}
	} else {
		add("ID", e.ID)
		add(titleKind(e.Kind), e.Title)
		add("Owners", namesPlain(e.Owners))
		add("Due", DueText(e.Date))
		add("Status", e.State)
		add("Objective", e.Detail)
	}
	if u := o.LinkURL(e.Link); strings.Contains(u, "://") {
		add("Record", u)
	} else {
		// A relative link means nothing inside a calendar: name the file and line.
		add("Record", fmt.Sprintf("%s, line %d", e.Link.Path, e.Link.Line))
	}
	return strings.Join(lines, "\n")
}

func titleKind(k string) string {
	if k == "" {
		return ""
	}
	return strings.ToUpper(k[:1]) + k[1:]
}

func namesPlain(ns []report.Name) string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = NameText(n)
	}
	return strings.Join(out, ", ")
}
