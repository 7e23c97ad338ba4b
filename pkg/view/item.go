// Package view shapes records and items for output: the JSON objects, table
// rows and CSV columns every command prints them with.
package view

import (
	"strconv"
	"strings"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/query"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/output"
)

// Item is the JSON form of an action, recommendation, milestone or decision.
type Item struct {
	ID          string              `json:"id"`
	Kind        string              `json:"kind"`
	Title       string              `json:"title"`
	Owners      []Owner             `json:"owners"`
	OwnerIDs    []string            `json:"owner_ids"`
	Due         dates.Date          `json:"due"`
	DueText     string              `json:"due_text"`
	Start       dates.Date          `json:"start,omitzero"`
	Status      string              `json:"status"`
	Overdue     bool                `json:"overdue"`
	DoneDate    dates.Date          `json:"done_date,omitzero"`
	Parent      string              `json:"parent,omitempty"`
	Milestone   string              `json:"milestone,omitempty"`
	Objective   string              `json:"objective,omitempty"`
	Tasks       []string            `json:"tasks,omitempty"`
	Responsible string              `json:"responsible,omitempty"`
	Checkpoints []record.Checkpoint `json:"checkpoints,omitempty"`
	DependsOn   []string            `json:"depends_on,omitempty"`
	Note        string              `json:"note,omitempty"`
	Record      string              `json:"record"`
	RecordTitle string              `json:"record_title"`
	Body        string              `json:"body,omitempty"`
	Path        string              `json:"path"`
	Line        int                 `json:"line"`
	Col         int                 `json:"col"`
}

// NewItem shapes an item; today decides "overdue".
func NewItem(s *record.Set, it *record.Item, today dates.Date) Item {
	v := Item{ID: it.ID, Kind: it.Kind, Title: it.Title, Due: it.Due, DueText: HumanDate(it.Due),
		Start: it.Start, Status: it.Status, Overdue: query.IsOverdue(it, today), DoneDate: it.DoneDate,
		Parent: it.Parent, Milestone: it.Milestone, Objective: it.Objective, Tasks: it.Tasks,
		Responsible: it.Responsible, Checkpoints: it.Checkpoints, DependsOn: it.DependsOn, Note: it.Note,
		Record: it.Record.ID, RecordTitle: it.Record.Title, Body: it.Record.Body,
		Path: it.Record.Path, Line: it.Pos.Line, Col: it.Pos.Col,
		Owners: Owners(s, it.Owners), OwnerIDs: OwnerIDs(s, it.Owners)}
	return v
}

// HumanDate reads a date aloud: "1 March 2024", "mid-April 2024", "TBD", "no date".
func HumanDate(d dates.Date) string {
	if d.IsZero() {
		return "no date"
	}
	return d.Human()
}

// TableDate is a date as a table cell: in words ("1 March 2024") in a
// table meant for reading, as written (ISO, "2024-Q3") in CSV and Markdown
// files, which other tools read.
func TableDate(d dates.Date, format string) string {
	if format == output.Table {
		return HumanDate(d)
	}
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// StatusWord is the status a person reads: open, overdue, done, cancelled.
func StatusWord(it *record.Item, today dates.Date) (string, output.Style) {
	switch {
	case query.IsOverdue(it, today):
		return "overdue", output.Red
	case it.Status == record.StatusDone:
		return "done", output.Green
	case it.Status == record.StatusCancelled:
		return "cancelled", output.Dim
	}
	return it.Status, output.Plain
}

// ItemTable lays items out as ID, DUE, STATUS, OWNERS, KIND, TITLE, SOURCE.
func ItemTable(s *record.Set, items []*record.Item, today dates.Date) *output.TableData {
	t := &output.TableData{Headers: []string{"id", "due", "status", "owners", "kind", "title", "source"}}
	for _, it := range items {
		word, style := StatusWord(it, today)
		owners := make([]string, len(it.Owners))
		for i, o := range it.Owners {
			owners[i] = s.Canonical(o)
		}
		title := it.Title
		due := it.Due.String()
		if due == "" {
			due = "-"
		}
		t.Add(output.C(it.ID), output.C(due), output.Cell{Text: word, Style: style},
			output.C(strings.Join(owners, ",")), output.C(it.Kind), output.C(title),
			output.Cell{Text: it.Record.Path + ":" + strconv.Itoa(it.Pos.Line), Style: output.Dim})
	}
	return t
}
