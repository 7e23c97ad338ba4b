package render

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/igf-records/igf/pkg/core/report"
)

// mermaidText keeps a record value from breaking a gantt line: ':' ends a
// task name, '#' and '%%' start comments, ';' ends a statement, and GitHub
// strips anything that looks like a tag.
var mermaidText = strings.NewReplacer(
	":", " -", "#", "No.", ";", ",", "%", " percent", "<", "‹", ">", "›",
	"\r\n", " ", "\n", " ", "\r", " ", "\t", " ", "`", "'", "{", "(", "}", ")",
)

// MermaidLabel makes s safe as a gantt task or section name.
func MermaidLabel(s string) string {
	return strings.Join(strings.Fields(mermaidText.Replace(s)), " ")
}

// mermaidID makes an item ID a gantt task ID: letters, digits and '_'.
func mermaidID(id string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(id) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return "t_" + b.String()
}

const ymd = "2006-01-02"

// Mermaid writes the timeline as a raw Mermaid gantt chart, the text the
// Mermaid CLI (mmdc) and mermaid.live read: no Markdown fences. A fuzzy due
// date is drawn as the span it covers; a one-day due date with no start is a
// milestone. Mermaid's end dates are exclusive, so bars end the day after
// their last day.
//
// Sections are one per activity that has parts, and one for each run of
// activities without parts: a section per task would put a section name,
// drawn in the left margin, beside every row, and long names collide.
func Mermaid(w io.Writer, t *report.Timeline) error {
	var b strings.Builder
	sections := MermaidSections(t)
	// Section names sit in the left margin: make it wide enough for the
	// longest (about 7 px a character at Mermaid's 11 px section font).
	width := 0
	for _, s := range sections {
		width = max(width, utf8.RuneCountInString(s.Title))
	}
	fmt.Fprintf(&b, "%%%%{init: {\"gantt\": {\"leftPadding\": %d}}}%%%%\n", max(75, 7*width+20))
	b.WriteString("gantt\n")
	fmt.Fprintf(&b, "    title %s (status on %s)\n", MermaidLabel(t.Title), t.Today.Human())
	fmt.Fprintf(&b, "    %%%% made from %s\n", strings.Join(strings.Fields(MadeFrom(t.Provenance, t.Today)), " "))
	for _, line := range NotIncludedLines(t.NotIncluded) {
		// A comment ends only at the line's end.
		fmt.Fprintf(&b, "    %%%% not included: %s\n", strings.Join(strings.Fields(line), " "))
	}
	b.WriteString("    dateFormat YYYY-MM-DD\n")
	b.WriteString("    axisFormat %b %Y\n")
	// Mermaid draws its today marker at the reader's own date; the status
	// words in each task name are as of the --today the chart was made on.
	b.WriteString("    todayMarker stroke-width:3px,stroke:#d62728,opacity:0.7\n")
	for _, s := range sections {
		fmt.Fprintf(&b, "    section %s\n", MermaidLabel(s.Title))
		for _, it := range s.Items {
			if !it.Dated {
				fmt.Fprintf(&b, "    %%%% %s is due %s and is not drawn\n", MermaidLabel(it.ID), MermaidLabel(DueText(it.Due)))
				continue
			}
			name := MermaidLabel(fmt.Sprintf("%s %s (%s) %s", it.ID, it.Title, ownerRefs(it.Owners), stateWord(it.Line)))
			tags := mermaidTags(it, t.Today.Start)
			if it.Point {
				tags = append(tags, "milestone")
				fmt.Fprintf(&b, "    %s :%s, %s, 0d\n", name, strings.Join(append(tags, mermaidID(it.ID)), ", "), it.From.Format(ymd))
			} else {
				fmt.Fprintf(&b, "    %s :%s, %s, %s\n", name, strings.Join(append(tags, mermaidID(it.ID)), ", "),
					it.From.Format(ymd), it.To.AddDate(0, 0, 1).Format(ymd))
			}
			for _, cp := range it.Checkpoints {
				if cp.From.IsZero() {
					continue
				}
				if cp.Point {
					fmt.Fprintf(&b, "    %s :milestone, %s, %s, 0d\n", MermaidLabel(it.ID+" "+cp.Label), mermaidID(cp.ID), cp.From.Format(ymd))
				} else {
					fmt.Fprintf(&b, "    %s :%s, %s, %s\n", MermaidLabel(it.ID+" "+cp.Label), mermaidID(cp.ID), cp.From.Format(ymd), cp.To.AddDate(0, 0, 1).Format(ymd))
				}
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// MermaidMarkdown writes the chart in a ```mermaid block, which GitHub draws
// in any Markdown file.
func MermaidMarkdown(w io.Writer, t *report.Timeline) error {
	if _, err := io.WriteString(w, "```mermaid\n"); err != nil {
		return err
	}
	if err := Mermaid(w, t); err != nil {
		return err
	}
	_, err := io.WriteString(w, "```\n")
	return err
}

// MermaidSection is one section of the chart: an activity with its parts, or
// a run of activities that have none.
type MermaidSection struct {
	Title string
	Items []report.TimelineItem
}

// MermaidSections groups a timeline's sections for the chart. Names are short
// and unique (Mermaid merges sections of the same name and misplaces them):
// "iww-3 and its 5 parts", "iww-4 to iww-7".
func MermaidSections(t *report.Timeline) []MermaidSection {
	var out []MermaidSection
	run := false // the last section is a run of activities without parts
	for _, s := range t.Sections {
		if len(s.Items) > 1 || s.Items[0].ID != s.ID {
			out = append(out, MermaidSection{Title: fmt.Sprintf("%s and its %d parts", s.ID, len(s.Items)-1), Items: s.Items})
			run = false
			continue
		}
		if run {
			out[len(out)-1].Items = append(out[len(out)-1].Items, s.Items...)
			continue
		}
		out = append(out, MermaidSection{Items: s.Items})
		run = true
	}
	for i, s := range out {
		if s.Title != "" {
			continue
		}
		out[i].Title = s.Items[0].ID
		if n := len(s.Items); n > 1 {
			out[i].Title += " to " + s.Items[n-1].ID
		}
	}
	return out
}

func mermaidTags(it report.TimelineItem, today time.Time) []string {
	switch it.State {
	case report.StateMet, report.StateMetLate, report.StateDone, report.StateDoneUndated, report.StateCancelled:
		return []string{"done"}
	case report.StateSlipped, report.StateOverdue:
		return []string{"crit"}
	}
	if !today.Before(it.From) && !today.After(it.To) {
		return []string{"active"}
	}
	return nil
}

func ownerRefs(ns []report.Name) string {
	if len(ns) == 0 {
		return "no owner"
	}
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.Ref
	}
	return strings.Join(out, ", ")
}

// stateWord is a line's state in plain words, for charts and calendars.
func stateWord(l report.Line) string {
	switch l.State {
	case report.StateDoneUndated:
		return "done"
	case report.StateMetLate:
		return "met late"
	}
	return l.State
}
