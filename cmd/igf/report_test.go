package main

import (
	"fmt"
	"os"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"
	"github.com/rogpeppe/go-internal/testscript"
)

func init() {
	scriptCmds["icsparse"] = icsParse
}

// icsparse FILE checks that FILE is an RFC 5545 calendar that golang-ical
// parses back, with CRLF line ends and lines folded at 75 octets, then
// prints it with LF line ends followed by one "event UID DTSTART DTEND"
// line per event (DTEND "-" for a timed event with only a start), so a
// script can cmp it against a golden file.
func icsParse(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: icsparse FILE")
	}
	text := ts.ReadFile(args[0])
	if !strings.HasSuffix(text, "\r\n") {
		ts.Fatalf("%s does not end in CRLF", args[0])
	}
	for i, line := range strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n") {
		if strings.ContainsAny(line, "\r\n") {
			ts.Fatalf("%s:%d: a bare CR or LF inside a line", args[0], i+1)
		}
		if len(line) > 75 {
			ts.Fatalf("%s:%d: %d octets, longer than 75", args[0], i+1, len(line))
		}
	}
	cal, err := ics.ParseCalendar(strings.NewReader(text))
	if err != nil {
		ts.Fatalf("%s does not parse: %v", args[0], err)
	}
	out := ts.Stdout()
	fmt.Fprint(out, strings.ReplaceAll(text, "\r\n", "\n"))
	for _, e := range cal.Events() {
		start, end := e.GetProperty(ics.ComponentPropertyDtStart), e.GetProperty(ics.ComponentPropertyDtEnd)
		if start == nil {
			ts.Fatalf("event %s lacks DTSTART", e.Id())
		}
		// No DTEND: a timed event with only a start ends at it (RFC 5545).
		endValue := "-"
		if end != nil {
			endValue = end.Value
		} else if !strings.Contains(start.Value, "T") {
			ts.Fatalf("all-day event %s lacks DTEND", e.Id())
		}
		fmt.Fprintf(out, "event %s %s %s\n", e.Id(), start.Value, endValue)
	}
}

// TestUpdateReportGoldens rewrites the expected output inside the report,
// timeline and calendar scripts from igf's current output. Run it after a
// deliberate change of the reports or of the records, then review the diff:
//
//	IGF_UPDATE_GOLDEN=1 go test ./cmd/igf -run 'TestUpdateReportGoldens/(report|timeline|calendar)_'
func TestUpdateReportGoldens(t *testing.T) {
	if os.Getenv("IGF_UPDATE_GOLDEN") == "" {
		t.Skip("set IGF_UPDATE_GOLDEN=1 to rewrite the golden files in the scripts")
	}
	p := Params(t, "../../testdata/script")
	p.UpdateScripts = true
	testscript.Run(t, p)
}
