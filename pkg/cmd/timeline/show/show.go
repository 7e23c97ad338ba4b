// Package show implements `igf timeline show`.
package show

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/core/report"
	"github.com/igf-records/igf/pkg/output"
	"github.com/igf-records/igf/pkg/render"
)

// Formats of `igf timeline show -o`.
const (
	Table   = "table"
	Mermaid = "mermaid"
	MD      = "md"
	ICS     = "ics"
	HTML    = "html"
	JSON    = "json"
)

var (
	formats = []string{Table, Mermaid, MD, ICS, HTML, JSON}
	// A .md file gets the fenced chart under a heading, ready for GitHub; a
	// .mmd file the raw chart the Mermaid CLI reads.
	exts = map[string]string{".md": MD, ".markdown": MD, ".mmd": Mermaid, ".mermaid": Mermaid,
		".ics": ICS, ".html": HTML, ".htm": HTML, ".json": JSON}
)

// NewCmdShow builds `igf timeline show ID`.
func NewCmdShow(f *cmdutil.Factory) *cobra.Command {
	var out, linkBase string
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show a timeline as a table, a Mermaid chart, a calendar or an HTML chart",
		Long: `Show a process timeline's milestones with their owners and status on --today.

  -o table     one line per milestone (tab-separated when piped)
  -o mermaid   a raw Mermaid gantt chart, as the Mermaid CLI (mmdc) reads it
  -o md        the same chart in a ` + "```mermaid" + ` block; GitHub draws it in any Markdown file
  -o ics       an iCalendar file to subscribe to (UIDs such as iww-1@igf stay stable)
  -o html      one self-contained page with an SVG chart and a line for today
  -o json      the milestones, placed on the calendar

-o also takes a file name ending .mmd (the raw chart), .md (the fenced chart
under a heading), .ics, .html or .json; the file is written whole or not at all. A fuzzy due date
(2024-09, 2024-04-mid) is drawn as the span it covers; a one-day due date with
no start is a milestone.`,
		Example: `  igf timeline show iww-2024
  igf timeline show iww-2024 -o docs/iww.md
  igf timeline show iww-2024 -o iww.mmd && mmdc -i iww.mmd -o iww.svg
  igf timeline show iww-2024 -o iww-2024.ics --today 2024-03-15`,
		Args: cobra.ExactArgs(1),
		ValidArgsFunction: f.CompleteIDs(func(r *record.Record, it *record.Item) bool {
			return it == nil && r.Type == record.TypeTimeline
		}),
		RunE: func(cmd *cobra.Command, args []string) error {
			target, err := render.ParseTarget(out, formats, exts)
			if err != nil {
				return cmdutil.FlagError("%v", err)
			}
			today, err := f.Today()
			if err != nil {
				return cmdutil.FlagError("%v", err)
			}
			l, err := f.Load()
			if err != nil {
				return err
			}
			r := l.Set.Record(args[0])
			if r == nil || r.Type != record.TypeTimeline {
				fmt.Fprintf(f.IO.ErrOut, "igf: no timeline %q\nhint: igf timeline list shows the timelines\n", args[0])
				return cmdutil.Findings()
			}
			t := report.NewTimeline(l.Set, r, today)
			t.Provenance = f.Provenance()
			o, err := cmdutil.LinkOptions(linkBase, l.Root, target.Path)
			if err != nil {
				return err
			}
			if target.Format == ICS && linkBase == "" {
				// A calendar names the file and line; a relative link means nothing there.
				o = render.Options{}
			}
			o.Made = &t.Provenance
			err = render.Emit(target, f.IO.Out, func(w io.Writer) error {
				switch target.Format {
				case Mermaid:
					return render.Mermaid(w, t)
				case MD:
					if target.Path != "" {
						fmt.Fprintf(w, "# %s\n\nMilestones of [%s](%s) with their owners and status on %s. GitHub draws the chart below;\nits red line is the reader's today.\n\n*Made from %s.*\n\n",
							render.Markdown(t.Title), render.Markdown(t.ID), o.LinkURL(t.Link), t.Today.Human(), render.Markdown(render.MadeFrom(t.Provenance, t.Today)))
					}
					if err := render.MermaidMarkdown(w, t); err != nil || target.Path == "" {
						return err
					}
					if s := o.NotIncludedMarkdown(t.NotIncluded, "timeline"); s != "" {
						_, err := fmt.Fprintf(w, "\n%s\n", s)
						return err
					}
					return nil
				case ICS:
					return render.ICS(w, t.Title, report.TimelineEntries(t), today.Start, o)
				case HTML:
					return render.TimelineHTML(w, t, o)
				case JSON:
					return render.JSON(w, t)
				}
				return table(t).Write(w, f.IO.TableOptions(output.Table))
			})
			if err != nil {
				return &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: err}
			}
			if target.Path != "" {
				if target.Format != ICS {
					cmdutil.NoteNoLinks(f.IO.ErrOut, o, target.Path)
				}
				fmt.Fprintf(f.IO.ErrOut, "wrote %s\n", target.Path)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", Table, "output `FORMAT`: table, mermaid, md, ics, html or json, or a file name ending .mmd, .md, .ics, .html or .json")
	cmd.Flags().StringVar(&linkBase, "link-base", "", "put this `URL` before record paths in links, e.g. https://github.com/ORG/REPO/blob/main/")
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions(formats, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func table(t *report.Timeline) *output.TableData {
	td := &output.TableData{Headers: []string{"id", "start", "due", "status", "owners", "title"}}
	for _, it := range t.Items {
		status := output.C(it.State)
		if it.Overdue() {
			status.Style = output.Red
		}
		start, due := "-", "-"
		if !it.Start.IsZero() {
			start = it.Start.String()
		}
		if !it.Due.IsZero() {
			due = it.Due.String()
		}
		owners := make([]string, len(it.Owners))
		for i, n := range it.Owners {
			owners[i] = n.Ref
		}
		title := it.Title
		if it.Depth > 0 {
			title = "  " + title
		}
		td.Add(output.C(it.ID), output.C(start), output.C(due), status, output.C(strings.Join(owners, ",")), output.C(title))
	}
	return td
}
