// Package list implements `igf meeting list`.
package list

import (
	"fmt"
	"io"
	"sort"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/query"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/core/report"
	"github.com/igf-records/igf/pkg/output"
	"github.com/igf-records/igf/pkg/render"
	"github.com/igf-records/igf/pkg/view"
)

// NewCmdList builds `igf meeting list`.
func NewCmdList(f *cmdutil.Factory) *cobra.Command {
	var from, to string
	out := cmdutil.ListOutput{Extra: []string{render.FormatICS}, ExtraExts: map[string]string{".ics": render.FormatICS}, Rows: []Row{}}
	var bodies, tags []string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List meetings, oldest first",
		Example: `  igf meeting list
  igf meeting list --body LP --from 2023 -o json`,
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
			var meetings []*record.Record
			for _, r := range l.Set.Records {
				if r.Type != record.TypeMeeting || !cmdutil.InBodies(l.Set, r.Body, bodies) || !query.HasTag(r, tags) {
					continue
				}
				if !window.IsTBD() && !r.Date.Overlaps(window) {
					continue
				}
				meetings = append(meetings, r)
			}
			sort.SliceStable(meetings, func(i, j int) bool { return meetings[i].Date.Before(meetings[j].Date) })
			if len(meetings) == 0 {
				fmt.Fprintln(f.IO.ErrOut, "no meetings match")
			}
			meetings = cmdutil.Cap(f.IO, meetings, out.Limit, "meetings")
			rows := make([]Row, 0, len(meetings))
			for _, r := range meetings {
				rows = append(rows, NewRow(r))
			}
			return out.Emit(cmdutil.List{
				JSON: rows,
				Table: func(format string) *output.TableData {
					t := &output.TableData{Headers: []string{"id", "date", "body", "format", "attendees", "decisions", "actions", "title"}}
					for _, r := range rows {
						t.Add(output.C(r.ID), output.C(view.TableDate(r.Date, format)), output.C(r.Body), output.C(r.Format),
							output.C(strconv.Itoa(r.Attendees)), output.C(strconv.Itoa(r.Decisions)),
							output.C(strconv.Itoa(r.Actions+r.Recommendations)), output.C(r.Title))
					}
					return t
				},
				Other: map[string]func(io.Writer) error{render.FormatICS: func(w io.Writer) error {
					today, err := f.Today()
					if err != nil {
						return err
					}
					var dayless []*record.Record
					for _, r := range meetings {
						if report.UncertainDate(r.Date) {
							dayless = append(dayless, r)
						}
					}
					cmdutil.NoteDayless(f.IO.ErrOut, dayless)
					return render.ICS(w, "IGF meetings", report.MeetingEntries(l.Set, meetings), today.Start, render.Options{Made: f.MadeRef()})
				}},
			})
		},
	}
	cmd.Flags().StringArrayVar(&bodies, "body", nil, "only meetings of this `BODY` (repeatable)")
	cmd.Flags().StringArrayVar(&tags, "tag", nil, "only meetings with this `TAG` (repeatable; any of them)")
	cmd.Flags().StringVar(&from, "from", "", "only meetings on or after this `DATE`")
	cmd.Flags().StringVar(&to, "to", "", "only meetings on or before this `DATE`")
	f.AddListFlags(cmd, &out)
	_ = cmd.RegisterFlagCompletionFunc("body", f.CompleteBodies)
	return cmd
}

// Row is one meeting of the list, as JSON.
type Row struct {
	ID              string     `json:"id"`
	Title           string     `json:"title"`
	Body            string     `json:"body"`
	Date            dates.Date `json:"date"`
	Time            string     `json:"time"`
	Format          string     `json:"format"`
	Location        string     `json:"location"`
	Attendees       int        `json:"attendees"`
	Regrets         int        `json:"regrets"`
	Actions         int        `json:"actions"`
	Decisions       int        `json:"decisions"`
	Recommendations int        `json:"recommendations"`
	Tags            []string   `json:"tags"`
	Path            string     `json:"path"`
}

// NewRow counts a meeting's people and items.
func NewRow(r *record.Record) Row {
	tags := r.Tags
	if tags == nil {
		tags = []string{}
	}
	return Row{ID: r.ID, Title: r.Title, Body: r.Body, Date: r.Date, Time: r.TimeText, Format: r.Format, Location: r.Location,
		Attendees: len(r.People["attendees"]), Regrets: len(r.People["regrets"]), Actions: count(r, record.KindAction),
		Decisions: count(r, record.KindDecision), Recommendations: count(r, record.KindRecommendation), Tags: tags, Path: r.Path}
}

func count(r *record.Record, kind string) int {
	n := 0
	for _, it := range r.Items {
		if it.Kind == kind {
			n++
		}
	}
	return n
}
