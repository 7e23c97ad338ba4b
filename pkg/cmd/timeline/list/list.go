// Package list implements `igf timeline list`.
package list

import (
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/report"
	"github.com/igf-records/igf/pkg/output"
	"github.com/igf-records/igf/pkg/view"
)

// Row is one timeline of the list, its milestones counted on --today.
type Row struct {
	ID         string     `json:"id"`
	Title      string     `json:"title"`
	Body       string     `json:"body,omitempty"`
	Start      dates.Date `json:"start,omitzero"`
	End        dates.Date `json:"end,omitzero"`
	Milestones int        `json:"milestones"`
	Open       int        `json:"open"` // not done and not overdue
	Done       int        `json:"done"`
	Overdue    int        `json:"overdue"` // not done, due date passed: "slipped" in a report on a past period
	Path       string     `json:"path"`
}

// NewCmdList builds `igf timeline list`.
func NewCmdList(f *cmdutil.Factory) *cobra.Command {
	out := cmdutil.ListOutput{Rows: []Row{}}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List process timelines with their milestones counted",
		Long: `List every timeline record with its span and how many of its milestones are
done, overdue (due date passed, not done) and open on --today. (A report on a
period that is over calls an overdue milestone "slipped".)`,
		Example: `  igf timeline list
  igf timeline list --today 2024-06-30 -o json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			today, err := f.Today()
			if err != nil {
				return cmdutil.FlagError("%v", err)
			}
			l, err := f.LoadWithoutNames()
			if err != nil {
				return err
			}
			ts := report.Timelines(l.Set, today)
			if len(ts) == 0 {
				fmt.Fprintln(f.IO.ErrOut, "no timeline records")
			}
			ts = cmdutil.Cap(f.IO, ts, out.Limit, "timelines")
			rows := make([]Row, 0, len(ts))
			for _, s := range ts {
				rows = append(rows, Row{ID: s.ID, Title: s.Title, Body: s.Body, Start: s.Start, End: s.End, Milestones: s.Milestones,
					Open: s.Open, Done: s.Done, Overdue: s.Slipped, Path: s.Path})
			}
			return out.Emit(cmdutil.List{JSON: rows, Table: func(format string) *output.TableData {
				t := &output.TableData{Headers: []string{"id", "body", "start", "end", "milestones", "done", "overdue", "open", "title"}}
				for _, s := range rows {
					overdue := output.C(strconv.Itoa(s.Overdue))
					if s.Overdue > 0 {
						overdue.Style = output.Red
					}
					t.Add(output.C(s.ID), output.C(s.Body), output.C(view.TableDate(s.Start, format)), output.C(view.TableDate(s.End, format)),
						output.C(strconv.Itoa(s.Milestones)), output.C(strconv.Itoa(s.Done)), overdue,
						output.C(strconv.Itoa(s.Open)), output.C(s.Title))
				}
				return t
			}})
		},
	}
	f.AddListFlags(cmd, &out)
	return cmd
}
