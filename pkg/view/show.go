package view

import (
	"fmt"
	"io"
	"strings"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/output"
)

// Record is the JSON form of a record, with its items.
type Record struct {
	*record.Record
	Items []Item `json:"items"`
}

// NewRecord shapes a record and its items.
func NewRecord(s *record.Set, r *record.Record, today dates.Date) Record {
	v := Record{Record: r, Items: []Item{}}
	for _, it := range r.Items {
		v.Items = append(v.Items, NewItem(s, it, today))
	}
	return v
}

// WriteItem prints one item for a person to read.
func WriteItem(w io.Writer, s *record.Set, it *record.Item, today dates.Date) {
	word, _ := StatusWord(it, today)
	fmt.Fprintf(w, "%s  %s\n", output.Visible(it.ID), output.Visible(it.Title))
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(w, "  %-12s %s\n", k+":", output.Visible(v))
		}
	}
	row("kind", it.Kind)
	if it.Trackable() {
		row("status", word)
		row("due", HumanDate(it.Due)+dateSuffix(it.Due))
	}
	if !it.Start.IsZero() {
		row("start", HumanDate(it.Start))
	}
	if !it.DoneDate.IsZero() {
		row("done", HumanDate(it.DoneDate))
	}
	var owners []string
	for _, o := range it.Owners {
		name := s.DisplayName(o)
		if c := s.Canonical(o); !strings.EqualFold(name, c) {
			name = c + " (" + name + ")"
		}
		owners = append(owners, name)
	}
	row("owners", strings.Join(owners, ", "))
	row("responsible", it.Responsible)
	row("objective", it.Objective)
	for _, t := range it.Tasks {
		row("task", t)
	}
	for _, c := range it.Checkpoints {
		row("checkpoint", c.Label+": "+HumanDate(c.Date))
	}
	row("depends on", strings.Join(it.DependsOn, ", "))
	row("parent", it.Parent)
	row("milestone", it.Milestone)
	row("note", it.Note)
	row("record", it.Record.ID+" — "+it.Record.Title)
	row("source", fmt.Sprintf("%s:%d:%d", it.Record.Path, it.Pos.Line, it.Pos.Col))
}

func dateSuffix(d dates.Date) string {
	if d.IsTBD() || d.Precision == dates.Day {
		return ""
	}
	return fmt.Sprintf(" (%s to %s)", d.Start.Format("2006-01-02"), d.End.Format("2006-01-02"))
}

// WriteRecord prints a record's facts and a summary of its items.
func WriteRecord(w io.Writer, s *record.Set, r *record.Record, today dates.Date) {
	fmt.Fprintf(w, "%s  %s\n", output.Visible(r.ID), output.Visible(r.Title))
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(w, "  %-12s %s\n", k+":", output.Visible(v))
		}
	}
	row("type", r.Type)
	if r.Body != "" {
		row("body", r.Body+" ("+s.DisplayName(r.Body)+")")
	}
	if !r.Date.IsZero() {
		row("date", HumanDate(r.Date))
	}
	row("time", r.TimeText)
	row("format", r.Format)
	row("location", r.Location)
	for _, role := range record.PersonFields {
		if refs := r.People[role]; len(refs) > 0 {
			names := make([]string, len(refs))
			for i, ref := range refs {
				names[i] = s.DisplayName(ref)
			}
			row(role, strings.Join(names, ", "))
		}
	}
	for i, a := range r.Agenda {
		row(fmt.Sprintf("agenda %d", i+1), a)
	}
	if nm := r.NextMeeting; nm != nil {
		row("next meeting", strings.TrimSpace(HumanDate(nm.Date)+" "+nm.Location))
	}
	row("meeting", r.Meeting)
	row("supersedes", strings.Join(r.Supersedes, ", "))
	if r.Type == record.TypeTimeline {
		row("runs", HumanDate(r.Start)+" to "+HumanDate(r.End))
	}
	if r.Registry != nil {
		row("people", fmt.Sprint(len(r.Registry.People)))
		row("bodies", fmt.Sprint(len(r.Registry.Bodies)))
	}
	row("path", r.Path)
	if len(r.Items) > 0 {
		fmt.Fprintf(w, "\n  items:\n")
		for _, it := range r.Items {
			word, _ := StatusWord(it, today)
			if !it.Trackable() {
				word = "decision"
			}
			owners := make([]string, len(it.Owners))
			for i, o := range it.Owners {
				owners[i] = s.Canonical(o)
			}
			fmt.Fprintf(w, "    %-22s %-9s %-12s %-16s %s\n", output.Visible(it.ID), word, output.Visible(orDash(it.Due.String())),
				output.Visible(ownerIDs(owners)), output.Visible(it.Title))
		}
	}
}
