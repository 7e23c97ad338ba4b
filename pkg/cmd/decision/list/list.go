// Package list implements `igf decision list`.
package list

import (
	"fmt"
	"sort"

	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/query"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/output"
	"github.com/igf-records/igf/pkg/view"
)

// Decision is one decision, from a meeting's body or a decision record.
type Decision struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Body       string   `json:"body"`
	Date       any      `json:"date"`
	Meeting    string   `json:"meeting,omitempty"`
	Supersedes []string `json:"supersedes,omitempty"`
	Path       string   `json:"path"`
	Line       int      `json:"line"`
	sortKey    *record.Record
}

// Collect lists every decision of the set: items in meeting bodies and
// standalone decision records, oldest first.
func Collect(s *record.Set) []Decision {
	var out []Decision
	for _, r := range s.Records {
		if r.Type == record.TypeDecision {
			out = append(out, Decision{ID: r.ID, Title: r.Title, Body: r.Body, Date: r.Date, Meeting: r.Meeting,
				Supersedes: r.Supersedes, Path: r.Path, Line: r.Pos.Line, sortKey: r})
		}
		for _, it := range r.Items {
			if it.Kind == record.KindDecision {
				out = append(out, Decision{ID: it.ID, Title: it.Title, Body: r.Body, Date: r.Date, Meeting: r.ID,
					Path: r.Path, Line: it.Pos.Line, sortKey: r})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].sortKey.Date.Before(out[j].sortKey.Date) })
	return out
}

// NewCmdList builds `igf decision list`.
func NewCmdList(f *cmdutil.Factory) *cobra.Command {
	var from, to string
	out := cmdutil.ListOutput{Rows: []Decision{}}
	var bodies, tags []string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List decisions, oldest first",
		Example: `  igf decision list
  igf decision list --body LP --from 2023-12 -o csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			window, err := cmdutil.Window(from, to)
			if err != nil {
				return err
			}
			load := f.Load
			if len(bodies) == 0 {
				load = f.LoadWithoutNames // nothing to resolve
			}
			l, err := load()
			if err != nil {
				return err
			}
			var ds []Decision
			for _, d := range Collect(l.Set) {
				if !cmdutil.InBodies(l.Set, d.Body, bodies) || !query.HasTag(d.sortKey, tags) || (!window.IsTBD() && !d.sortKey.Date.Overlaps(window)) {
					continue
				}
				ds = append(ds, d)
			}
			if len(ds) == 0 {
				fmt.Fprintln(f.IO.ErrOut, "no decisions match")
			}
			if ds == nil {
				ds = []Decision{}
			}
			ds = cmdutil.Cap(f.IO, ds, out.Limit, "decisions")
			return out.Emit(cmdutil.List{JSON: ds, Table: func(format string) *output.TableData {
				t := &output.TableData{Headers: []string{"id", "date", "body", "title", "source"}}
				for _, d := range ds {
					t.Add(output.C(d.ID), output.C(view.TableDate(d.sortKey.Date, format)), output.C(d.Body), output.C(d.Title),
						output.Cell{Text: fmt.Sprintf("%s:%d", d.Path, d.Line), Style: output.Dim})
				}
				return t
			}})
		},
	}
	cmd.Flags().StringArrayVar(&bodies, "body", nil, "only decisions of this `BODY` (repeatable)")
	cmd.Flags().StringArrayVar(&tags, "tag", nil, "only decisions from records with this `TAG` (repeatable; any of them)")
	cmd.Flags().StringVar(&from, "from", "", "only decisions on or after this `DATE`")
	cmd.Flags().StringVar(&to, "to", "", "only decisions on or before this `DATE`")
	f.AddListFlags(cmd, &out)
	_ = cmd.RegisterFlagCompletionFunc("body", f.CompleteBodies)
	return cmd
}
